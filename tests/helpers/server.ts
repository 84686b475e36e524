// Starting the real built server (node src/server/serve.ts) on a free loopback port with its own database file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverNodeFlags } from '../../src/server/node-flags.ts';

const root = new URL('../../', import.meta.url).pathname;

export interface RunningServer {
  url: string;
  /** The origin its pages have in a browser: SITE_URL's when the test set one (a proxy in front), else `url`. */
  origin: string;
  databasePath: string;
  /** The server's process id, to read its memory from /proc. */
  pid: number;
  output: () => string;
  /** Resolves with the exit code when the process has ended (null when a signal ended it). */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The demo network takes seconds to generate, so test servers start without it unless a test asks (DEMO_NETWORK). */
export async function startServer(
  options: {
    databasePath?: string;
    env?: Record<string, string>;
    startTimeoutMs?: number;
    /** node's flags for the server: those of `npm start` (src/server/node-flags.ts) unless a benchmark compares others. */
    nodeFlags?: string[];
  } = {},
): Promise<RunningServer> {
  const dir = options.databasePath ? undefined : tempDir('ic-server-');
  const databasePath = options.databasePath ?? join(dir!.path, 'test.db');
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? serverNodeFlags), 'src/server/serve.ts'], {
    cwd: root,
    // One process unless a test asks for workers: the suite starts dozens of servers, and some read one process's memory.
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, NODE_ENV: 'test', DEMO_NETWORK: '0', SERVER_WORKERS: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    dir?.remove();
  };
  // Generous: on a loaded 2-core machine the first start (migrations, demo files, search index) can take long.
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      await fetch(`${url}/`, { redirect: 'manual' });
      return { url, origin: options.env?.SITE_URL ? new URL(options.env.SITE_URL).origin : url, databasePath, pid: child.pid!, output: () => log, exited, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`server did not answer within ${(options.startTimeoutMs ?? 90_000) / 1000} s:\n${log}`);
}
