// `npm run serve` (and the end of `npm start`): prepare the database, content and search index, then serve the
// built Astro handler, compressed and with long-lived caching of hashed assets. Preparing runs in a child process
// (prepare-cli.ts), so the server does not keep the memory it took (fonts for the demo PDFs, password hashes, a full
// reindex): about 50 MB less resident.
// With SERVER_WORKERS=1 this process serves; with more (2 by default, decision 026), it prepares once and then only
// supervises that many workers (node:cluster, one port), each serving as a single process would: a worker that dies
// is replaced, and SIGTERM drains every worker (decision 024).
import { spawnSync } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';
import Database from 'better-sqlite3';
import { createPageCache, publicPagesVersion } from './http/page-cache.ts';
import { createSiteServer, type NodeHandler } from './http/site-server.ts';
import { errorFields, logEvent } from './ops/log.ts';
import { onShutdown, runShutdownHooks, startDraining } from './ops/process-state.ts';

const env = readEnv();
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
/** Longest a shutdown may take: in-flight requests, then the indexing queue (whose retries stop at the deadline). */
const shutdownTimeoutMs = 20_000;
/** The message a worker drains on: the supervisor's SIGTERM, passed on. */
const shutdownMessage = 'intelligent-center:shutdown';

if (cluster.isPrimary) {
  if (!existsSync(entry)) {
    console.error('No build found in dist/. Run `npm run build` first (`npm start` does both).');
    process.exit(1);
  }
  const prepared = spawnSync(process.execPath, [fileURLToPath(new URL('./prepare-cli.ts', import.meta.url))], { stdio: 'inherit' });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  if (env.SERVER_WORKERS > 1) superviseWorkers(env.SERVER_WORKERS);
  else await serve();
} else {
  await serve();
}

/** Serve the site in this process until SIGTERM or SIGINT (or the supervisor's word), then drain and leave. */
async function serve(): Promise<void> {
  process.env.HOST = env.HOST;
  process.env.PORT = String(env.PORT);
  // Astro's standalone handler (static files, then pages), without the server it would start by itself.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(entry.href)) as { handler: NodeHandler };
  let pageCache;
  if (env.PAGE_CACHE_MB > 0) {
    // Its own read-only connection, for the version of what the cached pages show.
    const versions = new Database(env.DATABASE_PATH, { readonly: true, fileMustExist: true });
    onShutdown('page cache', () => void versions.close());
    pageCache = createPageCache({ version: publicPagesVersion(versions), maxBytes: env.PAGE_CACHE_MB * 1024 * 1024 });
  }
  const server = createSiteServer(handler, { trustProxy: env.TRUST_PROXY, pageCache });
  // A worker listens on the port itself (SO_REUSEPORT; the kernel spreads new connections over the workers) rather
  // than through the supervisor: node:cluster's round robin hands a worker its next connection only once the worker
  // has taken the previous one, one event-loop turn of a busy worker each, so 150 connections opened at once waited
  // up to 3.8 s before their first request was even read (decision 026).
  const workerListens = cluster.isWorker ? { reusePort: true, exclusive: true } : {};
  server.listen({ port: env.PORT, host: env.HOST, ...workerListens }, () =>
    logEvent('info', `Server listening on http://${env.HOST}:${env.PORT}`, { pid: process.pid, ...(cluster.isWorker ? { worker: cluster.worker!.id } : {}) }),
  );

  let shuttingDown = false;
  const shutDown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logEvent('info', 'shutting down: finishing requests in flight', { signal, pid: process.pid });
    // /readyz answers 503 from now on; new connections are refused, requests in flight finish.
    startDraining();
    server.close(async () => {
      const failures = await runShutdownHooks();
      for (const failure of failures) logEvent('error', `shutdown: ${failure.name} failed`, errorFields(failure.error));
      logEvent('info', 'shut down', { pid: process.pid });
      process.exit(failures.length > 0 ? 1 : 0);
    });
    // Keep-alive connections between requests would hold close() open; ones serving a request close after it.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 200).unref();
    setTimeout(() => {
      logEvent('error', `shutdown took longer than ${shutdownTimeoutMs / 1000} s; leaving with work unfinished`, { pid: process.pid });
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutDown(signal));
  if (cluster.isWorker) process.on('message', (message) => message === shutdownMessage && shutDown('SIGTERM (supervisor)'));
}

/**
 * Fork `count` workers and keep that many running until SIGTERM or SIGINT; then pass the word on to each, wait for
 * all to finish their requests and queues, and leave with 1 if any failed to.
 */
function superviseWorkers(count: number): void {
  const live = new Map<Worker, number>();
  let shuttingDown = false;
  let failedShutdowns = 0;
  /** Workers that ended within a minute of starting, in a row: a release that cannot start is not retried forever. */
  let earlyDeaths = 0;
  const fork = () => live.set(cluster.fork(), Date.now());
  const leave = (code: number) => {
    logEvent(code === 0 ? 'info' : 'error', 'shut down', { pid: process.pid, workers: count });
    process.exit(code);
  };

  cluster.on('exit', (worker, code, signal) => {
    const startedAt = live.get(worker) ?? Date.now();
    live.delete(worker);
    if (shuttingDown) {
      if (code !== 0) failedShutdowns++;
      if (live.size === 0) leave(failedShutdowns > 0 ? 1 : 0);
      return;
    }
    earlyDeaths = Date.now() - startedAt < 60_000 ? earlyDeaths + 1 : 0;
    if (earlyDeaths >= 5) {
      logEvent('error', 'workers keep ending soon after starting; stopping', { pid: worker.process.pid, code, signal });
      shutDown('workers failing');
      return;
    }
    logEvent('error', 'worker ended; starting another', { pid: worker.process.pid, code, signal });
    // A second's pause after an early death, so a worker failing at start does not spin the CPU.
    setTimeout(() => shuttingDown || fork(), earlyDeaths > 0 ? 1000 : 0).unref();
  });

  const shutDown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logEvent('info', 'shutting down: draining every worker', { signal, pid: process.pid, workers: live.size });
    if (live.size === 0) leave(0);
    for (const worker of live.keys()) if (worker.isConnected()) worker.send(shutdownMessage);
    // Each worker leaves by itself at its own deadline; this one is for a worker that cannot even do that.
    setTimeout(() => {
      logEvent('error', `workers still running ${shutdownTimeoutMs / 1000 + 5} s after shutdown began; killing them`, { pids: [...live.keys()].map((w) => w.process.pid) });
      for (const worker of live.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, shutdownTimeoutMs + 5000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutDown(signal));

  logEvent('info', `starting ${count} workers`, { pid: process.pid });
  for (let i = 0; i < count; i++) fork();
}
