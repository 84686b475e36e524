// The load benchmark (npm run bench:load): the built server with a large catalog (generated items, bench/catalog/
// generate.ts) and many learners, under a realistic mix of requests from autocannon (home, field pages, search and
// suggestions, item pages, lesson pages and progress posts as signed-in learners, downloads) at each number of
// connections, first with Meilisearch up, then with it stopped (searches fall back to the embedded index).
// Reports throughput, p50/p95/p99 and the error rate; writes bench/results/load.md.
// Usage: node bench/load/run.ts [--items 100000] [--learners 10000] [--connections 50,200] [--seconds 20] [--no-meilisearch]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../../db/connection.ts';
import { courseRuns, enrollments, users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../tests/helpers/meilisearch.ts';
import { startServer, tempDir, type RunningServer } from '../../tests/helpers/server.ts';
import { quantile } from '../http-timing.ts';
import { generateItems } from '../catalog/generate.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    learners: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '20' },
    'no-meilisearch': { type: 'boolean', default: false },
    out: { type: 'string', default: new URL('../results/load.md', import.meta.url).pathname },
  },
});
const itemCount = Number(values.items);
const learnerCount = Number(values.learners);
const connectionCounts = values.connections.split(',').map(Number);
const seconds = Number(values.seconds);
const root = new URL('../../', import.meta.url).pathname;
const contentDir = join(root, 'content');
const course = 'solar-rooftop-installation-new-skill';
const lessons = readCourseOutline(contentDir, course)!.lessons.map((l) => l.slug);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const work = tempDir('ic-bench-load-');
const databasePath = join(work.path, 'load.db');
let meilisearch: RunningMeilisearch | undefined;
let server: RunningServer | undefined;

/** Everything the mix needs: a prepared database, items, learners enrolled in one run, sessions for the signed-in part. */
async function prepare(): Promise<{ runId: number; cookies: string[]; setupSeconds: Record<string, number> }> {
  const setupSeconds: Record<string, number> = {};
  let start = performance.now();
  // A first start migrates the new database and writes the demo content, users and courses; then it is stopped so
  // the bulk data goes in without a server competing for the write lock.
  const first = await startServer({ databasePath, startTimeoutMs: 600_000 });
  await first.stop();
  setupSeconds.prepare = (performance.now() - start) / 1000;

  const db = openDatabase(databasePath);
  start = performance.now();
  log(`saving ${itemCount} generated catalog items`);
  saveItems(db, generateItems(itemCount, contentDir));
  setupSeconds.items = (performance.now() - start) / 1000;

  start = performance.now();
  log(`adding ${learnerCount} learners enrolled in one run`);
  const now = new Date();
  const run = db
    .insert(courseRuns)
    .values({
      courseSlug: course,
      code: 'load',
      startsOn: new Date(now.getTime() - 86_400_000),
      endsOn: new Date(now.getTime() + 30 * 86_400_000),
      enrollOpensAt: new Date(now.getTime() - 86_400_000),
      enrollClosesAt: new Date(now.getTime() + 86_400_000),
      capacity: learnerCount,
      mode: 'online',
      college: 'วิทยาลัยเทคนิคทดสอบ',
    })
    .returning()
    .get();
  const ids: number[] = [];
  db.$client.transaction(() => {
    for (let i = 0; i < learnerCount; i++) {
      // Straight into the table: nobody signs in with a password here, each signed-in connection gets a session.
      const user = db
        .insert(users)
        .values({ email: `load-${i}@bench.example`, passwordHash: 'x', role: 'student', nameTh: `ผู้เรียน ${i}`, studentLevel: 'vc', emailVerifiedAt: now })
        .returning({ id: users.id })
        .get();
      db.insert(enrollments).values({ runId: run.id, userId: user.id, status: 'enrolled', queuedAt: now, enrolledAt: now }).run();
      ids.push(user.id);
    }
  })();
  const cookies = ids.slice(0, Math.max(...connectionCounts)).map((id) => `session=${createSession(db, id).token}`);
  setupSeconds.learners = (performance.now() - start) / 1000;
  db.$client.close();

  if (!values['no-meilisearch']) {
    meilisearch = await startMeilisearch({ maxIndexingMemory: '2 GiB' });
  }
  start = performance.now();
  log(`indexing the catalog (${values['no-meilisearch'] ? 'embedded index' : 'embedded index and Meilisearch'})`);
  // The search CLI rebuilds every configured engine; the launcher then finds the index current and starts at once.
  const reindex = spawnSync(process.execPath, ['search/cli.ts', 'reindex'], { cwd: root, env: { ...process.env, ...serverEnv() }, encoding: 'utf8' });
  if (reindex.status !== 0) throw new Error(`reindex failed:\n${reindex.stdout}\n${reindex.stderr}`);
  setupSeconds.index = (performance.now() - start) / 1000;
  return { runId: run.id, cookies, setupSeconds };
}

function serverEnv(): Record<string, string> {
  return {
    DATABASE_PATH: databasePath,
    UPLOADS_DIR: join(work.path, 'uploads'),
    NODE_ENV: 'test',
    DEMO_NETWORK: '0',
    ...(meilisearch ? { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key } : {}),
  };
}

type Kind = 'home' | 'field' | 'search' | 'suggest' | 'item' | 'lesson' | 'progress' | 'download';
interface MixEntry {
  kind: Kind;
  path: string;
  signedIn?: boolean;
}

/** One cycle of the mix each connection repeats: pages weighted by how often people ask for them. */
function mix(downloadPath: string): MixEntry[] {
  const fields = ['electrical-technology', 'hotel-management', 'mechatronics-and-robotics', 'logistics-and-supply-chain-management', 'automotive-service-technology', 'renewable-energy-technology'];
  const queries = ['ไฟฟ้า', 'เครื่องยนต์ดีเซล', 'PLC', 'โรงแรม', 'ระบบควบคุม', 'โลจิสติกส์', 'solar'];
  const q = (s: string) => encodeURIComponent(s);
  return [
    { kind: 'home', path: '/' },
    { kind: 'field', path: `/fields/${fields[0]}` },
    { kind: 'search', path: `/search?q=${q(queries[0]!)}` },
    { kind: 'lesson', path: `/learn/${course}/${lessons[0]}`, signedIn: true },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'field', path: `/fields/${fields[1]}` },
    { kind: 'suggest', path: `/api/suggest?q=${q('ไฟ')}` },
    { kind: 'item', path: '/library/ebooks/ac-motor-control-and-plc' },
    { kind: 'search', path: `/search?q=${q(queries[1]!)}&level=hvc` },
    { kind: 'download', path: downloadPath },
    { kind: 'home', path: '/en/' },
    { kind: 'field', path: `/fields/${fields[2]}?page=2` },
    { kind: 'lesson', path: `/learn/${course}/${lessons[1]}`, signedIn: true },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'search', path: `/search?q=${q(queries[2]!)}` },
    { kind: 'field', path: `/library?field=${fields[3]}` },
    { kind: 'search', path: `/en/search?q=${q(queries[6]!)}` },
    { kind: 'item', path: '/library?type=research&sort=downloads' },
    { kind: 'progress', path: '/api/learn/progress', signedIn: true },
    { kind: 'search', path: `/search?q=${q(queries[3]!)}&type=ebooks` },
  ];
}

interface Outcome {
  connections: number;
  meilisearch: 'up' | 'stopped' | 'not used';
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
  load: string;
}

async function measure(connections: number, entries: MixEntry[], runId: number, cookies: string[], meilisearchState: Outcome['meilisearch']): Promise<Outcome> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let nextLearner = 0;
  const load = loadavg()[0]!.toFixed(1);
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon({
    url: server!.url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: entries.map((entry) => ({
      method: entry.kind === 'progress' ? 'POST' : 'GET',
      path: entry.path,
      setupRequest: (request, context) => {
        const c = context as { cookie?: string; lesson?: number };
        c.cookie ??= cookies[nextLearner++ % cookies.length]!;
        const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
        if (entry.signedIn) headers.cookie = c.cookie;
        if (entry.kind === 'progress') {
          c.lesson = ((c.lesson ?? -1) + 1) % lessons.length;
          headers['content-type'] = 'application/json';
          headers.origin = server!.url;
          const position = Math.round(Math.random() * 100) / 100;
          return { ...request, headers, body: JSON.stringify({ id: crypto.randomUUID(), runId, lesson: lessons[c.lesson], position, completed: position > 0.95 }) };
        }
        return { ...request, headers };
      },
    })),
  }, (error, result) => (error ? fail(error) : finish(result)));
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await done;
  times.sort((a, b) => a - b);
  // A run in which no answer came back (a server still busy with the previous run's backlog) reports no latency.
  const at = (q: number) => (times.length ? quantile(times, q) : Number.NaN);
  const bad = Object.entries(statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 400 ? count : 0), 0);
  return {
    connections,
    meilisearch: meilisearchState,
    requests: times.length + result.errors,
    perSecond: times.length / result.duration,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    // Connection errors, time-outs (counted in errors) and every 4xx/5xx answer: none is expected in this mix.
    errors: result.errors + bad,
    statuses: { ...statuses, ...(result.errors ? { 'connection errors and time-outs': result.errors } : {}) },
    load,
  };
}

const outcomes: Outcome[] = [];
let setup: Awaited<ReturnType<typeof prepare>>['setupSeconds'] = {};
try {
  const prepared = await prepare();
  setup = prepared.setupSeconds;
  // With a large catalog the launcher reads it all to see that the index is current: allow it time.
  server = await startServer({ databasePath, env: serverEnv(), startTimeoutMs: 900_000 });
  log(`server started (${server.url})`);
  const itemPage = await (await fetch(`${server.url}/library/ebooks/ac-motor-control-and-plc`)).text();
  const downloadPath = /href="(\/download\/ebooks\/ac-motor-control-and-plc\/[^"]+)"/.exec(itemPage)?.[1];
  if (!downloadPath) throw new Error('no download link on the item page');
  const entries = mix(downloadPath);
  // Warm-up: every page of the mix once, so the first measured seconds do not pay for compiling and caching.
  for (const entry of entries.filter((e) => e.kind !== 'progress')) {
    const response = await fetch(server.url + entry.path, { headers: entry.signedIn ? { cookie: prepared.cookies[0]! } : {} });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${entry.path} answered ${response.status} in the warm-up`);
  }
  const phases: Outcome['meilisearch'][] = meilisearch ? ['up', 'stopped'] : ['not used'];
  for (const phase of phases) {
    if (phase === 'stopped') {
      await meilisearch!.stop();
      log('Meilisearch stopped: searches now fall back to the embedded index');
    }
    for (const connections of connectionCounts) {
      log(`${connections} connections for ${seconds} s, Meilisearch ${phase}`);
      // Let the previous run's backlog drain first, so each run starts from an idle server.
      await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
      const outcome = await measure(connections, entries, prepared.runId, prepared.cookies, phase);
      outcomes.push(outcome);
      log(
        `  ${outcome.perSecond.toFixed(0)} req/s, p50 ${outcome.p50.toFixed(0)} ms, p95 ${outcome.p95.toFixed(0)} ms, p99 ${outcome.p99.toFixed(0)} ms, errors ${outcome.errors}/${outcome.requests} ${JSON.stringify(outcome.statuses)}`,
      );
    }
  }
} finally {
  await server?.stop();
  await meilisearch?.stop();
  work.remove();
}

const pct = (o: Outcome) => ((100 * o.errors) / Math.max(1, o.requests)).toFixed(3);
const target = (o: Outcome) => (o.connections >= 200 ? (100 * o.errors) / Math.max(1, o.requests) < 0.1 && o.p99 < 1000 ? 'yes' : '**no**' : '–');
const args = `--items ${itemCount} --learners ${learnerCount} --connections ${connectionCounts.join(',')} --seconds ${seconds}${values['no-meilisearch'] ? ' --no-meilisearch' : ''}`;
const report = `# Load benchmark

Command: \`node bench/load/run.ts ${args}\`
on ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.
The client (autocannon, in the benchmark's process) shares the machine's cores with the server and Meilisearch, and
the machine is shared with other work: the 1-minute load average at the start of each run is in the table.

Database: the demo content plus ${itemCount} generated catalog items (bench/catalog/generate.ts) and ${learnerCount}
learners enrolled in one run of \`${course}\`; the search index holds every item. Set-up took
${Object.entries(setup).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')}.

Each connection repeats one cycle of ${20} requests: the home page (Thai, English), field pages and lists (4), searches
with filters (5, Thai and English) and a suggestion, item pages and a sorted list, a PDF download, and, signed in as
its own learner, two lesson pages and three progress posts (each a new report id). Errors: connection errors,
time-outs (10 s) and any 4xx or 5xx answer. Goal at 200 connections: under 0.1 % errors and p99 under 1 s.

| Meilisearch | connections | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | error % | goal met | load avg |
|---|---|---|---|---|---|---|---|---|---|---|---|
${outcomes
  .map(
    (o) =>
      `| ${o.meilisearch} | ${o.connections} | ${o.requests} | ${o.perSecond.toFixed(0)} | ${o.p50.toFixed(0)} | ${o.p95.toFixed(0)} | ${o.p99.toFixed(0)} | ${o.max.toFixed(0)} | ${o.errors} | ${pct(o)} | ${target(o)} | ${o.load} |`,
  )
  .join('\n')}

Answers by status: ${outcomes.map((o) => `${o.meilisearch}/${o.connections}: ${JSON.stringify(o.statuses)}`).join('; ')}.
`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, report);
console.log(`\n${report}\nwritten to ${values.out}`);
