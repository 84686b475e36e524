// The upload memory benchmark (npm run bench:uploads): how much memory does the server take while an admin uploads
// a large file? Peak resident memory (VmHWM in /proc/<pid>/status) of the built server after it served the item form
// (the baseline, same process) and after one --mb MB PDF was posted through that form; one fresh server per run.
// Writes bench/results/uploads.md.
// Usage: node bench/uploads/run.ts [--mb 99] [--runs 3]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { signedInUser } from '../../tests/helpers/accounts.ts';
import { startServer, tempDir } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '99' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: new URL('../results/uploads.md', import.meta.url).pathname },
  },
});
const megabytes = Number(values.mb);
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Peak resident memory of a process so far, in MiB. */
function peakRss(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
  return Number(kib) / 1024;
}

// The file is built once, in this process: the server's memory is what is measured.
const pdf = new Blob([`%PDF-1.7\n`, new Uint8Array(megabytes * 1024 * 1024 - 16), `\n%%EOF\n`]);

const perRun: { idle: number; upload: number; seconds: number }[] = [];
for (let run = 0; run < runs; run++) {
  const uploads = tempDir('ic-bench-uploads-');
  const server = await startServer({ env: { UPLOADS_DIR: join(uploads.path, 'files'), UPLOAD_MAX_MB: String(megabytes + 1) } });
  try {
    const db = openDatabase(server.databasePath);
    const { cookie } = await signedInUser(db, { role: 'admin', email: `bench-${run}@example.ac.th` });
    db.$client.close();
    const formPage = await fetch(`${server.url}/admin/items/new?type=ebooks`, { headers: { cookie } });
    if (formPage.status !== 200) throw new Error(`the item form answered ${formPage.status}`);
    await formPage.text();
    const idle = peakRss(server.pid);

    const form = new FormData();
    const fields = { intent: 'save', titleTh: `ไฟล์ใหญ่ ${run}`, titleEn: `Large file ${run}`, authors: 'ผู้ทดสอบ', summary: 'ทดสอบหน่วยความจำ' };
    const more = { levels: 'hvc', language: 'th', publisher: 'วิทยาลัยเทคนิค', licence: 'CC BY 4.0', year: '2569', fields: 'renewable-energy-technology', published: '2026-11-01' };
    for (const [name, value] of Object.entries({ ...fields, ...more })) form.append(name, value);
    form.append('upload', pdf, 'large.pdf');
    const start = performance.now();
    const response = await fetch(`${server.url}/admin/items/new?type=ebooks`, { method: 'POST', body: form, headers: { cookie, origin: server.url }, redirect: 'manual' });
    await response.arrayBuffer();
    const seconds = (performance.now() - start) / 1000;
    if (response.status !== 303) throw new Error(`the upload answered ${response.status}`);
    perRun.push({ idle, upload: peakRss(server.pid), seconds });
    console.log(`run ${run + 1}: peak RSS ${idle.toFixed(0)} MiB before, ${perRun.at(-1)!.upload.toFixed(0)} MiB after the upload (${seconds.toFixed(1)} s)`);
  } finally {
    await server.stop();
    uploads.remove();
  }
}

const idle = median(perRun.map((r) => r.idle));
const upload = median(perRun.map((r) => r.upload));
const seconds = median(perRun.map((r) => r.seconds));
const report = `# Upload memory benchmark

Command: \`npm run bench:uploads\` (\`--mb ${megabytes} --runs ${runs}\`) on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

Each run starts the built server with its own database and uploads folder, opens the new e-book form as an admin
(the baseline), then saves an e-book with one ${megabytes} MB PDF through that form over loopback. Peak resident memory is
the server process's \`VmHWM\` from \`/proc/<pid>/status\`. Figures are medians over ${runs} runs.

| server | peak RSS MiB | / baseline |
|---|---|---|
| after serving the form (baseline) | ${idle.toFixed(0)} | 1.00 |
| after a ${megabytes} MB upload (${seconds.toFixed(1)} s) | ${upload.toFixed(0)} | ${(upload / idle).toFixed(2)} |
`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, report);
console.log(report);
