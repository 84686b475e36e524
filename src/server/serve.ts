// `npm run serve` (and the end of `npm start`): prepare the database, content and search index, then start the
// built Astro server in this process. Preparing runs in a child process (prepare-cli.ts), so the server does not keep
// the memory it took (fonts for the demo PDFs, password hashes, a full reindex): about 50 MB less resident.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';

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
await import(entry.href);
