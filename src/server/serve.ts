// `npm run serve` (and the end of `npm start`): prepare the database, content and search index, then start the
// built Astro server in this process.
import { existsSync } from 'node:fs';
import { readEnv } from './env.ts';
import { prepareSite } from './prepare.ts';

const env = readEnv();
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm run build` first (`npm start` does both).');
  process.exit(1);
}
try {
  await prepareSite(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.env.HOST = env.HOST;
process.env.PORT = String(env.PORT);
await import(entry.href);
