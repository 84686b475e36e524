// The learning-records benchmark (npm run bench:courses): 200 learners at once posting xAPI statements to the built
// server for a while, against raw better-sqlite3 inserts of the same rows in the same run; then counts that none was
// lost and none stored twice (each learner also replays some ids). Each run times them posting one statement per
// request, then `--batch` statements per request (as the lesson page's queue sends what it holds). Writes
// bench/results/courses.md.
// Usage: node bench/courses/run.ts [--learners 200] [--seconds 20] [--runs 3] [--batch 25]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/connection.ts';
import { courseRuns, enrollments, users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { processCpuMs } from './server-cpu.ts';
import { startServer, tempDir } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '25' },
    out: { type: 'string', default: new URL('../results/courses.md', import.meta.url).pathname },
  },
});
const learnerCount = Number(values.learners);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const batchSize = Number(values.batch);
/** The longest the durable (synchronous=FULL) baseline inserts, at one fsync a row. */
const durableSeconds = 3;
const activities = ['solar-sizing-quiz', 'solar-safety-true-false'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startServer();
const scratch = tempDir('ic-bench-courses-');
try {
  const db = openDatabase(server.databasePath);
  const newRun = (code: string) =>
    db
      .insert(courseRuns)
      .values({
        courseSlug: 'solar-rooftop-installation-new-skill',
        code,
        startsOn: new Date(),
        endsOn: new Date(Date.now() + 86_400_000),
        enrollOpensAt: new Date(Date.now() - 86_400_000),
        enrollClosesAt: new Date(Date.now() + 86_400_000),
        capacity: learnerCount,
        mode: 'online',
        college: 'วิทยาลัยเทคนิคทดสอบ',
      })
      .returning()
      .get();
  const run = newRun('bench');
  // Nobody is enrolled in this one: statements for it are refused after the session, the body and one query, which
  // is what a request costs before anything is written (the ceiling the write path is measured against).
  const otherRun = newRun('bench-ceiling');
  // Accounts straight into the table (no password hashing: nobody signs in, each gets a session).
  const learners = Array.from({ length: learnerCount }, (_, i) => {
    const user = db
      .insert(users)
      .values({ email: `bench-${i}@bench.example`, passwordHash: 'x', role: 'student', nameTh: `ผู้เรียน ${i}`, studentLevel: 'vc', emailVerifiedAt: new Date() })
      .returning()
      .get();
    db.insert(enrollments).values({ runId: run.id, userId: user.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
    return { email: user.email, cookie: `session=${createSession(db, user.id).token}` };
  });
  const statementFor = (email: string) => {
    const activity = activities[Math.floor(Math.random() * activities.length)]!;
    const scaled = Math.round(Math.random() * 100) / 100;
    return {
      activity,
      statement: { id: crypto.randomUUID(), actor: { mbox: `mailto:${email}` }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: activityIri(activity) }, result: { score: { scaled } } },
    };
  };

  /**
   * POST, sent again when the server closed an idle keep-alive connection just as it was reused (it happens between
   * phases on a loaded machine). `retried` says the body may have been received before: its statements answered 409
   * were then stored by the first attempt.
   */
  async function post(cookie: string, body: unknown): Promise<{ response: Response; retried: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${server.url}/api/learn/statements`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        });
        return { response, retried: attempt > 0 };
      } catch (error) {
        const code = ((error as Error).cause as { code?: string } | undefined)?.code ?? '';
        if (attempt === 3 || !['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(code)) throw error;
      }
    }
  }

  const serverCpuMs = () => processCpuMs(server.pid);

  /** Every learner posting one statement after another to a run they are not in, for `seconds`: refusals per second. */
  async function ceiling(): Promise<{ rate: number; cpu: number }> {
    let refused = 0;
    const cpu = serverCpuMs();
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    await Promise.all(
      learners.map(async (learner) => {
        while (performance.now() < end) {
          const { response } = await post(learner.cookie, { runId: otherRun.id, ...statementFor(learner.email) });
          await response.arrayBuffer();
          if (response.status !== 403) throw new Error(`a statement for another run answered ${response.status}`);
          refused += 1;
        }
      }),
    );
    return { rate: refused / ((performance.now() - start) / 1000), cpu: (serverCpuMs() - cpu) / refused };
  }

  type Statement = ReturnType<typeof statementFor>;
  /**
   * Every learner posting `batch` statements per request, one request after another, for `seconds`; one statement in
   * twenty replays the learner's previous one, as a queue does after a lost answer. Every answer is checked.
   */
  async function load(batch: number) {
    const sent: Statement[] = [];
    let accepted = 0;
    let replays = 0;
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    const cpu = serverCpuMs();
    await Promise.all(
      learners.map(async (learner) => {
        let previous: Statement | undefined;
        while (performance.now() < end) {
          const statements: { body: Statement; replay: boolean }[] = [];
          for (let i = 0; i < batch; i++) {
            const replay = previous !== undefined && Math.random() < 0.05;
            const body = replay ? previous! : statementFor(learner.email);
            statements.push({ body, replay });
            previous = body;
          }
          const { response, retried } = await post(learner.cookie, batch === 1 ? { runId: run.id, ...statements[0]!.body } : { runId: run.id, statements: statements.map((s) => s.body) });
          const answer = (await response.json()) as { results?: { status: number }[] };
          if (batch > 1 && response.status !== 200) throw new Error(`a request of statements answered ${response.status}`);
          const statuses = batch === 1 ? [response.status] : answer.results!.map((r) => r.status);
          statuses.forEach((status, i) => {
            const { body, replay } = statements[i]!;
            if (status === 200 || (status === 409 && retried && !replay)) {
              accepted += 1;
              sent.push(body);
            } else if (status === 409 && replay) replays += 1;
            else throw new Error(`statement answered ${status}`);
          });
        }
      }),
    );
    return { rate: accepted / ((performance.now() - start) / 1000), cpu: (serverCpuMs() - cpu) / (accepted + replays), sent, accepted, replays };
  }

  const storedCount = () => db.$client.prepare('select count(*) from activity_statements where run_id = ?').pluck().get(run.id) as number;
  const results: { server: number; batched: number; raw: number; durable: number; refused: number; accepted: number; replays: number; stored: number; cpu: { single: number; batched: number; refused: number } }[] = [];
  for (let r = 0; r < runs; r++) {
    const before = storedCount();
    const single = await load(1);
    const batched = await load(batchSize);
    const sent = [...single.sent, ...batched.sent];
    const accepted = single.accepted + batched.accepted;
    const replays = single.replays + batched.replays;
    const stored = storedCount() - before;

    // Baseline: the same rows, inserted one statement at a time with better-sqlite3 into a copy of the same database.
    const copy = join(scratch.path, `raw-${r}.db`);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(server.databasePath, copy);
    const raw = openDatabase(copy);
    raw.$client.prepare('delete from activity_statements').run();
    const insert = raw.$client.prepare('insert into activity_statements (id, run_id, user_id, activity, verb, score_scaled, statement) values (?, ?, ?, ?, ?, ?, ?)');
    const userId = raw.select({ id: users.id }).from(users).where(eq(users.email, learners[0]!.email)).get()!.id;
    const rawStart = performance.now();
    for (const row of sent) insert.run(row.statement.id, run.id, userId, row.activity, 'http://adlnet.gov/expapi/verbs/answered', 0.5, JSON.stringify(row.statement));
    const rawRate = sent.length / ((performance.now() - rawStart) / 1000);
    raw.$client.close();
    // Second baseline, the same rows into a fresh copy opened with plain better-sqlite3 (WAL kept from the file) and
    // synchronous=FULL, so each autocommitted insert is synced like an acknowledged statement. FULL must be asked for:
    // better-sqlite3 builds SQLite with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so its default on a WAL file is NORMAL. At
    // one fsync a row it is timed over the first rows for at most `durableSeconds`.
    const durableCopy = join(scratch.path, `raw-full-${r}.db`);
    copyFileSync(server.databasePath, durableCopy);
    const durable = new Database(durableCopy);
    durable.pragma('synchronous = FULL');
    if (durable.pragma('journal_mode', { simple: true }) !== 'wal') throw new Error('the durable baseline is not in WAL mode');
    durable.prepare('delete from activity_statements').run();
    const durableInsert = durable.prepare('insert into activity_statements (id, run_id, user_id, activity, verb, score_scaled, statement) values (?, ?, ?, ?, ?, ?, ?)');
    const durableStart = performance.now();
    let durableRows = 0;
    for (const row of sent) {
      durableInsert.run(row.statement.id, run.id, userId, row.activity, 'http://adlnet.gov/expapi/verbs/answered', 0.5, JSON.stringify(row.statement));
      durableRows += 1;
      if (performance.now() - durableStart > durableSeconds * 1000) break;
    }
    const durableRate = durableRows / ((performance.now() - durableStart) / 1000);
    durable.close();
    const ceilingPhase = await ceiling();
    const refused = ceilingPhase.rate;
    results.push({ server: single.rate, batched: batched.rate, raw: rawRate, durable: durableRate, refused, accepted, replays, stored, cpu: { single: single.cpu, batched: batched.cpu, refused: ceilingPhase.cpu } });
    console.log(
      `run ${r + 1}: ${single.rate.toFixed(0)} statements/s over HTTP one per request, ${batched.rate.toFixed(0)}/s ${batchSize} per request, ${rawRate.toFixed(0)}/s raw (NORMAL), ${durableRate.toFixed(0)}/s raw (FULL), ${refused.toFixed(0)}/s refused before writing; server CPU ms per statement ${single.cpu.toFixed(2)} one per request, ${batched.cpu.toFixed(2)} ${batchSize} per request, ${ceilingPhase.cpu.toFixed(2)} refused; ${accepted} accepted, ${stored} stored, ${replays} replays refused`,
    );
  }
  db.$client.close();

  const lost = results.reduce((sum, r) => sum + Math.max(0, r.accepted - r.stored), 0);
  const duplicated = results.reduce((sum, r) => sum + Math.max(0, r.stored - r.accepted), 0);
  const serverRate = median(results.map((r) => r.server));
  const batchedRate = median(results.map((r) => r.batched));
  const rawRate = median(results.map((r) => r.raw));
  const durableRate = median(results.map((r) => r.durable));
  const refusedRate = median(results.map((r) => r.refused));
  // Ratios within each run (both sides met the same load), then their median.
  type Rates = 'server' | 'batched' | 'refused' | 'raw' | 'durable';
  const ratio = (rate: Rates, base: 'raw' | 'durable') => median(results.map((r) => r[rate] / r[base])).toFixed(3);
  const cpuOf = (phase: 'single' | 'batched' | 'refused') => median(results.map((r) => r.cpu[phase])).toFixed(2);
  const report = `# Learning records benchmark

Command: \`npm run bench:courses\` (\`--learners ${learnerCount} --seconds ${seconds} --runs ${runs} --batch ${batchSize}\`) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

${learnerCount} signed-in learners post xAPI statements to \`POST /api/learn/statements\` on the built server at once, each
as soon as the last was answered, for ${seconds} s per run one statement per request, then ${seconds} s ${batchSize} per request
(\`{runId, statements: [...]}\`, as the lesson page's queue sends what it holds); one statement in twenty replays the
learner's previous statement id.
Each accepted statement is validated, claimed in \`received_events\`, stored with its best score (and, when it passes
an activity for the first time, the learner's completion), in its own savepoint of a transaction shared with the
statements that arrived at the same time (group commit, synced to disk before any is answered). Two baselines insert
the same accepted rows into \`activity_statements\` of a copy of the database, one autocommitted better-sqlite3 insert
each, in the same run:
- **NORMAL**: the copy opened with our \`openDatabase\` (WAL, \`synchronous=NORMAL\`): no sync per insert, so a power
  loss may take the last inserts back. A weaker guarantee than the server's answer gives.
- **FULL**: the copy opened with plain \`new Database(path)\` (WAL kept from the file) and \`synchronous=FULL\`: each
  insert is synced before the next, the guarantee an acknowledged statement has. better-sqlite3's own default would
  not give it: it builds SQLite with \`SQLITE_DEFAULT_WAL_SYNCHRONOUS=1\`, so a WAL file opened with its defaults runs
  NORMAL, like the first baseline. Timed over the first rows for at most ${durableSeconds} s.

"Refused before writing" is the same learners posting to a run they are not in: the HTTP, session, body and one
query alone, the most the endpoint could do with no write at all. Medians over ${runs} runs; each ratio is the median
of the runs' own ratios (both sides of a ratio met the same load). The server's CPU time
(user and system, from \`/proc\`) per statement handled in each phase depends less on the shared machine's load than
the rates.

| | statements / s | ratio to NORMAL baseline | ratio to FULL baseline | server CPU ms per statement |
|---|---|---|---|---|
| over HTTP, one per request, validated, group commit | ${serverRate.toFixed(0)} | ${ratio('server', 'raw')} | ${ratio('server', 'durable')} | ${cpuOf('single')} |
| over HTTP, ${batchSize} per request, validated, group commit | ${batchedRate.toFixed(0)} | ${ratio('batched', 'raw')} | ${ratio('batched', 'durable')} | ${cpuOf('batched')} |
| over HTTP, refused before writing | ${refusedRate.toFixed(0)} | ${ratio('refused', 'raw')} | ${ratio('refused', 'durable')} | ${cpuOf('refused')} |
| raw better-sqlite3 inserts, \`openDatabase\` (NORMAL) | ${rawRate.toFixed(0)} | 1.000 | ${ratio('raw', 'durable')} | |
| raw better-sqlite3 inserts, \`synchronous=FULL\` | ${durableRate.toFixed(0)} | ${ratio('durable', 'raw')} | 1.000 | |

Accepted ${results.reduce((s, r) => s + r.accepted, 0)}, stored ${results.reduce((s, r) => s + r.stored, 0)}: ${lost} lost, ${duplicated} stored twice; ${results.reduce((s, r) => s + r.replays, 0)} replays answered 409 and not stored.
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
  if (lost > 0 || duplicated > 0) process.exitCode = 1;
} finally {
  await server.stop();
  scratch.remove();
}
