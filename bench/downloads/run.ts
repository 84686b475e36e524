// The download benchmark (npm run bench:downloads): does counting a download slow it? Full GETs of a demo PDF
// (counted) against GETs of the same file from its second byte (a resumed range, served by the same code, not
// counted), interleaved, on the built server. Writes bench/results/downloads.md.
// Usage: node bench/downloads/run.ts [--requests 300] [--runs 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { startServer } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: new URL('../results/downloads.md', import.meta.url).pathname },
  },
});
const requests = Number(values.requests);
const runs = Number(values.runs);
const path = '/download/ebooks/ac-motor-control-and-plc/ac-motor-control-and-plc.pdf';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

let downloader = 0;
/** Each full GET comes from an address of its own (the server trusts X-Forwarded-For here), so each is counted. */
const newDownloader = () => ({ 'x-forwarded-for': `10.${(++downloader >> 16) & 255}.${(downloader >> 8) & 255}.${downloader & 255}` });

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200 && response.status !== 206) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - start;
}

const server = await startServer({ env: { TRUST_PROXY: '1' } });
try {
  const url = server.url + path;
  for (let i = 0; i < 50; i++) await timed(url, {}); // warm-up: JIT, file cache, SQLite pages
  const db = openDatabase(server.databasePath);
  const countBefore = (db.$client.prepare('select coalesce(sum(count), 0) as n from download_counts').get() as { n: number }).n;

  const perRun: { counted: [number, number]; resumed: [number, number] }[] = [];
  for (let run = 0; run < runs; run++) {
    const counted: number[] = [];
    const resumed: number[] = [];
    // Interleaved, so drift in the machine's load falls on both alike.
    for (let i = 0; i < requests; i++) {
      counted.push(await timed(url, newDownloader()));
      resumed.push(await timed(url, { Range: 'bytes=1-' }));
    }
    counted.sort((a, b) => a - b);
    resumed.sort((a, b) => a - b);
    perRun.push({ counted: [quantile(counted, 0.5), quantile(counted, 0.95)], resumed: [quantile(resumed, 0.5), quantile(resumed, 0.95)] });
    console.log(`run ${run + 1}: counted p50 ${perRun.at(-1)!.counted[0].toFixed(2)} ms, resumed p50 ${perRun.at(-1)!.resumed[0].toFixed(2)} ms`);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const countAfter = (db.$client.prepare('select coalesce(sum(count), 0) as n from download_counts').get() as { n: number }).n;
  db.$client.close();

  const c50 = median(perRun.map((r) => r.counted[0]));
  const c95 = median(perRun.map((r) => r.counted[1]));
  const r50 = median(perRun.map((r) => r.resumed[0]));
  const r95 = median(perRun.map((r) => r.resumed[1]));
  const report = `# Download benchmark

Command: \`npm run bench:downloads\` (\`--requests ${requests} --runs ${runs}\`) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

Each run sends ${requests} full GETs of a ${'demo PDF'}, each from a new client address (counted: a viewer row and the
day's count written per download, after the response starts)
interleaved with ${requests} GETs of the same file from its second byte (\`Range: bytes=1-\`: the same route and streaming,
but a resumed download is not counted), one at a time over loopback to the built server. Figures are medians over ${runs} runs.

| request | p50 ms | p95 ms | p50 / baseline | p95 / baseline |
|---|---|---|---|---|
| full GET, counted | ${c50.toFixed(2)} | ${c95.toFixed(2)} | ${(c50 / r50).toFixed(2)} | ${(c95 / r95).toFixed(2)} |
| resumed GET, not counted (baseline) | ${r50.toFixed(2)} | ${r95.toFixed(2)} | 1.00 | 1.00 |

Downloads counted during the measurement: ${countAfter - countBefore} of ${runs * requests} full GETs sent (none lost).
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
  if (countAfter - countBefore !== runs * requests) process.exitCode = 1;
} finally {
  await server.stop();
}
