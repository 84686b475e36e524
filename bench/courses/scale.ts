// Learning pages at scale (npm run bench:courses-scale): the learner's lesson page, /learn and a run's roster for its
// teacher, on two servers side by side: one on the demo data (the baseline), one whose database got 10,000 learners
// and 1,000,000 xAPI statements (with their received ids, best results and lesson progress, generated with a fixed
// seed straight into SQLite) while it ran. Requests to the two alternate one by one, so both meet the same load.
// Writes bench/results/courses-scale.md.
// Usage: node bench/courses/scale.ts [--learners 10000] [--statements 1000000] [--requests 30] [--runs 3]
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/connection.ts';
import { courseRuns, users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { random as seededRandom } from '../../src/lib/seeded-random.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { timeAlternating } from '../http-timing.ts';
import { startServer, type RunningServer } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '10000' },
    statements: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/courses-scale.md', import.meta.url).pathname },
  },
});
const learnerCount = Number(values.learners);
const statementCount = Number(values.statements);
const timing = { requests: Number(values.requests), runs: Number(values.runs), warmups: 3 };
const contentDir = new URL('../../content', import.meta.url).pathname;
const courses = ['solar-rooftop-installation-new-skill', 'diesel-common-rail-diagnostics-upskill', 'wil-workplace-coaching-teacher-training'];
/** Learners per generated run: a large class, as rosters go. */
const perRun = 500;

/**
 * Statement ids in insertion order (the shape of a UUID v7: time first), so a million primary keys append to the
 * index instead of landing at random places in it: generating is quicker, reading the same.
 */
const idBase = Date.now().toString(16).padStart(12, '0');
const orderedId = (n: number) => {
  const hex = n.toString(16).padStart(18, '0');
  return `${idBase.slice(0, 8)}-${idBase.slice(8, 12)}-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6, 18)}`;
};

// A new database makes its demo data first: on a busy machine that takes longer than a test's start allows.
const demo = await startServer({ startTimeoutMs: 300_000 });
const server = await startServer({ startTimeoutMs: 300_000 });
try {
  const demoDb = openDatabase(demo.databasePath);
  const db = openDatabase(server.databasePath);
  type Page = { name: string; url: string; headers: Record<string, string> };
  /** The demo student's lesson page and /learn and the demo diesel run's roster (as an admin) on one server. */
  const demoPages = (on: RunningServer, database: typeof db): Page[] => {
    const sessionIn = (email: string) => ({ cookie: `session=${createSession(database, database.select().from(users).where(eq(users.email, email)).get()!.id).token}` });
    const demoRun = database.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, 'diesel-common-rail-diagnostics-upskill'), eq(courseRuns.code, '2569-1'))).get()!;
    const learner = sessionIn('student@demo.example');
    return [
      { name: 'lesson page', url: `${on.url}/learn/diesel-common-rail-diagnostics-upskill/reading-fault-codes`, headers: learner },
      { name: '/learn', url: `${on.url}/learn`, headers: learner },
      { name: 'roster (teacher)', url: `${on.url}/teach/${demoRun.id}`, headers: sessionIn('admin@demo.example') },
    ];
  };
  const sessionOf = (userId: number) => ({ cookie: `session=${createSession(db, userId).token}` });
  const admin = sessionOf(db.select().from(users).where(eq(users.email, 'admin@demo.example')).get()!.id);

  console.log(`generating ${learnerCount} learners and ${statementCount} statements`);
  const random = seededRandom(20261202);
  const generateStart = performance.now();
  const client = db.$client;
  const outlines = courses.map((course) => readCourseOutline(contentDir, course)!);
  const insertUser = client.prepare("insert into users (email, password_hash, role, name_th, student_level, email_verified_at) values (?, 'x', 'student', ?, 'hvc', ?)");
  const insertRun = client.prepare(
    "insert into course_runs (course_slug, code, starts_on, ends_on, enroll_opens_at, enroll_closes_at, capacity, mode, college) values (?, ?, ?, ?, ?, ?, ?, 'online', 'วิทยาลัยเทคนิคทดสอบ')",
  );
  const insertEnrollment = client.prepare("insert into enrollments (run_id, user_id, status, queued_at, enrolled_at, last_lesson) values (?, ?, 'enrolled', ?, ?, ?)");
  const insertProgress = client.prepare('insert into lesson_progress (run_id, user_id, lesson, position, opened_at, completed_at) values (?, ?, ?, ?, ?, ?)');
  const insertStatement = client.prepare('insert into activity_statements (id, run_id, user_id, activity, verb, score_scaled, success, statement) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertReceived = client.prepare("insert into received_events (id, user_id, kind) values (?, ?, 'statement')");
  const insertResult = client.prepare('insert into activity_results (run_id, user_id, activity, best_score, passed, attempts, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
  const now = Date.now();
  const generated: { runId: number; userId: number; course: number }[] = [];
  const runIds: { id: number; course: number }[] = [];
  client.transaction(() => {
    for (let r = 0; r < Math.ceil(learnerCount / perRun); r++) {
      const course = r % courses.length;
      const info = insertRun.run(courses[course], `scale-${r}`, now - 10 * 86_400_000, now + 30 * 86_400_000, now - 20 * 86_400_000, now + 86_400_000, perRun);
      runIds.push({ id: Number(info.lastInsertRowid), course });
    }
    for (let i = 0; i < learnerCount; i++) {
      const userId = Number(insertUser.run(`scale-${i}@bench.example`, `ผู้เรียน ${String(i).padStart(5, '0')}`, now).lastInsertRowid);
      const run = runIds[Math.floor(i / perRun)]!;
      const lessons = outlines[run.course]!.lessons;
      const done = Math.floor(random() * (lessons.length + 1));
      insertEnrollment.run(run.id, userId, now - 5 * 86_400_000, now - 5 * 86_400_000, lessons[Math.min(done, lessons.length - 1)]!.slug);
      for (const [index, lesson] of lessons.entries()) {
        if (index > done) break;
        insertProgress.run(run.id, userId, lesson.slug, index < done ? 1 : random(), now, index < done ? now : null);
      }
      generated.push({ runId: run.id, userId, course: run.course });
    }
    const perLearner = Math.floor(statementCount / learnerCount);
    const best = new Map<string, { score: number; attempts: number }>();
    let written = 0;
    for (const [i, learner] of generated.entries()) {
      const activities = outlines[learner.course]!.activities;
      const count = i === generated.length - 1 ? statementCount - written : perLearner;
      for (let s = 0; s < count; s++) {
        const activity = activities[s % activities.length]!.id;
        const scaled = Math.round(random() * 100) / 100;
        const id = orderedId(written + s);
        const statement = { id, actor: { mbox: `mailto:scale-${i}@bench.example` }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: activityIri(activity) }, result: { score: { scaled } } };
        insertReceived.run(id, learner.userId);
        insertStatement.run(id, learner.runId, learner.userId, activity, statement.verb.id, scaled, null, JSON.stringify(statement));
        const key = `${learner.runId}:${learner.userId}:${activity}`;
        const previous = best.get(key);
        best.set(key, { score: Math.max(previous?.score ?? 0, scaled), attempts: (previous?.attempts ?? 0) + 1 });
      }
      written += count;
    }
    for (const [key, { score, attempts }] of best) {
      const [runId, userId, activity] = key.split(':');
      insertResult.run(Number(runId), Number(userId), activity, score, score >= 0.6 ? 1 : 0, attempts, now);
    }
  })();
  client.pragma('wal_checkpoint(TRUNCATE)');
  const generateSeconds = (performance.now() - generateStart) / 1000;
  const counts = {
    statements: client.prepare('select count(*) from activity_statements').pluck().get() as number,
    enrolled: client.prepare("select count(*) from enrollments where status = 'enrolled'").pluck().get() as number,
  };
  const databaseMb = statSync(server.databasePath).size / 2 ** 20;
  console.log(`generated in ${generateSeconds.toFixed(0)} s: ${counts.enrolled} enrolled, ${counts.statements} statements, ${databaseMb.toFixed(0)} MB`);

  // The server's idle connections timed out while the data was written: start from fresh ones.
  for (let attempt = 0; ; attempt++) {
    try {
      await (await fetch(`${server.url}/`, { headers: { connection: 'close' } })).text();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // The demo pages on both servers, and a generated learner's and run's own on the large one, all requests alternating.
  const someone = generated[0]!;
  const someoneCookie = sessionOf(someone.userId);
  const generatedPages: Page[] = [
    { name: 'lesson page', url: `${server.url}/learn/${courses[someone.course]}/${outlines[someone.course]!.lessons[1]!.slug}`, headers: someoneCookie },
    { name: '/learn', url: `${server.url}/learn`, headers: someoneCookie },
    { name: 'roster (teacher)', url: `${server.url}/teach/${someone.runId}`, headers: admin },
  ];
  const [baselinePages, atScalePages] = [demoPages(demo, demoDb), demoPages(server, db)];
  const baseline = new Map<string, [number, number]>();
  const atScale = new Map<string, [number, number]>();
  const generatedTimes = new Map<string, [number, number]>();
  for (const [i, page] of baselinePages.entries()) {
    const [b, s, g] = await timeAlternating([page, atScalePages[i]!, generatedPages[i]!], timing);
    baseline.set(page.name, b!);
    atScale.set(page.name, s!);
    generatedTimes.set(page.name, g!);
  }
  db.$client.close();
  demoDb.$client.close();

  const row = (name: string, scale: Map<string, [number, number]>) => {
    const [b50, b95] = baseline.get(name)!;
    const [s50, s95] = scale.get(name)!;
    return `| ${name} | ${b50.toFixed(1)} / ${b95.toFixed(1)} | ${s50.toFixed(1)} / ${s95.toFixed(1)} | ${(s50 / b50).toFixed(2)} / ${(s95 / b95).toFixed(2)} |`;
  };
  const report = `# Learning pages at scale

Command: \`npm run bench:courses-scale\` (\`--learners ${learnerCount} --statements ${statementCount} --requests ${timing.requests} --runs ${timing.runs}\`) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

Two built servers side by side, each page requested one at a time, the servers' requests alternating one by one
(${timing.warmups} warm-ups, then ${timing.requests} requests; p50 / p95 in ms, medians of ${timing.runs} runs): one on the demo data (the demo
student's lesson page and /learn, the demo diesel run's roster as an admin), the other after ${counts.enrolled - learnerCount > 0 ? `${learnerCount} generated learners (${counts.enrolled} enrolled in all)` : `${learnerCount} learners`} in ${runIds.length} runs of ${perRun} and ${counts.statements.toLocaleString('en')} stored statements
(each with its received id, best results, lesson progress; fixed seed) were written into the same database
(${databaseMb.toFixed(0)} MB, generated in ${generateSeconds.toFixed(0)} s). Target: p50 within 1.5× of the demo data.

| page | demo data p50 / p95 | at scale p50 / p95 | ratio p50 / p95 |
|---|---|---|---|
${['lesson page', '/learn', 'roster (teacher)'].map((name) => row(name, atScale)).join('\n')}
${['lesson page', '/learn', 'roster (teacher)'].map((name) => row(name, generatedTimes).replace(`| ${name} |`, `| ${name}, a generated learner${name.startsWith('roster') ? `'s run (${perRun} learners)` : ` (${Math.floor(statementCount / learnerCount)} statements)`} |`)).join('\n')}
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
} finally {
  await Promise.all([demo.stop(), server.stop()]);
}
