// The main-thread work behind Lighthouse's total blocking time, measured so that a busy machine does not blur it:
// each page of bench/lighthouse/run.ts loaded in Chromium as Lighthouse's phone (412×823), traced, and the renderer's
// *thread CPU time* summed (layout, style, HTML parsing, every task), which other processes on the machine do not
// inflate as they do wall-clock time. "Blocking at 4×" is what those tasks would block with Lighthouse's 4× CPU
// slowdown (each task's CPU time × 4, less 50 ms, summed over the page's load), an upper bound of its TBT.
// Writes bench/results/main-thread.md. Usage: node bench/lighthouse/main-thread.ts [--runs 5]
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../../tests/helpers/server.ts';
import { median, pages, writeReport } from './shared.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: new URL('../results/main-thread.md', import.meta.url).pathname },
  },
});
const runs = Number(values.runs);

interface TraceEvent { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }
const measures = ['layout', 'style', 'parse', 'tasks', 'blocking at 4×', 'layouts'] as const;

/** Thread CPU milliseconds of one page load, from the main thread of the renderer that laid the page out. */
function mainThreadWork(events: TraceEvent[]): Record<(typeof measures)[number], number> {
  const threads = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const ofThread = (t: TraceEvent) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X');
  const cpu = (list: TraceEvent[], name: string) => list.filter((e) => e.name === name).reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
  const main = threads.map(ofThread).sort((a, b) => cpu(b, 'Layout') - cpu(a, 'Layout'))[0] ?? [];
  const tasks = main.filter((e) => e.name === 'RunTask').map((e) => (e.tdur ?? 0) / 1000);
  return {
    layout: cpu(main, 'Layout'),
    style: cpu(main, 'UpdateLayoutTree'),
    parse: cpu(main, 'ParseHTML'),
    tasks: tasks.reduce((a, b) => a + b, 0),
    'blocking at 4×': tasks.reduce((sum, d) => sum + Math.max(0, 4 * d - 50), 0),
    layouts: main.filter((e) => e.name === 'Layout').length,
  };
}

const loadBefore = loadavg()[0]!;
const server = await startServer();
for (const [, path] of pages) await fetch(server.url + path).then((response) => response.arrayBuffer());
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const results = new Map<string, Record<string, number[]>>();
try {
  for (let run = 0; run < runs; run++) {
    for (const [name, path] of pages) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await page.goto(server.url + path, { waitUntil: 'load' });
      // Web fonts arrive after `load` may fire; each one lays the page out again.
      await page.waitForTimeout(1000);
      const work = mainThreadWork(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
      await context.close();
      const byMeasure = results.get(name) ?? Object.fromEntries(measures.map((m) => [m, [] as number[]]));
      for (const m of measures) byMeasure[m]!.push(work[m]);
      results.set(name, byMeasure);
    }
    console.log(`run ${run + 1} of ${runs} done`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const reference = results.get('a field')!;
const rows = pages.map(([name, path]) => {
  const r = results.get(name)!;
  const cells = measures.map((m) => (m === 'layouts' ? String(median(r[m]!)) : median(r[m]!).toFixed(1)));
  return `| ${name} (\`${path}\`) | ${cells.join(' | ')} | ${(median(r.layout!) / median(reference.layout!)).toFixed(2)} |`;
});
writeReport(values.out!, [
  '# Main-thread work on the Lighthouse pages',
  '',
  `Thread CPU milliseconds of the page's renderer main thread while it loads (Chromium, 412×823 phone, no throttling), median of ${runs} run(s) per page; "blocking at 4×" sums each task's CPU time × 4 less 50 ms (Lighthouse's slowdown and long-task threshold, before-FCP tasks included, so an upper bound of its total blocking time). \`node bench/lighthouse/main-thread.ts --runs ${runs}\`, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores (CPU time is little affected by load; the same-run ratio to the field page is the figure to compare).`,
  '',
  `| page | ${measures.join(' | ')} | layout ÷ field page |`,
  `|---|${measures.map(() => '---').join('|')}|---|`,
  ...rows,
]);
