// The catalog benchmark (npm run bench:catalog): page times, throughput and memory of the built server with the demo
// content alone (the baseline, measured in the same run) and again after N generated items are saved into the store
// while it runs; then start-up (migrations and content sync) on that database, and a `content:import` of N items.
// Writes bench/results/catalog.md.
// Usage: node bench/catalog/run.ts [--items 100000] [--requests 40] [--runs 3] [--seconds 5] [--connections 8] [--no-import]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { saveItems, syncCatalogStore } from '../../src/server/catalog/store.ts';
import { startServer, tempDir, type RunningServer } from '../../tests/helpers/server.ts';
import { generateItems } from './generate.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '40' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    'no-import': { type: 'boolean', default: false },
    out: { type: 'string', default: new URL('../results/catalog.md', import.meta.url).pathname },
  },
});
const items = Number(values.items);
const requests = Number(values.requests);
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = new URL('../../', import.meta.url).pathname;
const contentDir = join(root, 'content');

const fieldPage = '/fields/electrical-technology';
const pages = [
  '/',
  '/fields',
  fieldPage,
  `${fieldPage}/feed.xml`,
  '/library',
  '/library?sort=downloads',
  '/library?sort=title',
  '/library?type=research',
  '/library?level=hvc',
  '/library?lang=en',
  '/library?year=2567',
  '/library?field=hotel-management&sort=title',
  '/library?page=500',
  '/library/ebooks/ac-motor-control-and-plc',
];
const throughputPages = ['/login', fieldPage, '/library'];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const newAgent = () => new Agent({ keepAlive: true, maxSockets: connections });
let agent = newAgent();

/** One GET over a kept-alive loopback connection; rejects on anything but 200. */
function get(url: string, retries = 3): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    })
      .on('error', reject)
      .end();
    // A connection the server closed (idle for 5 s) or reset under load: the request is sent again, a few times.
  }).catch(async (error: NodeJS.ErrnoException) => {
    if (retries === 0 || !['ECONNRESET', 'EPIPE'].includes(error.code ?? '')) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return get(url, retries - 1);
  });
}

/**
 * p50 and p95 (ms) of each page requested one at a time, medians over runs. The servers' requests alternate, so both
 * meet the same load from whatever else the machine runs.
 */
async function timePages(servers: RunningServer[]): Promise<Map<string, [number, number]>[]> {
  const results = servers.map(() => new Map<string, [number, number]>());
  for (const path of pages) {
    const p50s: number[][] = servers.map(() => []);
    const p95s: number[][] = servers.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < 5; i++) for (const server of servers) await get(server.url + path);
      const times: number[][] = servers.map(() => []);
      for (let i = 0; i < requests; i++) {
        for (const [s, server] of servers.entries()) {
          const start = performance.now();
          await get(server.url + path);
          times[s]!.push(performance.now() - start);
        }
      }
      for (const [s, list] of times.entries()) {
        list.sort((a, b) => a - b);
        p50s[s]!.push(quantile(list, 0.5));
        p95s[s]!.push(quantile(list, 0.95));
      }
    }
    for (const [s, result] of results.entries()) result.set(path, [median(p50s[s]!), median(p95s[s]!)]);
  }
  return results;
}

/**
 * Requests per second: `connections` loops requesting back to back, median over runs. Within a run, a server's pages
 * take turns in slices of a quarter of a second until each has had `seconds`, so a page and `/login` meet the same load
 * from the rest of the machine: measured one after the other for whole seconds, a burst of other work during one
 * page's turn moved its share of `/login` by 20 points or more on the shared machine.
 */
async function throughput(servers: RunningServer[]): Promise<{ rates: Map<string, number>[]; cpu: Map<string, number>[] }> {
  const slice = 0.25;
  const results = servers.map(() => new Map<string, number>());
  const cpuResults = servers.map(() => new Map<string, number>());
  const rates = new Map(throughputPages.map((path) => [path, servers.map((): number[] => [])]));
  const cpuPerRequest = new Map(throughputPages.map((path) => [path, servers.map((): number[] => [])]));
  for (let run = 0; run < runs; run++) {
    for (const [s, server] of servers.entries()) {
      const done = new Map(throughputPages.map((path) => [path, 0]));
      const spent = new Map(throughputPages.map((path) => [path, 0]));
      const cpu = new Map(throughputPages.map((path) => [path, 0]));
      for (let turn = 0; turn < Math.max(1, Math.round(seconds / slice)); turn++) {
        // Each turn starts with another page, so none is always first after another's tail.
        const order = throughputPages.map((_, i) => throughputPages[(i + turn) % throughputPages.length]!);
        for (const path of order) {
          let count = 0;
          const cpuBefore = cpuMs(server.pid);
          const start = performance.now();
          const end = start + slice * 1000;
          const loop = async () => {
            while (performance.now() < end) {
              await get(server.url + path);
              count++;
            }
          };
          await Promise.all(Array.from({ length: connections }, loop));
          done.set(path, done.get(path)! + count);
          spent.set(path, spent.get(path)! + (performance.now() - start));
          cpu.set(path, cpu.get(path)! + (cpuMs(server.pid) - cpuBefore));
        }
      }
      for (const path of throughputPages) {
        rates.get(path)![s]!.push(done.get(path)! / (spent.get(path)! / 1000));
        cpuPerRequest.get(path)![s]!.push(cpu.get(path)! / done.get(path)!);
      }
    }
  }
  for (const [path, perServer] of rates) for (const [s, result] of results.entries()) result.set(path, median(perServer[s]!));
  for (const [path, perServer] of cpuPerRequest) for (const [s, result] of cpuResults.entries()) result.set(path, median(perServer[s]!));
  return { rates: results, cpu: cpuResults };
}

/**
 * CPU time the process has used (user + system, all its threads), in ms: what a request costs the server whatever
 * else the machine runs, where requests per second also measure how much of the 2 cores the server was given.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** The highest RSS each server process reaches while `work` runs, sampled every 50 ms. */
async function peakRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peaks: number[] }> {
  const peaks = pids.map(rssMb);
  const sampler = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i]!, rssMb(pid)))), 50);
  try {
    return { result: await work(), peaks };
  } finally {
    clearInterval(sampler);
  }
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

const workDir = tempDir('ic-bench-catalog-');
// Two servers side by side: the baseline with the demo content alone, and one whose store gets the generated items.
const demo = await startServer({ databasePath: join(workDir.path, 'demo.db') });
const server = await startServer({ databasePath: join(workDir.path, 'catalog.db') });
let report = '';
try {
  console.log(`saving ${items} generated items into the store of a running server`);
  const generated = generateItems(items, contentDir);
  const db = openDatabase(server.databasePath);
  let start = performance.now();
  saveItems(db, generated);
  const saveSeconds = (performance.now() - start) / 1000;
  // Some downloads this month in both, so "most downloaded" has something to sort.
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' });
  for (const [path, keys] of [
    [server.databasePath, generated.filter((_, i) => i % 37 === 0).map((item) => `${item.type}/${item.slug}`)],
    [demo.databasePath, ['ebooks/ac-motor-control-and-plc', 'research/abc-slotting-picking-time-reduction']],
  ] as const) {
    const opened = path === server.databasePath ? db : openDatabase(path);
    const count = opened.$client.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?) on conflict do nothing');
    opened.$client.transaction(() => keys.forEach((key, i) => count.run(key, today, 1 + (i % 50))))();
    opened.$client.close();
  }
  // The servers closed the kept-alive connections while this process was busy saving; start with new ones.
  agent.destroy();
  agent = newAgent();

  const { result, peaks } = await peakRss([demo.pid, server.pid], async () => {
    console.log('timing pages');
    const times = await timePages([demo, server]);
    console.log('throughput');
    return { times, rates: await throughput([demo, server]) };
  });
  const [baseline, loaded] = result.times;
  const [baselineRate, loadedRate] = result.rates.rates;
  const [baselineCpu, loadedCpu] = result.rates.cpu;
  const [baselinePeak, loadedPeak] = peaks;
  const baselineRss = rssMb(demo.pid);
  const loadedRss = rssMb(server.pid);
  await server.stop();

  console.log('start-up');
  // What the launcher does before the server answers: migrations, then the content sync (nothing changed, then a
  // changed derivation that rewrites every entry).
  const startup = (forceRebuild: boolean) => {
    const opened = openDatabase(server.databasePath);
    if (forceRebuild) opened.$client.prepare("update catalog_meta set value = 'outdated' where key = 'shape'").run();
    const begin = performance.now();
    migrateDatabase(opened);
    const outcome = syncCatalogStore(opened, contentDir);
    const took = (performance.now() - begin) / 1000;
    opened.$client.close();
    return { took, outcome };
  };
  const warmStart = startup(false);
  const rebuildStart = startup(true);

  let importLine = 'not run (`--no-import`)';
  if (!values['no-import']) {
    console.log(`content:import of ${items} e-books`);
    const dir = tempDir('ic-bench-import-');
    const file = join(dir.path, 'ebooks.json');
    const ebooks = generateItems(items, contentDir, { seed: 7, types: ['ebooks'] }).map((item, i) => ({ ...item.data, slug: `import-${i}`, body: item.body }));
    writeFileSync(file, JSON.stringify(ebooks));
    start = performance.now();
    const cli = spawnSync(process.execPath, ['src/server/cli/content-import.ts', '--type', 'ebooks', file], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: join(dir.path, 'import.db') },
      encoding: 'utf8',
    });
    const importSeconds = (performance.now() - start) / 1000;
    if (cli.status !== 0) throw new Error(`content:import failed:\n${cli.stdout}\n${cli.stderr}`);
    importLine = `${ebooks.length} e-books (${Math.round(readFileSync(file).length / 2 ** 20)} MB of JSON) in **${fmt(importSeconds)} s**, search index included (${cli.stdout.trim().split('\n').join('; ')})`;
    dir.remove();
  }

  const rows = pages.map((path) => {
    const [b50, b95] = baseline.get(path)!;
    const [l50, l95] = loaded.get(path)!;
    const ok = l50 <= 1.5 * b50 && l95 <= 2 * b95;
    return `| \`${path}\` | ${fmt(b50)} / ${fmt(b95)} | ${fmt(l50)} / ${fmt(l95)} | ${fmt(l50 / b50, 2)} / ${fmt(l95 / b95, 2)} | ${ok ? 'yes' : '**no**'} |`;
  });
  const rateRows = throughputPages.map((path) => {
    const b = baselineRate.get(path)!;
    const l = loadedRate.get(path)!;
    const share = (rates: Map<string, number>) => (path === '/login' ? '' : ` (${Math.round((100 * rates.get(path)!) / rates.get('/login')!)} % of /login)`);
    // The share of /login's rate a page would have if CPU were all it waited for: /login's CPU per request over its own.
    const cpuShare = (cpu: Map<string, number>) => `${fmt(cpu.get(path)!, 2)} ms${path === '/login' ? '' : ` (${Math.round((100 * cpu.get('/login')!) / cpu.get(path)!)} %)`}`;
    return `| \`${path}\` | ${Math.round(b)}${share(baselineRate)} | ${Math.round(l)}${share(loadedRate)} | ${cpuShare(baselineCpu!)} | ${cpuShare(loadedCpu!)} |`;
  });
  report = `# Catalog benchmark

Command: \`node bench/catalog/run.ts --items ${items} --requests ${requests} --runs ${runs} --seconds ${seconds} --connections ${connections}${values['no-import'] ? ' --no-import' : ''}\` (after \`npm run build\`)
on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

Two built servers run side by side, each with its own database: the baseline with the demo content only (44 items),
and one into whose store ${items} generated items were saved while it ran (bench/catalog/generate.ts: copies of the
demo items of every type, spread over the 101 fields, 2560–2569, three levels, 10 % English, bodies of about 3 KB;
${Math.ceil(items / 37)} of them downloaded this month). Requests alternate between the two, so both meet the same
load from whatever else the machine runs.

## Page times

Each page requested ${requests} times per run on each server, one at a time over a kept-alive loopback connection, after 5 warm-ups;
p50 / p95 in ms, medians over ${runs} runs. Target: p50 within 1.5× and p95 within 2× of the baseline.

| page | demo only (baseline) | with ${items} items | ratio p50 / p95 | within target |
|---|---|---|---|---|
${rows.join('\n')}

## Throughput

Requests per second with ${connections} connections requesting back to back for ${seconds} s per page, median over ${runs} runs (the pages
of a server take turns in quarter-second slices, so a page and \`/login\` meet the same load), the client in the benchmark's process on the same machine. Target: a field page and \`/library\` at least 50 % of \`/login\`.

The CPU columns give the server's CPU time per request over the same slices (user + system, from /proc), and in
brackets /login's CPU per request over the page's: the share of /login's rate the page would reach if CPU were all
it waited for, which the load from other processes does not move as it moves requests per second.

| page | demo only | with ${items} items | CPU per request, demo only | CPU per request, with ${items} items |
|---|---|---|---|---|
${rateRows.join('\n')}

## Memory, start-up, writing

- Server RSS: ${fmt(baselineRss, 0)} MB with the demo content, **${fmt(loadedRss, 0)} MB** with ${items} items after the runs above (target < 400 MB);
  the highest sampled (every 50 ms) while they ran: ${fmt(baselinePeak!, 0)} MB and ${fmt(loadedPeak!, 0)} MB.
- Start-up work at ${items} database items (migrations + content sync, as the launcher does before the search index):
  **${fmt(warmStart.took, 2)} s** when nothing changed (${warmStart.outcome}); **${fmt(rebuildStart.took, 1)} s** when the store's
  derivation changed and every entry is written again (${rebuildStart.outcome}). Target < 10 s.
- Saving ${items} items with \`saveItems\` (one transaction, entries, field rows and title ranks included): ${fmt(saveSeconds)} s.
- \`content:import\`: ${importLine}. Target < 2 minutes.
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
} catch (error) {
  console.error(error, `\nthe server said:\n${server.output().slice(-3000)}`);
  throw error;
} finally {
  await Promise.all([demo.stop(), server.stop()]);
  agent.destroy();
  workDir.remove();
}
