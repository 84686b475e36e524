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
function get(url: string, retry = true): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    })
      .on('error', reject)
      .end();
    // The server closes connections idle for 5 s; a request that raced such a close is sent again once.
  }).catch((error: NodeJS.ErrnoException) => (retry && error.code === 'ECONNRESET' ? get(url, false) : Promise.reject(error)));
}

/** p50 and p95 (ms) of each page requested one at a time, medians over runs. */
async function timePages(server: RunningServer): Promise<Map<string, [number, number]>> {
  const result = new Map<string, [number, number]>();
  for (const path of pages) {
    const p50s: number[] = [];
    const p95s: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < 5; i++) await get(server.url + path);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        await get(server.url + path);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      p50s.push(quantile(times, 0.5));
      p95s.push(quantile(times, 0.95));
    }
    result.set(path, [median(p50s), median(p95s)]);
  }
  return result;
}

/** Requests per second: `connections` loops requesting back to back for `seconds`, median over runs. */
async function throughput(server: RunningServer): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const path of throughputPages) {
    const rates: number[] = [];
    for (let run = 0; run < runs; run++) {
      let done = 0;
      const end = performance.now() + seconds * 1000;
      const loop = async () => {
        while (performance.now() < end) {
          await get(server.url + path);
          done++;
        }
      };
      const start = performance.now();
      await Promise.all(Array.from({ length: connections }, loop));
      rates.push(done / ((performance.now() - start) / 1000));
    }
    result.set(path, median(rates));
  }
  return result;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

const workDir = tempDir('ic-bench-catalog-');
const server = await startServer({ databasePath: join(workDir.path, 'catalog.db') });
let report = '';
try {
  console.log('baseline: demo content');
  const baseline = await timePages(server);
  const baselineRate = await throughput(server);
  const baselineRss = rssMb(server.pid);

  console.log(`saving ${items} generated items into the store`);
  const generated = generateItems(items, contentDir);
  const db = openDatabase(server.databasePath);
  let start = performance.now();
  saveItems(db, generated);
  const saveSeconds = (performance.now() - start) / 1000;
  // Some downloads this month, so "most downloaded" has something to sort.
  const count = db.$client.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?) on conflict do nothing');
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' });
  db.$client.transaction(() => {
    for (let i = 0; i < items; i += 37) count.run(`${generated[i]!.type}/${generated[i]!.slug}`, today, 1 + (i % 50));
  })();
  db.$client.close();
  // The server closed the kept-alive connections while this process was busy saving; start with new ones.
  agent.destroy();
  agent = newAgent();

  console.log('loaded');
  const loaded = await timePages(server);
  const loadedRate = await throughput(server);
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
    importLine = `${ebooks.length} e-books (${Math.round(readFileSync(file).length / 2 ** 20)} MB of JSON) in **${fmt(importSeconds)} s**, search index included (${cli.stdout.trim().split('\n').at(-1)})`;
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
    return `| \`${path}\` | ${Math.round(b)}${share(baselineRate)} | ${Math.round(l)}${share(loadedRate)} |`;
  });
  report = `# Catalog benchmark

Command: \`npm run bench:catalog\` (\`node bench/catalog/run.ts --items ${items} --requests ${requests} --runs ${runs} --seconds ${seconds} --connections ${connections}\`)
on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

The baseline is the built server with the demo content only (44 items), measured in the same run before ${items} generated
items (bench/catalog/generate.ts: copies of the demo items of every type, spread over the 101 fields, 2560–2569, three
levels, 10 % English, bodies of about 3 KB; ${Math.ceil(items / 37)} of them downloaded this month) are saved into the
store while the server runs.

## Page times

Each page requested ${requests} times per run, one at a time over a kept-alive loopback connection, after 5 warm-ups;
p50 / p95 in ms, medians over ${runs} runs. Target: p50 within 1.5× and p95 within 2× of the baseline.

| page | demo only (baseline) | with ${items} items | ratio p50 / p95 | within target |
|---|---|---|---|---|
${rows.join('\n')}

## Throughput

Requests per second with ${connections} connections requesting back to back for ${seconds} s, median over ${runs} runs, the
client in the benchmark's process on the same machine. Target: a field page and \`/library\` at least 50 % of \`/login\`.

| page | demo only | with ${items} items |
|---|---|---|
${rateRows.join('\n')}

## Memory, start-up, writing

- Server RSS: ${fmt(baselineRss, 0)} MB with the demo content, **${fmt(loadedRss, 0)} MB** with ${items} items after the runs above (target < 400 MB).
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
  console.error(`the server said:\n${server.output().slice(-3000)}`);
  throw error;
} finally {
  await server.stop();
  agent.destroy();
  workDir.remove();
}
