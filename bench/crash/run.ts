// The long crash test (npm run bench:crash): many cycles of write bursts against the built server, each ended by a
// SIGKILL at a random moment, the server started again, every acknowledged write looked up and the file's integrity
// checked (tests/helpers/crash-cycles.ts; npm test runs a few cycles in tests/integration/crash.test.ts). Writes
// bench/results/crash.md; exits 1 when a record was lost, a 5xx was seen or the file was damaged.
// Usage: node bench/crash/run.ts [--cycles 30] [--clients 4] [--min-ms 0] [--max-ms 1500]
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { crashCycles } from '../../tests/helpers/crash-cycles.ts';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '30' },
    clients: { type: 'string', default: '4' },
    'min-ms': { type: 'string', default: '0' },
    'max-ms': { type: 'string', default: '1500' },
    out: { type: 'string', default: new URL('../results/crash.md', import.meta.url).pathname },
  },
});

const report = await crashCycles({
  cycles: Number(values.cycles),
  clientsPerKind: Number(values.clients),
  killAfterMs: [Number(values['min-ms']), Number(values['max-ms'])],
  log: (line) => console.log(line),
});
const damaged = report.integrity.filter((r) => r !== 'ok');
const total = Object.values(report.acknowledged).reduce((a, b) => a + b, 0);
const lines = [
  '# Crash test',
  '',
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
    `\`node bench/crash/run.ts --cycles ${values.cycles} --clients ${values.clients} --min-ms ${values['min-ms']} --max-ms ${values['max-ms']}\`, ${report.seconds.toFixed(0)} s.`,
  '',
  '| | |',
  '|---|---|',
  `| cycles (SIGKILL mid-burst, restart) | ${report.cycles} |`,
  ...Object.entries(report.acknowledged).map(([kind, n]) => `| acknowledged ${kind} | ${n} |`),
  `| acknowledged writes, all kinds | ${total} |`,
  `| requests cut off by the kills | ${report.interrupted} |`,
  `| acknowledged writes lost | ${report.lost.length} |`,
  `| answers ≥ 500 | ${report.serverErrors.length} |`,
  `| integrity_check not ok | ${damaged.length} |`,
  '',
  ...report.lost.slice(0, 20).map((l) => `- lost: ${l}`),
  ...report.serverErrors.slice(0, 20).map((l) => `- 5xx: ${l}`),
  ...damaged.slice(0, 20).map((l) => `- integrity: ${l}`),
];
writeFileSync(values.out!, lines.join('\n') + '\n');
console.log(lines.join('\n'));
if (report.lost.length || report.serverErrors.length || damaged.length) process.exit(1);
