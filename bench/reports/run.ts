// The reports benchmark (npm run bench:reports): the dashboard (all fields, one field), the drill-downs (courses,
// a course's runs, a run's learners, a college's people) and a field staff's dashboard, timed on the built server
// with the demo data (the baseline, measured in the same run) and with generated data at the scale: 100,000
// learners, 500 courses, 2,000 runs and millions of activity events, made by the demo's generator with its fixed
// seed. Writes bench/results/reports.md.
// Usage: node bench/reports/run.ts [--learners 100000] [--courses 500] [--runs 2000] [--events 5000000] [--requests 20] [--repeats 3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { readFields } from '../../src/server/catalog/sources.ts';
import { syncCatalogStore } from '../../src/server/catalog/store.ts';
import { syncHostColleges } from '../../src/server/network/colleges.ts';
import { seedDemoNetwork } from '../../src/server/network/demo-network.ts';
import { syncProvinces } from '../../src/server/network/provinces.ts';
import { generateTraining } from '../../src/server/reports/demo-training.ts';
import { fiscalYearOf, fiscalYearRange } from '../../src/lib/reports/fiscal-year.ts';
import { startServer, tempDir, type RunningServer } from '../../tests/helpers/server.ts';
import { adminCookie, timePages } from '../http-timing.ts';

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '100000' },
    courses: { type: 'string', default: '500' },
    runs: { type: 'string', default: '2000' },
    events: { type: 'string', default: '5000000' },
    requests: { type: 'string', default: '20' },
    repeats: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/reports.md', import.meta.url).pathname },
  },
});
const requests = Number(values.requests);
const repeats = Number(values.repeats);
const year = fiscalYearOf(new Date());

/** The busiest field, course, run and college of the year in a database: what the drill-down pages open. */
function targets(path: string) {
  const db = openDatabase(path);
  const { start, end } = fiscalYearRange(year);
  const one = (text: string, ...params: unknown[]) => db.$client.prepare(text).pluck().get(...params);
  const run = one("select r.id from course_runs r join enrollments e on e.run_id = r.id where r.starts_on >= ? and r.starts_on < ? group by r.id order by count(*) desc limit 1", start, end) as number;
  const course = one('select course_slug from course_runs where id = ?', run) as string;
  const field = one("select f.field from catalog_entry_fields f join catalog_entries ce on ce.id = f.entry_id where ce.key = 'courses/' || ?", course) as string;
  const college = one("select college_id from users where college_id is not null and role in ('teacher', 'student') group by college_id order by count(*) desc limit 1") as number;
  const n = (table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;
  const counts = { learners: n('users'), courses: one("select count(*) from catalog_entries where type = 'courses'") as number, runs: n('course_runs'), enrollments: n('enrollments'), events: n('activity_statements'), results: n('activity_results'), yearPlaces: one('select count(*) from report_enrollments where fiscal_year = ?', year) as number };
  db.$client.close();
  const q = `year=${year}`;
  return {
    counts,
    pages: {
      'dashboard, all fields': `/admin/reports?${q}`,
      'dashboard, one field': `/admin/reports?${q}&field=${field}`,
      'dashboard, field + teachers': `/admin/reports?${q}&field=${field}&audience=teachers`,
      'courses of the field': `/admin/reports/courses?${q}&field=${field}`,
      "a course's runs": `/admin/reports/course/${course}?${q}`,
      "a run's learners": `/admin/reports/run/${run}?${q}`,
      "a college's people": `/admin/reports/college/${college}?${q}`,
      "field staff's dashboard": `/staff/${field}/training?${q}`,
      'export: colleges (XLSX)': `/admin/reports/export?table=colleges&format=xlsx&${q}`,
    } as Record<string, string>,
  };
}

async function timeAll(server: RunningServer, pages: Record<string, string>) {
  const timed = await timePages(server, Object.values(pages), { requests, runs: repeats, warmups: 2, headers: { cookie: await adminCookie(server) } });
  return new Map(Object.entries(pages).map(([name, path]) => [name, timed.get(path)!]));
}

// A busy shared machine can take minutes to prepare a new database: the start is not what is timed.
const demo = await startServer({ env: { DEMO_NETWORK: '1' }, startTimeoutMs: 600_000 });
let baseline: Map<string, [number, number]>;
let demoTargets: ReturnType<typeof targets>;
try {
  demoTargets = targets(demo.databasePath);
  baseline = await timeAll(demo, demoTargets.pages);
} finally {
  await demo.stop();
}

const dir = tempDir('ic-bench-reports-');
const databasePath = join(dir.path, 'large.db');
const started = performance.now();
{
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  syncCatalogStore(db, 'content');
  const fields = readFields('content');
  await syncProvinces(db);
  syncHostColleges(db, fields, 'content');
  const hosts = db.$client.prepare('select count(*) from colleges').pluck().get() as number;
  await seedDemoNetwork(db, fields, { colleges: 876 - hosts, establishments: 2000 });
  const size = { learners: Number(values.learners), courses: Number(values.courses), runs: Number(values.runs), events: Number(values.events), years: 2 };
  generateTraining(db, fields.map((f) => f.slug), size, { seed: 12 });
  db.$client.pragma('optimize');
  db.$client.close();
}
const generationSeconds = (performance.now() - started) / 1000;
const large = await startServer({ databasePath, env: { DEMO_NETWORK: '0' }, startTimeoutMs: 600_000 });
let scaled: Map<string, [number, number]>;
let largeTargets: ReturnType<typeof targets>;
try {
  largeTargets = targets(databasePath);
  scaled = await timeAll(large, largeTargets.pages);
} finally {
  await large.stop();
  dir.remove();
}

const fmt = (n: number) => n.toFixed(1);
const c = largeTargets.counts;
const d = demoTargets.counts;
const lines = [
  '# Reports benchmark',
  '',
  `Command: \`npm run bench:reports -- --learners ${values.learners} --courses ${values.courses} --runs ${values.runs} --events ${values.events} --requests ${requests} --repeats ${repeats}\` on ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)} (a machine shared with other work).`,
  '',
  `Each page requested ${requests} times per repeat as an admin, one at a time over loopback, after 2 warm-ups; p50 / p95 in ms, medians over ${repeats} repeats.`,
  `Fiscal year ${year} (${c.yearPlaces} places held in its runs at scale, ${d.yearPlaces} in the demo). Baseline: the demo data (${d.learners} users, ${d.courses} courses, ${d.runs} runs, ${d.enrollments} enrollments, ${d.events} activity events), measured in the same run.`,
  `Scaled: ${c.learners} users, ${c.courses} courses, ${c.runs} runs over two fiscal years, ${c.enrollments} enrollments, ${c.results} activity results, ${c.events} activity events (generated in ${fmt(generationSeconds)} s, one transaction). Target: p50 under 300 ms.`,
  '',
  '| page | demo (baseline) | scaled | p50 / baseline |',
  '|---|---|---|---|',
  ...[...scaled.keys()].map((name) => {
    const [b50, b95] = baseline.get(name)!;
    const [s50, s95] = scaled.get(name)!;
    return `| ${name} | ${fmt(b50)} / ${fmt(b95)} | ${fmt(s50)} / ${fmt(s95)} | ${(s50 / b50).toFixed(2)} |`;
  }),
  '',
];
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, lines.join('\n'));
console.log(lines.join('\n'));
