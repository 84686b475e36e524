// Lighthouse (mobile: its default emulated phone and simulated slow 4G) on the pages a new visitor meets first,
// against the built server with the demo content: the four category scores of each page, the median over --runs.
// Writes bench/results/lighthouse.md. Needs Chromium (CHROME_PATH, default /usr/bin/chromium); works offline.
// Usage: npm run bench:lighthouse [-- --runs 3] [--json-dir <folder>]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { freePort, startServer, tempDir } from '../../tests/helpers/server.ts';
import { median, pages, writeReport } from './shared.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    out: { type: 'string', default: new URL('../results/lighthouse.md', import.meta.url).pathname },
    /** A folder to keep each run's full Lighthouse report (JSON) in, to read its audits. */
    'json-dir': { type: 'string' },
  },
});
const runs = Number(values.runs);

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;


/** Chromium with a debugging port for Lighthouse to drive; its own profile, nothing reached beyond loopback. */
async function launchChromium(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const profile = tempDir('ic-lighthouse-profile-');
  const child = spawn(
    process.env.CHROME_PATH ?? '/usr/bin/chromium',
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--remote-debugging-port=${port}`, `--user-data-dir=${profile.path}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('Chromium did not open its debugging port');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { port, stop: () => (child.kill('SIGTERM'), profile.remove()) };
}

const loadBefore = loadavg()[0]!;
const server = await startServer();
// A route's first request in a new process also compiles its code and fills the server's caches (hundreds of ms on
// this machine): one request to each page first, so the runs measure a running site's server time, as a visitor meets it.
for (const [, path] of pages) await fetch(server.url + path).then((response) => response.arrayBuffer());
const chromium = await launchChromium();
const scores = new Map<string, Record<string, number[]>>();
const failed = new Map<string, Set<string>>();
/** Lighthouse's measure of this machine's speed at each run: its CPU throttling assumes a fast desktop (about 1,000 and up). */
const benchmarkIndex: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    for (const [name, path] of pages) {
      const result = await lighthouse(server.url + path, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
      if (!result || result.lhr.runtimeError) throw new Error(`${path}: ${result?.lhr.runtimeError?.message ?? 'no result'}`);
      benchmarkIndex.push(result.lhr.environment.benchmarkIndex);
      if (values['json-dir']) {
        mkdirSync(values['json-dir'], { recursive: true });
        writeFileSync(`${values['json-dir']}/${name.replace(/[^a-z]+/g, '-')}-${run + 1}.json`, JSON.stringify(result.lhr));
      }
      const byCategory = scores.get(name) ?? Object.fromEntries(categories.map((c) => [c, [] as number[]]));
      for (const c of categories) byCategory[c]!.push(Math.round((result.lhr.categories[c]?.score ?? 0) * 100));
      scores.set(name, byCategory);
      // What costs points, so the next fix is known: every audit under 1 that weighs in a category.
      const weighed = new Set(Object.values(result.lhr.categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => r.id)));
      const lost = Object.values(result.lhr.audits).filter((a) => weighed.has(a.id) && a.score !== null && a.score < 1).map((a) => a.id);
      failed.set(name, new Set([...(failed.get(name) ?? []), ...lost]));
      console.log(`run ${run + 1} ${name}: ${categories.map((c) => `${c} ${byCategory[c]!.at(-1)}`).join(', ')}`);
    }
  }
} finally {
  chromium.stop();
  await server.stop();
}

const rows = pages.map(([name, path]) => `| ${name} (\`${path}\`) | ${categories.map((c) => median(scores.get(name)![c]!)).join(' | ')} | ${[...failed.get(name)!].join(', ') || '–'} |`);
writeReport(values.out!, [
  '# Lighthouse (mobile)',
  '',
  `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, its default mobile settings (emulated phone, simulated slow 4G and 4× CPU slowdown), against the built server with the demo content; median of ${runs} run(s) per page. \`npm run bench:lighthouse -- --runs ${runs}\`, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Lighthouse's benchmark index of this machine during the runs: median ${Math.round(median(benchmarkIndex))} (range ${Math.round(Math.min(...benchmarkIndex))}–${Math.round(Math.max(...benchmarkIndex))}); load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores. Its 4× CPU slowdown is meant for a machine of about 1,000 and up; on a busier one the performance score (total blocking time above all) measures the machine's load as much as the page, so compare it between runs on the same machine only.`,
  '',
  `| page | ${categories.join(' | ')} | audits below full marks |`,
  `|---|${categories.map(() => '---').join('|')}|---|`,
  ...rows,
]);
