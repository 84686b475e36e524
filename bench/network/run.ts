// The network benchmark (npm run bench:network): /manpower for all fields and one field, the matching list and the
// without-partner list, timed on the built server with the demo network (the baseline, measured in the same run) and
// with the scale: 876 colleges, 50,000 establishments and about a million demand and supply rows, generated
// with the demo generator's fixed seed. Writes bench/results/network.md.
// Usage: node bench/network/run.ts [--establishments 50000] [--years 10] [--requests 30] [--runs 3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { readFields } from '../../src/server/catalog/sources.ts';
import { syncHostColleges } from '../../src/server/network/colleges.ts';
import { seedDemoNetwork } from '../../src/server/network/demo-network.ts';
import { syncProvinces } from '../../src/server/network/provinces.ts';
import { startServer, tempDir, type RunningServer } from '../../tests/helpers/server.ts';
import { adminCookie, timePages } from '../http-timing.ts';

const { values } = parseArgs({
  options: {
    establishments: { type: 'string', default: '50000' },
    years: { type: 'string', default: '10' },
    requests: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/network.md', import.meta.url).pathname },
  },
});
const requests = Number(values.requests);
const runs = Number(values.runs);
const field = 'electrical-technology';
const pages = ['/manpower', `/manpower?field=${field}`, `/manpower?field=${field}&region=east&level=hvc`, `/staff/${field}/matching`, `/staff/${field}/establishments?withoutPartner=1`];

/** Each page timed as an admin (the staff pages need one). */
async function timeAll(server: RunningServer): Promise<Map<string, [number, number]>> {
  return timePages(server, pages, { requests, runs, warmups: 3, headers: { cookie: await adminCookie(server) } });
}

const counts = (path: string) => {
  const db = openDatabase(path);
  const n = (table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;
  const result = { colleges: n('colleges'), establishments: n('establishments'), rows: n('demand_rows') + n('supply_rows') };
  db.$client.close();
  return result;
};

const demo = await startServer({ env: { DEMO_NETWORK: '1' } });
let baseline: Map<string, [number, number]>;
let demoCounts: ReturnType<typeof counts>;
try {
  baseline = await timeAll(demo);
  demoCounts = counts(demo.databasePath);
} finally {
  await demo.stop();
}

const dir = tempDir('ic-bench-network-');
const databasePath = join(dir.path, 'large.db');
const generated = performance.now();
{
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  const fields = readFields('content');
  await syncProvinces(db);
  syncHostColleges(db, fields, 'content');
  const hosts = db.$client.prepare('select count(*) from colleges').pluck().get() as number;
  const years = Array.from({ length: Number(values.years) }, (_, i) => 2571 - Number(values.years) + i);
  await seedDemoNetwork(db, fields, { colleges: 876 - hosts, establishments: Number(values.establishments), fiscalYears: years });
  db.$client.pragma('optimize');
  db.$client.close();
}
const generationSeconds = (performance.now() - generated) / 1000;
const largeCounts = counts(databasePath);
const large = await startServer({ databasePath });
let scaled: Map<string, [number, number]>;
try {
  scaled = await timeAll(large);
} finally {
  await large.stop();
  dir.remove();
}

const fmt = (n: number) => n.toFixed(1);
const lines = [
  '# Network benchmark',
  '',
  `Command: \`npm run bench:network\` (\`--establishments ${values.establishments} --years ${values.years} --requests ${requests} --runs ${runs}\`) on ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Each page requested ${requests} times per run as an admin, one at a time over loopback, after 3 warm-ups; p50 / p95 in ms,`,
  `medians over ${runs} runs. Baseline: the demo network (${demoCounts.colleges} colleges, ${demoCounts.establishments} establishments,`,
  `${demoCounts.rows} demand and supply rows), measured in the same run. Scaled: ${largeCounts.colleges} colleges, ${largeCounts.establishments}`,
  `establishments, ${largeCounts.rows} demand and supply rows (generated in ${fmt(generationSeconds)} s). Target: p50 under 100 ms.`,
  '',
  '| page | demo network (baseline) | scaled | p50 / baseline |',
  '|---|---|---|---|',
  ...pages.map((path) => {
    const [b50, b95] = baseline.get(path)!;
    const [s50, s95] = scaled.get(path)!;
    return `| \`${path}\` | ${fmt(b50)} / ${fmt(b95)} | ${fmt(s50)} / ${fmt(s95)} | ${(s50 / b50).toFixed(2)} |`;
  }),
  '',
];
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, lines.join('\n'));
console.log(lines.join('\n'));
