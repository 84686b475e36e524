// `npm run serve` (and the end of `npm start`): prepare the database, content and search index, then serve the
// built Astro handler in this process, compressed and with long-lived caching of hashed assets. Preparing runs in a
// child process (prepare-cli.ts), so the server does not keep the memory it took (fonts for the demo PDFs, password
// hashes, a full reindex): about 50 MB less resident.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';
import { createSiteServer, type NodeHandler } from './http/site-server.ts';
import { errorFields, logEvent } from './ops/log.ts';
import { runShutdownHooks, startDraining } from './ops/process-state.ts';

const env = readEnv();
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm run build` first (`npm start` does both).');
  process.exit(1);
}
const prepared = spawnSync(process.execPath, [fileURLToPath(new URL('./prepare-cli.ts', import.meta.url))], { stdio: 'inherit' });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
process.env.HOST = env.HOST;
process.env.PORT = String(env.PORT);
// Astro's standalone handler (static files, then pages), without the server it would start by itself.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry.href)) as { handler: NodeHandler };
const server = createSiteServer(handler, { trustProxy: env.TRUST_PROXY });
server.listen(env.PORT, env.HOST, () => logEvent('info', `Server listening on http://${env.HOST}:${env.PORT}`, { pid: process.pid }));

/** Longest a shutdown may take: in-flight requests, then the indexing queue (whose retries stop at the deadline). */
const shutdownTimeoutMs = 20_000;
let shuttingDown = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    logEvent('info', 'shutting down: finishing requests in flight', { signal });
    // /readyz answers 503 from now on; new connections are refused, requests in flight finish.
    startDraining();
    server.close(async () => {
      const failures = await runShutdownHooks();
      for (const failure of failures) logEvent('error', `shutdown: ${failure.name} failed`, errorFields(failure.error));
      logEvent('info', 'shut down');
      process.exit(failures.length > 0 ? 1 : 0);
    });
    // Keep-alive connections between requests would hold close() open; ones serving a request close after it.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 200).unref();
    setTimeout(() => {
      logEvent('error', `shutdown took longer than ${shutdownTimeoutMs / 1000} s; leaving with work unfinished`);
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  });
}
