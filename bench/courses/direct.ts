// What answering the learning records before Astro's handler saves (decision 021): the server's CPU time per request
// for the same statement posted to `/api/learn/statements` (answered by the site server) and to
// `/api/learn/statements/` (the same route, middleware and endpoint through Astro's handler), recorded or refused
// (a run the learner is not in), by a few clients at once. CPU time is read from /proc, so the figure depends less on
// the shared machine's load than a rate; the four series alternate round by round. Writes bench/results/courses-direct.md.
// Usage: node bench/courses/direct.ts [--requests 1000] [--rounds 5] [--clients 4]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { courseRuns, enrollments, users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { processCpuMs } from './server-cpu.ts';
import { startServer } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '4' },
    out: { type: 'string', default: new URL('../results/courses-direct.md', import.meta.url).pathname },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const clients = Number(values.clients);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const activity = 'solar-sizing-quiz';
const day = 86_400_000;

const server = await startServer();
try {
  const db = openDatabase(server.databasePath);
  const run = db
    .insert(courseRuns)
    .values({ courseSlug: 'solar-rooftop-installation-new-skill', code: 'bench-direct', startsOn: new Date(), endsOn: new Date(Date.now() + day), enrollOpensAt: new Date(Date.now() - day), enrollClosesAt: new Date(Date.now() + day), capacity: 10, mode: 'online', college: 'วิทยาลัยเทคนิคทดสอบ' })
    .returning()
    .get();
  const user = db.insert(users).values({ email: 'bench-direct@bench.example', passwordHash: 'x', role: 'student', nameTh: 'ผู้เรียน', studentLevel: 'vc', emailVerifiedAt: new Date() }).returning().get();
  db.insert(enrollments).values({ runId: run.id, userId: user.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
  const cookie = `session=${createSession(db, user.id).token}`;
  db.$client.close();

  const serverCpuMs = () => processCpuMs(server.pid);
  const body = (runId: number) =>
    JSON.stringify({
      runId,
      activity,
      statement: { id: crypto.randomUUID(), actor: { mbox: `mailto:${user.email}` }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: activityIri(activity) }, result: { score: { scaled: 0.3 } } },
    });
  const series = [
    { name: 'recorded, before Astro', path: '/api/learn/statements', runId: run.id, status: 200 },
    { name: 'recorded, through Astro', path: '/api/learn/statements/', runId: run.id, status: 200 },
    { name: 'refused (another run), before Astro', path: '/api/learn/statements', runId: run.id + 1000, status: 403 },
    { name: 'refused (another run), through Astro', path: '/api/learn/statements/', runId: run.id + 1000, status: 403 },
  ];
  const cpu = new Map<string, number[]>(series.map((s) => [s.name, []]));
  const loads: number[] = [];
  // Round 0 warms both paths up (module loading, the bundle's first middleware load) and is not counted.
  for (let round = 0; round <= rounds; round++) {
    for (const s of round % 2 ? [...series].reverse() : series) {
      const before = serverCpuMs();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = 0; i < requests / clients; i++) {
            const response = await fetch(server.url + s.path, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: body(s.runId) });
            await response.arrayBuffer();
            if (response.status !== s.status) throw new Error(`${s.name} answered ${response.status}`);
          }
        }),
      );
      if (round > 0) cpu.get(s.name)!.push((serverCpuMs() - before) / requests);
    }
    loads.push(loadavg()[0]!);
    console.log(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${series.map((s) => `${s.name} ${cpu.get(s.name)!.at(-1)?.toFixed(2) ?? '-'}`).join(', ')} ms; load ${loadavg()[0]!.toFixed(1)}`);
  }
  const ms = (name: string) => median(cpu.get(name)!);
  const row = (what: string) =>
    `| ${what} | ${ms(`${what}, before Astro`).toFixed(2)} | ${ms(`${what}, through Astro`).toFixed(2)} | ${(ms(`${what}, before Astro`) / ms(`${what}, through Astro`)).toFixed(2)} |`;
  const report = `# Learning records before Astro's handler

Command: \`node bench/courses/direct.ts --requests ${requests} --rounds ${rounds} --clients ${clients}\` on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the rounds.

One signed-in learner's statement (a new id each time), ${requests} requests per series and round from ${clients} clients at once,
posted to \`/api/learn/statements\` (answered by the site server before Astro's handler, decision 021) and to
\`/api/learn/statements/\` (the same route, middleware and endpoint through Astro's handler); recorded, or refused
for a run the learner is not in (session, body and one query, no write). Server CPU time (user and system, from
\`/proc\`, which includes the WAL's fdatasync on libuv's threads) per request, medians of ${rounds} rounds after a warm-up.

| statement | ms before Astro | ms through Astro | ratio |
|---|---|---|---|
${row('recorded')}
${row('refused (another run)')}
`;
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
} finally {
  await server.stop();
}
