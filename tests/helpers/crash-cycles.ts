// The crash test's cycles, shared by tests/integration/crash.test.ts (a few) and bench/crash/run.ts (many): bursts of
// progress reports, xAPI statements, completions, enrollments and admin writes against the built server, a SIGKILL
// in the middle of a burst, a restart, then every write the server had acknowledged (a 2xx or 303 received) looked up
// in the database, and `PRAGMA integrity_check` on the file the killed server left.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/connection.ts';
import { activityResults, courseRuns, enrollments, lessonProgress, users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { startServer, tempDir, type RunningServer } from './server.ts';

const course = 'solar-rooftop-installation-new-skill';
const outline = readCourseOutline(new URL('../../content', import.meta.url).pathname, course)!;
const staffField = 'electronics';

export interface CrashOptions {
  cycles: number;
  /** The kill comes at a random moment between these many milliseconds after each kind of write was acknowledged once. */
  killAfterMs: [number, number];
  /** Concurrent clients per kind of write. */
  clientsPerKind: number;
  log?: (line: string) => void;
}

type Kind = 'progress' | 'statements' | 'enrollments' | 'completions' | 'staff';
const kinds: Kind[] = ['progress', 'statements', 'enrollments', 'completions', 'staff'];

export interface CrashReport {
  cycles: number;
  /** Writes the server acknowledged, per kind, over all cycles. */
  acknowledged: Record<Kind, number>;
  /** Requests cut off by the kill (sent, no complete answer): the kills did land mid-burst. */
  interrupted: number;
  /** Acknowledged writes not found after the restart, described. */
  lost: string[];
  /** Answers of 500 or more received during the bursts. */
  serverErrors: string[];
  /** Each cycle's `PRAGMA integrity_check` of the file the killed server left ('ok' when intact). */
  integrity: string[];
  seconds: number;
}

interface Person {
  id: number;
  email: string;
  cookie: string;
}

function person(db: Db, role: 'student' | 'admin', tag: string): Person {
  const user = db
    .insert(users)
    .values({ email: `${tag}-${crypto.randomUUID().slice(0, 8)}@crash.example`, passwordHash: 'x', role, nameTh: `ทดสอบ ${tag}`, studentLevel: role === 'student' ? 'vc' : null, emailVerifiedAt: new Date() })
    .returning()
    .get();
  return { id: user.id, email: user.email, cookie: `session=${createSession(db, user.id).token}` };
}

/** A learner enrolled in the run; `nearlyDone` has finished every lesson but the last and passed every activity. */
function learner(db: Db, runId: number, tag: string, nearlyDone = false): Person {
  const p = person(db, 'student', tag);
  const now = new Date();
  db.insert(enrollments).values({ runId, userId: p.id, status: 'enrolled', queuedAt: now, enrolledAt: now }).run();
  if (nearlyDone) {
    for (const lesson of outline.lessons.slice(0, -1)) db.insert(lessonProgress).values({ runId, userId: p.id, lesson: lesson.slug, position: 1, openedAt: now, completedAt: now }).run();
    for (const activity of outline.activities) db.insert(activityResults).values({ runId, userId: p.id, activity: activity.id, bestScore: 1, passed: true, attempts: 1, updatedAt: now }).run();
  }
  return p;
}

export async function crashCycles(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const dir = tempDir('ic-crash-');
  const databasePath = join(dir.path, 'crash.db');
  const env = { UPLOADS_DIR: join(dir.path, 'uploads') };
  let server: RunningServer = await startServer({ databasePath, env });
  const db = openDatabase(databasePath);
  const report: CrashReport = {
    cycles: 0,
    acknowledged: { progress: 0, statements: 0, enrollments: 0, completions: 0, staff: 0 },
    interrupted: 0,
    lost: [],
    serverErrors: [],
    integrity: [],
    seconds: 0,
  };
  try {
    const day = 86_400_000;
    const run = db
      .insert(courseRuns)
      .values({
        courseSlug: course,
        code: 'crash',
        startsOn: new Date(Date.now() - day),
        endsOn: new Date(Date.now() + 30 * day),
        enrollOpensAt: new Date(Date.now() - day),
        enrollClosesAt: new Date(Date.now() + 30 * day),
        capacity: 100_000,
        mode: 'online',
        college: 'วิทยาลัยเทคนิคทดสอบ',
      })
      .returning()
      .get();
    const admin = person(db, 'admin', 'admin');
    const readers = Array.from({ length: options.clientsPerKind }, (_, i) => learner(db, run.id, `reader${i}`));

    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const acked: Record<Kind, string[]> = { progress: [], statements: [], enrollments: [], completions: [], staff: [] };
      // Fresh people for the writes that happen once per person; more than a burst can use.
      const newcomers = Array.from({ length: 60 }, (_, i) => person(db, 'student', `new${cycle}-${i}`));
      const finishers = Array.from({ length: 60 }, (_, i) => learner(db, run.id, `fin${cycle}-${i}`, true));
      const candidates = Array.from({ length: 60 }, (_, i) => person(db, 'student', `staff${cycle}-${i}`));
      let killed = false;

      const post = async (path: string, body: string, type: string, cookie: string): Promise<{ status: number; location: string; json: unknown } | undefined> => {
        try {
          const response = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': type, cookie, origin: server.origin }, body, redirect: 'manual' });
          const text = await response.text();
          if (response.status >= 500) report.serverErrors.push(`${path} ${response.status} ${text.slice(0, 200)}`);
          return { status: response.status, location: response.headers.get('location') ?? '', json: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
        } catch {
          // Refused, reset or cut short by the kill: never acknowledged.
          if (killed) report.interrupted += 1;
          else throw new Error(`${path} failed before the kill\n${server.output().slice(-2000)}`);
          return undefined;
        }
      };
      const json = (path: string, body: unknown, who: Person) => post(path, JSON.stringify(body), 'application/json', who.cookie);
      const form = (path: string, fields: Record<string, string>, who: Person) => post(path, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', who.cookie);

      const work: Record<Kind, (client: number) => Promise<boolean>> = {
        progress: async (client) => {
          const id = crypto.randomUUID();
          const lesson = outline.lessons[Math.floor(Math.random() * outline.lessons.length)]!.slug;
          const answer = await json('/api/learn/progress', { id, runId: run.id, lesson, position: Math.random(), completed: false }, readers[client]!);
          if (answer?.status === 200) acked.progress.push(id);
          return answer !== undefined;
        },
        statements: async (client) => {
          const reader = readers[client]!;
          const activity = outline.activities[Math.floor(Math.random() * outline.activities.length)]!.id;
          const id = crypto.randomUUID();
          const statement = { id, actor: { mbox: `mailto:${reader.email}` }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: activityIri(activity) }, result: { score: { scaled: Math.random() } } };
          const answer = await json('/api/learn/statements', { runId: run.id, activity, statement }, reader);
          if (answer?.status === 200) acked.statements.push(id);
          return answer !== undefined;
        },
        enrollments: async () => {
          const who = newcomers.pop();
          if (!who) return false;
          const answer = await form(`/courses/${course}`, { intent: 'enroll', runId: String(run.id) }, who);
          if (answer?.status === 303 && answer.location.includes('saved=enrolled')) acked.enrollments.push(String(who.id));
          return answer !== undefined;
        },
        completions: async () => {
          const who = finishers.pop();
          if (!who) return false;
          const answer = await json('/api/learn/progress', { id: crypto.randomUUID(), runId: run.id, lesson: outline.lessons.at(-1)!.slug, position: 1, completed: true }, who);
          if (answer?.status === 200 && (answer.json as { percent?: number }).percent === 100) acked.completions.push(String(who.id));
          return answer !== undefined;
        },
        staff: async () => {
          const who = candidates.pop();
          if (!who) return false;
          const answer = await form('/admin/staff', { intent: 'grant', email: who.email, fields: staffField }, admin);
          if (answer?.status === 303 && answer.location.includes('done=grant')) acked.staff.push(String(who.id));
          return answer !== undefined;
        },
      };

      const clients = kinds.flatMap((kind) =>
        Array.from({ length: options.clientsPerKind }, async (_, client) => {
          while (!killed && (await work[kind](client)));
        }),
      );
      // The kill lands once every kind of write has been acknowledged at least once (however slow the machine), then
      // at a random moment while the clients keep writing.
      const deadline = Date.now() + 120_000;
      while (kinds.some((kind) => acked[kind].length === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      const [min, max] = options.killAfterMs;
      await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
      killed = true;
      process.kill(server.pid, 'SIGKILL');
      await Promise.all(clients);
      await exited(server.pid);

      // The file as the killed server left it (its WAL recovered by this fresh connection), before anything else opens it.
      const left = new Database(databasePath);
      report.integrity.push((left.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '));
      left.close();

      server = await startServer({ databasePath, env });
      report.lost.push(...missing(db, run.id, acked).map((what) => `cycle ${cycle + 1}: ${what}`));
      for (const kind of kinds) report.acknowledged[kind] += acked[kind].length;
      report.cycles += 1;
      options.log?.(`cycle ${cycle + 1}: ${kinds.map((k) => `${acked[k].length} ${k}`).join(', ')} acknowledged; ${report.lost.length} lost so far`);
    }
  } finally {
    db.$client.close();
    await server.stop();
    dir.remove();
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function exited(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each acknowledged write that the database does not hold. */
function missing(db: Db, runId: number, acked: Record<Kind, string[]>): string[] {
  const sql = db.$client;
  const checks: Record<Kind, (key: string) => boolean> = {
    progress: (id) => sql.prepare('select 1 from received_events where id = ?').get(id) !== undefined,
    statements: (id) => sql.prepare('select 1 from activity_statements where id = ?').get(id) !== undefined,
    enrollments: (user) => sql.prepare(`select 1 from enrollments where run_id = ? and user_id = ? and status = 'enrolled'`).get(runId, user) !== undefined,
    completions: (user) =>
      sql.prepare('select 1 from completions where run_id = ? and user_id = ?').get(runId, user) !== undefined &&
      sql.prepare('select 1 from certificates where run_id = ? and user_id = ?').get(runId, user) !== undefined,
    staff: (user) => sql.prepare('select 1 from field_staff where user_id = ? and field_slug = ?').get(user, staffField) !== undefined,
  };
  return kinds.flatMap((kind) => acked[kind].filter((key) => !checks[kind](key)).map((key) => `${kind} ${key}`));
}
