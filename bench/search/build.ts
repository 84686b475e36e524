// A full reindex of the embedded engine on one thread and on two (the trigram table built by a worker thread,
// docs/decisions/028), in the same process, alternating which goes first: wall time, the process's CPU time and each
// thread's, the copy of the worker's tables, and whether both indexes answer the judged queries alike.
// Usage: node bench/search/build.ts [--sizes 20000,100000] [--rounds 3] [--out FILE]
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createSqliteEngine, type BuildReport } from '../../search/engines/sqlite.ts';
import { Dictionary } from '../../search/text.ts';
import { domainDictionaryWords } from '../../search/vocabulary.ts';
import { tempDir } from '../../tests/helpers/server.ts';
import { median, reportLines } from './report.ts';
import { generateDocuments } from './corpus.ts';
import { readJudgedQueries } from './quality.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,100000' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/search-build.md', import.meta.url).pathname },
  },
});
const sizes = values.sizes.split(',').map(Number);
const rounds = Number(values.rounds);
const dictionary = new Dictionary(domainDictionaryWords());
const queries = readJudgedQueries();
const dir = tempDir('ic-bench-build-');
const { say, lines } = reportLines();
const seconds = (cpu: { user: number; system: number }) => (cpu.user + cpu.system) / 1e6;
const load = () => loadavg()[0]!.toFixed(1);

type Variant = 'one thread' | 'two threads';
type Round = { variant: Variant; wall: number; cpu: number; main: number; worker: number; copy: number; wait: number; load: string };

let files = 0;
async function build(variant: Variant, documents: ReturnType<typeof generateDocuments>, keep = false) {
  const path = join(dir.path, `build-${files++}.db`);
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const engine = createSqliteEngine({ database, dictionary, parallelBuildFrom: variant === 'two threads' ? 2000 : Infinity });
  const before = load();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await engine.replaceAll(documents);
  const wall = (performance.now() - started) / 1000;
  const report: BuildReport = engine.lastBuild()!;
  if (variant === 'two threads' && !report.parallel) throw new Error(`the two-thread build ran on one: ${JSON.stringify(report.worker)}`);
  const round: Round = {
    variant,
    wall,
    cpu: seconds(process.cpuUsage(cpu)),
    main: seconds(report.mainCpu),
    worker: report.worker ? seconds(report.worker.cpu) : 0,
    copy: (report.copyMs ?? 0) / 1000,
    wait: (report.waitMs ?? 0) / 1000,
    load: `${before}–${load()}`,
  };
  const remove = () => {
    database.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  if (!keep) remove();
  return { round, engine, remove };
}

/**
 * CPU seconds a busy loop gets in `ms` of wall time on this thread alone, then on this thread and a worker at once:
 * whether this machine has a second core to give right now (two threads should get about twice one's).
 */
async function freeCores(ms = 3000) {
  const spin = () => {
    const cpu = process.threadCpuUsage();
    for (const end = Date.now() + ms; Date.now() < end; );
    return seconds(process.threadCpuUsage(cpu));
  };
  const alone = spin();
  const source = `const { parentPort } = process.getBuiltinModule('node:worker_threads');
    const cpu = process.threadCpuUsage(); for (const end = Date.now() + ${ms}; Date.now() < end; );
    const used = process.threadCpuUsage(cpu); parentPort.postMessage((used.user + used.system) / 1e6);`;
  const worker = new Worker(source, { eval: true });
  const theirs = new Promise<number>((resolve) => worker.once('message', resolve));
  const mine = spin();
  const together = mine + (await theirs);
  await worker.terminate();
  return { alone, together };
}

async function answers(engine: ReturnType<typeof createSqliteEngine>) {
  return JSON.stringify(await Promise.all(queries.map(async ({ q }) => {
    const { hits, total, facets } = await engine.search({ q, facets: true });
    return [hits.map((h) => h.id), total, facets];
  })));
}

say('# Embedded search: a full reindex on one thread and on two');
say();
say(`${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. Command: \`node bench/search/build.ts --sizes ${values.sizes} --rounds ${rounds}\`.`);
say('Each round builds both into fresh files (WAL), alternating which goes first. CPU: the process (user + system);');
say('"busiest thread": the larger of this thread\'s and the worker\'s CPU, what wall time comes to with a core free for each.');
say('Load: the 1-minute load average before–after each build.');
say();
const cores = await freeCores();
say(`Free cores before the builds: a busy loop got ${cores.alone.toFixed(2)} s of CPU in 3 s alone, ${cores.together.toFixed(2)} s on two threads at once (a quiet 2-core machine gives about 3 and 6).`);
say();
say('| documents | build | round | wall s | docs/s (wall) | process CPU s | this thread s | worker s | copy s | waited s | docs/s of the busiest thread | load |');
say('|---|---|---|---|---|---|---|---|---|---|---|---|');
const summary: string[] = [];
for (const size of sizes) {
  const documents = generateDocuments(size);
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const order: Variant[] = r % 2 === 0 ? ['one thread', 'two threads'] : ['two threads', 'one thread'];
    for (const variant of order) {
      const { round } = await build(variant, documents);
      results.push(round);
      const busiest = Math.max(round.main, round.worker);
      say(`| ${size.toLocaleString('en')} | ${variant} | ${r + 1} | ${round.wall.toFixed(1)} | ${Math.round(size / round.wall)} | ${round.cpu.toFixed(1)} | ${round.main.toFixed(1)} | ${round.worker ? round.worker.toFixed(1) : '–'} | ${round.worker ? round.copy.toFixed(2) : '–'} | ${round.worker ? round.wait.toFixed(2) : '–'} | ${Math.round(size / busiest)} | ${round.load} |`);
    }
  }
  // The same answers from both: one more build of each, kept open.
  const one = await build('one thread', documents, true);
  const two = await build('two threads', documents, true);
  const same = (await answers(one.engine)) === (await answers(two.engine));
  one.remove();
  two.remove();
  for (const variant of ['one thread', 'two threads'] as Variant[]) {
    const of = results.filter((r) => r.variant === variant);
    const wall = median(of.map((r) => r.wall));
    const busiest = median(of.map((r) => Math.max(r.main, r.worker)));
    summary.push(
      `| ${size.toLocaleString('en')} | ${variant} | ${Math.round(size / wall)} | ${median(of.map((r) => r.cpu)).toFixed(1)} | ${median(of.map((r) => r.main)).toFixed(1)} | ${variant === 'two threads' ? median(of.map((r) => r.worker)).toFixed(1) : '–'} | ${Math.round(size / busiest)} | ${variant === 'two threads' ? (same ? 'yes' : '**no**') : ''} |`,
    );
  }
}
say();
say(`Medians over ${rounds} rounds:`);
say();
say('| documents | build | docs/s (wall) | process CPU s | this thread s | worker s | docs/s of the busiest thread | same answers to the judged queries |');
say('|---|---|---|---|---|---|---|---|');
for (const line of summary) say(line);
writeFileSync(values.out, `${lines.join('\n')}\n`);
dir.remove();
