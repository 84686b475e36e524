// SERVER_WORKERS=2: the launcher prepares the database once and forks two workers on one port (node:cluster,
// decision 024). Both answer, a session made through one is good on the other, a worker that dies is replaced, and
// SIGTERM drains both before the launcher leaves with 0.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, openServerDb, signInOverHttp } from '../helpers/accounts.ts';
import { serverNodeFlags } from '../../src/server/node-flags.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { SERVER_WORKERS: '2' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** The JSON lines the server wrote so far. */
const logLines = () =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** One GET on a connection of its own (connections, not requests, are spread over the workers). */
function getOnNewConnection(path: string, cookie?: string): Promise<{ status: number; body: string; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent: false, headers: cookie ? { cookie } : {}, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, requestId: String(res.headers['x-request-id']) }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 10 s`)));
    req.end();
  });
}

/** The worker whose access line carries this request id (the line is written when the answer closes). */
async function workerOf(requestId: string): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = logLines().find((l) => l.msg === 'request' && l.requestId === requestId);
    if (line) return line.worker as number;
    if (Date.now() > deadline) throw new Error(`no access line for ${requestId}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; the server wrote:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Child processes of the launcher, from /proc. */
function workerPids(): number[] {
  const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

describe('a server with two workers', () => {
  it('prepares once and answers from both workers', async () => {
    expect(server.output().match(/catalog: /g)).toHaveLength(1);
    // Each worker listens on the port itself and the kernel picks one per connection (by its addresses and ports),
    // so new connections are asked until both have answered.
    const workers = new Set<number>();
    for (let i = 0; i < 40 && workers.size < 2; i++) {
      const answer = await getOnNewConnection('/');
      expect(answer.status).toBe(200);
      workers.add(await workerOf(answer.requestId));
    }
    expect(workers.size).toBe(2);
    expect(workerPids()).toHaveLength(2);
    // The launcher's node flags (decision 026) reach every worker.
    for (const pid of [server.pid, ...workerPids()]) {
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(serverNodeFlags));
    }
  });

  it('accepts on each worker a session made through the other', async () => {
    const db = openServerDb(server);
    try {
      const user = await insertUser(db, { role: 'teacher', email: 'workers@example.ac.th', password: 'two-workers-2569' });
      const cookie = await signInOverHttp(server, user.email, 'two-workers-2569');
      const workers = new Set<number>();
      for (let i = 0; i < 40 && workers.size < 2; i++) {
        const answer = await getOnNewConnection('/account', cookie);
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('workers@example.ac.th');
        workers.add(await workerOf(answer.requestId));
      }
      expect(workers.size).toBe(2);
    } finally {
      db.$client.close();
    }
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim!, 'SIGKILL');
    // A connection waiting at the worker in the instant it died is lost with it; once its socket is closed the kernel
    // gives every connection to the other worker until the new one listens.
    await until(() => logLines().some((l) => l.msg === 'worker ended; starting another' && l.pid === victim), 10_000);
    for (let i = 0; i < 4; i++) expect((await getOnNewConnection('/healthz')).status).toBe(200);
    await until(() => logLines().filter((l) => l.msg === 'Server listening on ' + server.url).length === 3, 60_000);
    const now = workerPids();
    expect(now).toHaveLength(2);
    expect(now).toContain(survivor);
    expect(now).not.toContain(victim);
  }, 90_000);

  it('drains every worker on SIGTERM and leaves with 0, no worker left behind', async () => {
    const workers = workerPids();
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    const shutDown = logLines().filter((l) => l.msg === 'shut down').map((l) => l.pid);
    for (const pid of workers) expect(shutDown).toContain(pid);
    expect(shutDown).toContain(server.pid);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
