// `npm run serve` (and the end of `npm start`): migrate the database, seed, index for search, then start the built
// Astro server.
// Run by Node directly, not bundled, so it can find db/migrations next to it.
import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { seedDemoUsers } from '../../db/seed.ts';
import { createAdminFromEnv } from './auth/bootstrap.ts';
import { ensureDemoFiles } from './demo/demo-files.ts';
import { readEnv } from './env.ts';
import { openSearch, reindexCatalog } from './search.ts';

const env = readEnv();
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm run build` first (`npm start` does both).');
  process.exit(1);
}

const db = openDatabase(env.DATABASE_PATH);
migrateDatabase(db);
try {
  const demoUsers = await seedDemoUsers(db, { production: env.NODE_ENV === 'production' });
  if (demoUsers > 0) console.log(`created ${demoUsers} demo users (see README: Accounts)`);
  const adminNote = await createAdminFromEnv(db, env);
  if (adminNote) console.log(adminNote);
  // content/ may have changed since the last start: the index is rebuilt from it and the database every start.
  const search = openSearch(db, env.CONTENT_DIR);
  const indexed = await reindexCatalog(search, db, env.CONTENT_DIR);
  await search.close();
  console.log(`search: indexed ${indexed} catalog items (${search.engines.primary.name})`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
db.$client.close();

const demoFiles = await ensureDemoFiles(env.CONTENT_DIR);
if (demoFiles > 0) console.log(`wrote ${demoFiles} demo PDF files under ${env.CONTENT_DIR}/`);

process.env.HOST = env.HOST;
process.env.PORT = String(env.PORT);
await import(entry.href);
