// The load benchmark (npm run bench:load): the built server with a large catalog (generated items, bench/catalog/
// generate.ts) and many learners, under a realistic mix of requests from autocannon (home, field pages, search and
// suggestions, item pages, lesson pages and progress posts as signed-in learners, downloads) at each number of
// connections, first with Meilisearch up, then with it stopped (searches fall back to the embedded index).
// Reports throughput, p50/p95/p99 and the error rate; writes bench/results/load.md.
// Usage: node bench/load/run.ts [--items 100000] [--learners 10000] [--connections 50,200] [--seconds 20] [--no-meilisearch] [--setup-only]
//        [--workers 2] [--page-cache-mb 32]   (the server's SERVER_WORKERS and PAGE_CACHE_MB; 0 turns the page cache off)
//        [--node-options=--cpu-prof]   (the server's NODE_OPTIONS, its workers' too; with =)
//        [--node-flags=]   (node's flags for the server instead of npm start's, src/server/node-flags.ts; empty: none)
// The database (and Meilisearch's index) is made once per set of parameters and kept under the tmp dir (setup.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startMeilisearch, type RunningMeilisearch } from '../../tests/helpers/meilisearch.ts';
import { serverNodeFlags } from '../../src/server/node-flags.ts';
import { startServer, tempDir, type RunningServer } from '../../tests/helpers/server.ts';
import { quantile } from '../http-timing.ts';
import { downloadPathOf, mix, progressReport, type Kind, type MixEntry } from './mix.ts';
import { copySetup, loadCourse as course, loadSetup } from './setup.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    learners: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '20' },
    'no-meilisearch': { type: 'boolean', default: false },
    'setup-only': { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    'page-cache-mb': { type: 'string', default: '32' },
    'node-options': { type: 'string', default: '' },
    'node-flags': { type: 'string' },
    out: { type: 'string', default: new URL('../results/load.md', import.meta.url).pathname },
  },
});
const itemCount = Number(values.items);
const learnerCount = Number(values.learners);
const connectionCounts = values.connections.split(',').map(Number);
const seconds = Number(values.seconds);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const setupStarted = performance.now();
const setup = await loadSetup({ items: itemCount, learners: learnerCount, meilisearch: !values['no-meilisearch'] });
const lessons = setup.lessons;
log(`set-up ${setup.cached ? 'reused' : 'made'} in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`);
if (values['setup-only']) process.exit(0);

const work = tempDir('ic-bench-load-');
let meilisearch: RunningMeilisearch | undefined;
let server: RunningServer | undefined;
let databasePath = '';

/** The server's node flags: npm start's unless --node-flags names others. */
const nodeFlags = () => (values['node-flags'] === undefined ? undefined : values['node-flags'].split(' ').filter(Boolean));

function serverEnv(): Record<string, string> {
  return {
    DATABASE_PATH: databasePath,
    UPLOADS_DIR: join(work.path, 'uploads'),
    NODE_ENV: 'test',
    DEMO_NETWORK: '0',
    SERVER_WORKERS: values.workers,
    PAGE_CACHE_MB: values['page-cache-mb'],
    ...(values['node-options'] ? { NODE_OPTIONS: values['node-options'] } : {}),
    ...(meilisearch ? { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key } : {}),
  };
}

interface RouteFigures {
  kind: Kind;
  count: number;
  p50: number;
  p99: number;
  bad: number;
  /** p99 of the server's own time for this kind (its access log's durationMs: from the request's arrival to its close). */
  serverP99: number;
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
  timeouts: number;
  statuses: Record<string, number>;
  routes: RouteFigures[];
  load: string;
  /** CPU seconds (user + system) of the server's processes (the supervisor and its workers) during the run. */
  serverCpu: number;
  /** Seconds the server's event loops waited for a core (run queue) during the run, summed over workers. */
  serverWaited: number;
  /** CPU seconds of the client (this process: autocannon and the figures). */
  clientCpu: number;
  /** Resident memory of the server's processes at the run's end, MB (summed over workers). */
  serverRssMb: number;
}

/** The server's process and its descendants (cluster workers, never the client), from /proc. */
function serverProcesses(): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const tree = [server!.pid];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/**
 * CPU seconds (user + system) and resident MB of the server's processes now, and the seconds their main threads (the
 * event loops) spent ready to run but waiting for a core: on a shared machine, the time other work took from them.
 */
function serverUsage(): { cpu: number; rssMb: number; waited: number } {
  let ticks = 0;
  let pages = 0;
  let waited = 0;
  for (const pid of serverProcesses()) {
    try {
      if (pid !== server!.pid || Number(values.workers) === 1) waited += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
    } catch {
      // ended meanwhile
    }
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime (fields 14 and 15 of the file, counted from the state, field 3), in clock ticks; rss in pages.
      ticks += Number(fields[11]) + Number(fields[12]);
      // The server's own cutime and cstime: its children that ended (a worker that died and was replaced).
      if (pid === server!.pid) ticks += Number(fields[13]) + Number(fields[14]);
      pages += Number(fields[21]);
    } catch {
      // ended meanwhile
    }
  }
  return { cpu: ticks / 100, rssMb: (pages * 4096) / 2 ** 20, waited };
}

/** A GET on a connection of its own (no keep-alive), its body read; resolves with the status. */
function getOnNewConnection(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    }).on('error', reject);
  });
}

const uptime = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function measure(connections: number, entries: MixEntry[], meilisearchState: Outcome['meilisearch']): Promise<Outcome> {
  const times: number[] = [];
  const byKind = new Map<Kind, { times: number[]; bad: number }>();
  const statuses: Record<string, number> = {};
  let nextLearner = 0;
  const load = uptime();
  const outputFrom = server!.output().length;
  const before = serverUsage();
  const clientBefore = process.cpuUsage();
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: server!.url,
      connections,
      duration: seconds,
      timeout: 10,
      requests: entries.map((entry) => ({
        method: entry.kind === 'progress' ? 'POST' : 'GET',
        path: entry.path,
        setupRequest: (request, context) => {
          const c = context as { cookie?: string; lesson?: number };
          c.cookie ??= setup.cookies[nextLearner++ % setup.cookies.length]!;
          const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
          if (entry.signedIn) headers.cookie = c.cookie;
          if (entry.kind === 'progress') {
            c.lesson = ((c.lesson ?? -1) + 1) % lessons.length;
            headers['content-type'] = 'application/json';
            headers.origin = server!.url;
            return { ...request, headers, body: progressReport(setup.runId, lessons[c.lesson]!, Math.round(Math.random() * 100) / 100) };
          }
          return { ...request, headers };
        },
      })),
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    // With one request in flight per connection, the client's current request is the one just answered (autocannon
    // moves to the next only after emitting the response).
    const index = (client as unknown as { requestIterator: { currentRequestIndex: number } }).requestIterator.currentRequestIndex;
    const kind = entries[index]!.kind;
    let figures = byKind.get(kind);
    if (!figures) byKind.set(kind, (figures = { times: [], bad: 0 }));
    figures.times.push(responseTime);
    if (statusCode >= 400) figures.bad++;
  });
  const result = await done;
  const usage = serverUsage();
  const client = process.cpuUsage(clientBefore);
  times.sort((a, b) => a - b);
  // A run in which no answer came back (a server still busy with the previous run's backlog) reports no latency.
  const at = (list: number[], q: number) => (list.length ? quantile(list, q) : Number.NaN);
  const bad = Object.entries(statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 400 ? count : 0), 0);
  // The server's own durations by kind, from its access log (paths without their query, as the log has them).
  const kindOfPath = new Map<string, Kind>();
  for (const entry of entries) if (!kindOfPath.has(entry.path.split('?')[0]!)) kindOfPath.set(entry.path.split('?')[0]!, entry.kind);
  const serverTimes = new Map<Kind, number[]>();
  for (const line of server!.output().slice(outputFrom).split('\n')) {
    if (!line.includes('"msg":"request"')) continue;
    try {
      const { path, durationMs } = JSON.parse(line) as { path: string; durationMs: number };
      const kind = kindOfPath.get(path);
      if (!kind) continue;
      let list = serverTimes.get(kind);
      if (!list) serverTimes.set(kind, (list = []));
      list.push(durationMs);
    } catch {
      // a line cut by the end of the output read
    }
  }
  const routes = [...byKind].map(([kind, f]) => {
    f.times.sort((a, b) => a - b);
    const own = (serverTimes.get(kind) ?? []).sort((a, b) => a - b);
    return { kind, count: f.times.length, p50: at(f.times, 0.5), p99: at(f.times, 0.99), bad: f.bad, serverP99: at(own, 0.99) };
  });
  return {
    connections,
    meilisearch: meilisearchState,
    requests: times.length + result.errors,
    perSecond: times.length / result.duration,
    p50: at(times, 0.5),
    p95: at(times, 0.95),
    p99: at(times, 0.99),
    max: times.at(-1) ?? 0,
    // Connection errors, time-outs (both in autocannon's `errors`) and every 4xx/5xx answer: none is expected here.
    errors: result.errors + bad,
    timeouts: result.timeouts,
    statuses: { ...statuses, ...(result.errors ? { 'connection errors and time-outs': result.errors } : {}) },
    routes: routes.sort((a, b) => b.p99 - a.p99),
    load,
    serverCpu: usage.cpu - before.cpu,
    serverWaited: usage.waited - before.waited,
    clientCpu: (client.user + client.system) / 1e6,
    serverRssMb: usage.rssMb,
  };
}

const outcomes: Outcome[] = [];
let startSeconds = 0;
try {
  const copied = copySetup(setup, work.path);
  databasePath = copied.databasePath;
  if (copied.meilisearchDataDir) meilisearch = await startMeilisearch({ dataDir: copied.meilisearchDataDir, key: setup.meilisearchKey });
  const started = performance.now();
  // With a large catalog the launcher checks that the index is current (a few small queries): it should not rebuild.
  server = await startServer({ databasePath, env: serverEnv(), startTimeoutMs: 900_000, nodeFlags: nodeFlags() });
  startSeconds = (performance.now() - started) / 1000;
  log(`server started in ${startSeconds.toFixed(1)} s (${server.url})`);
  if (/search: indexed/.test(server.output())) log('warning: the server rebuilt the search index at start; the cached set-up did not match');
  const entries = mix(await downloadPathOf(server.url), lessons);
  // Warm-up: every page of the mix, so the first measured seconds do not pay for compiling and caching. Each on a
  // connection of its own, twice per worker: the cluster hands connections to its workers in turn, and each worker
  // has its own caches to fill.
  const rounds = 2 * Number(values.workers);
  for (const entry of entries.filter((e) => e.kind !== 'progress')) {
    for (let round = 0; round < rounds; round++) {
      const status = await getOnNewConnection(server.url + entry.path, entry.signedIn ? setup.cookies[0]! : undefined);
      if (status !== 200) throw new Error(`${entry.path} answered ${status} in the warm-up`);
    }
  }
  const phases: Outcome['meilisearch'][] = meilisearch ? ['up', 'stopped'] : ['not used'];
  for (const phase of phases) {
    if (phase === 'stopped') {
      await meilisearch!.stop();
      log('Meilisearch stopped: searches now fall back to the embedded index');
    }
    for (const connections of connectionCounts) {
      // Let the previous run's backlog drain first, so each run starts from an idle server.
      await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
      log(`${connections} connections for ${seconds} s, Meilisearch ${phase} (load average ${uptime()})`);
      const outcome = await measure(connections, entries, phase);
      outcomes.push(outcome);
      log(
        `  ${outcome.perSecond.toFixed(0)} req/s, p50 ${outcome.p50.toFixed(0)} ms, p95 ${outcome.p95.toFixed(0)} ms, p99 ${outcome.p99.toFixed(0)} ms, errors ${outcome.errors}/${outcome.requests} ${JSON.stringify(outcome.statuses)}, server CPU ${outcome.serverCpu.toFixed(1)} s (${((1000 * outcome.serverCpu) / Math.max(1, outcome.requests)).toFixed(1)} ms a request), RSS ${outcome.serverRssMb.toFixed(0)} MB, waited for a core ${outcome.serverWaited.toFixed(1)} s, client CPU ${outcome.clientCpu.toFixed(1)} s`,
      );
      for (const r of outcome.routes) log(`    ${r.kind.padEnd(9)} ${String(r.count).padStart(6)}  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  server p99 ${r.serverP99.toFixed(0).padStart(5)} ms${r.bad ? `  ${r.bad} errors` : ''}`);
    }
  }
} finally {
  await server?.stop();
  await meilisearch?.stop();
  work.remove();
}

const pct = (o: Outcome) => ((100 * o.errors) / Math.max(1, o.requests)).toFixed(3);
const target = (o: Outcome) => (o.connections >= 200 ? ((100 * o.errors) / Math.max(1, o.requests) < 0.1 && o.p99 < 1000 ? 'yes' : '**no**') : '–');
const args = `--items ${itemCount} --learners ${learnerCount} --connections ${connectionCounts.join(',')} --seconds ${seconds}${values['no-meilisearch'] ? ' --no-meilisearch' : ''} --workers ${values.workers} --page-cache-mb ${values['page-cache-mb']}${values['node-options'] ? ` '--node-options=${values['node-options']}'` : ''}${values['node-flags'] === undefined ? '' : ` '--node-flags=${values['node-flags']}'`}`;
const kinds = [...new Set(outcomes.flatMap((o) => o.routes.map((r) => r.kind)))];
const report = `# Load benchmark

Command: \`node bench/load/run.ts ${args}\`
on ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.
The client (autocannon, in the benchmark's process) shares the machine's cores with the server and Meilisearch, and
the machine may be shared with other work: the load averages (1, 5, 15 minutes) at the start of each run are in the table.

Server: ${values.workers} worker process${values.workers === '1' ? '' : 'es'} (SERVER_WORKERS), page cache ${values['page-cache-mb'] === '0' ? 'off' : `${values['page-cache-mb']} MB`} (PAGE_CACHE_MB), node flags \`${(nodeFlags() ?? serverNodeFlags).join(' ') || 'none'}\`${values['node-options'] ? `, NODE_OPTIONS \`${values['node-options']}\`` : ''}.
Server CPU is the user + system time of the server's processes (supervisor and workers) during the run, and per
request answered or failed; waited is how long their event loops were ready to run but had no core (other work on the
machine, or the workers and the client taking each other's); RSS is theirs at the run's end, summed.

Database: the demo content plus ${itemCount} generated catalog items (bench/catalog/generate.ts) and ${learnerCount}
learners enrolled in one run of \`${course}\` with lesson progress and quiz statements; the search index holds every
item. The set-up was ${setup.cached ? 'reused from the cache' : 'made for this run'} (made in ${Object.entries(setup.setupSeconds)
  .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
  .join(', ')}); the server then started in ${startSeconds.toFixed(0)} s.

Each connection repeats one cycle of 20 requests: the home page (Thai, English), field pages and lists (4), searches
with filters (5, Thai and English) and a suggestion, item pages and a sorted list, a PDF download, and, signed in as
its own learner, two lesson pages and three progress posts (each a new report id). Errors: connection errors and
time-outs of the client (10 s without an answer) and any 4xx or 5xx answer. Requests still unanswered when a run's
time ends are counted neither way. Goal at 200 connections: under 0.1 % errors and p99 under 1 s.

| Meilisearch | connections | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | of which time-outs | error % | goal met | server CPU s | CPU ms a request | waited for a core s | client CPU s | RSS MB | load avg |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${outcomes
  .map(
    (o) =>
      `| ${o.meilisearch} | ${o.connections} | ${o.requests} | ${o.perSecond.toFixed(0)} | ${o.p50.toFixed(0)} | ${o.p95.toFixed(0)} | ${o.p99.toFixed(0)} | ${o.max.toFixed(0)} | ${o.errors} | ${o.timeouts} | ${pct(o)} | ${target(o)} | ${o.serverCpu.toFixed(1)} | ${((1000 * o.serverCpu) / Math.max(1, o.requests)).toFixed(2)} | ${o.serverWaited.toFixed(1)} | ${o.clientCpu.toFixed(1)} | ${o.serverRssMb.toFixed(0)} | ${o.load} |`,
  )
  .join('\n')}

Per kind of request, p50 / p99 in ms (answers), then the server's own p99 (its access log's durationMs, from the
request's arrival to the answer's close; the rest of the client's time is waiting to be read, and the client):

| kind | ${outcomes.map((o) => `${o.meilisearch}, ${o.connections}`).join(' | ')} |
|---|${outcomes.map(() => '---|').join('')}
${kinds
  .map((kind) => `| ${kind} | ${outcomes.map((o) => o.routes.find((r) => r.kind === kind)).map((r) => (r ? `${r.p50.toFixed(0)} / ${r.p99.toFixed(0)} (${r.count}), ${r.serverP99.toFixed(0)}` : '–')).join(' | ')} |`)
  .join('\n')}

Answers by status: ${outcomes.map((o) => `${o.meilisearch}/${o.connections}: ${JSON.stringify(o.statuses)}`).join('; ')}.
`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, report);
console.log(`\n${report}\nwritten to ${values.out}`);
