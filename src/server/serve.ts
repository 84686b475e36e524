// `npm run serve` (and the end of `npm start`): prepare the database, content and search index, then serve the
// built Astro handler in this process, compressed and with long-lived caching of hashed assets. Preparing runs in a
// child process (prepare-cli.ts), so the server does not keep the memory it took (fonts for the demo PDFs, password
// hashes, a full reindex): about 50 MB less resident.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';
import { createSiteServer, type NodeHandler } from './http/site-server.ts';

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
const server = createSiteServer(handler);
server.listen(env.PORT, env.HOST, () => console.log(`Server listening on http://${env.HOST}:${env.PORT}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    // Finish the requests in flight, then leave; a stuck client does not hold the process past 10 s.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
