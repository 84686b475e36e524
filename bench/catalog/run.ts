// The catalog benchmark (npm run bench:catalog): how page times grow with the items admins add on the web. Each page
// is timed on the built server with the demo content only (the baseline, measured in the same run) and again with
// N generated catalog_items rows. Writes bench/results/catalog.md.
// Usage: node bench/catalog/run.ts [--items 5000] [--requests 30] [--runs 3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { catalogItems } from '../../db/schema/index.ts';
import { startServer, type RunningServer } from '../../tests/helpers/server.ts';
import { timePages } from '../http-timing.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/catalog.md', import.meta.url).pathname },
  },
});
const items = Number(values.items);
const requests = Number(values.requests);
const runs = Number(values.runs);
const pages = ['/', '/fields/electrical-technology', '/library', '/library?sort=title&page=3', '/library/ebooks/ac-motor-control-and-plc'];

const timeAll = (server: RunningServer) => timePages(server, pages, { requests, runs, warmups: 5 });

const server = await startServer();
try {
  const baseline = await timeAll(server);
  const db = openDatabase(server.databasePath);
  db.$client.transaction(() => {
    for (let i = 0; i < items; i++) {
      const data = {
        titleTh: `คู่มือการเรียนรู้ลำดับที่ ${i}`, authors: ['นายทดสอบ ระบบ'], summary: 'สื่อการเรียนรู้ที่สร้างขึ้นสำหรับวัดเวลา',
        levels: ['vc'], language: 'th', publisher: 'วิทยาลัยเทคนิคสระบุรี', year: 2568, licence: 'CC BY 4.0',
        keywords: ['ไฟฟ้า'], fields: [i % 2 ? 'electrical-technology' : 'hotel-management'], published: '2026-01-01',
      };
      db.insert(catalogItems).values({ type: 'ebooks', slug: `generated-${i}`, data, body: 'เนื้อหา' }).run();
    }
  })();
  db.$client.close();
  const loaded = await timeAll(server);
  const rows = pages.map((path) => {
    const [b50, b95] = baseline.get(path)!;
    const [l50, l95] = loaded.get(path)!;
    return `| \`${path}\` | ${b50.toFixed(1)} / ${b95.toFixed(1)} | ${l50.toFixed(1)} / ${l95.toFixed(1)} | ${(l50 / b50).toFixed(2)} |`;
  });
  const report = `# Catalog benchmark

Command: \`npm run bench:catalog\` (\`--items ${items} --requests ${requests} --runs ${runs}\`) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

Each page requested ${requests} times per run, one at a time over loopback, after 5 warm-ups; p50 / p95 in ms, medians over ${runs} runs.
The baseline is the same server with the demo content only (44 items), measured in the same run before ${items} web-edited
e-books are added to \`catalog_items\`.

| page | demo only (baseline) | with ${items} database items | p50 / baseline |
|---|---|---|---|
${rows.join('\n')}
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
} finally {
  await server.stop();
}
