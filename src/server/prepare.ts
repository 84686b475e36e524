// Everything a database and content/ need before the site answers: migrations, demo users (outside production), the
// first admin from the environment, demo PDFs, and a search index rebuilt from content/ and the database.
// Run by Node directly (serve.ts, and `npm run dev` through prepare-cli.ts), so it can find db/migrations.
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { seedDemoUsers } from '../../db/seed.ts';
import { createAdminFromEnv } from './auth/bootstrap.ts';
import { ensureDemoFiles } from './demo/demo-files.ts';
import { readFields } from './catalog/sources.ts';
import { prepareNetwork } from './network/demo-setup.ts';
import type { Env } from './env.ts';
import { openSearch, reindexCatalog } from './search.ts';

/** Prepare the site; a problem (say, an ADMIN_PASSWORD that breaks the rules) is thrown with a message for people. */
export async function prepareSite(env: Env): Promise<void> {
  const db = openDatabase(env.DATABASE_PATH);
  try {
    migrateDatabase(db);
    const demoUsers = await seedDemoUsers(db, { production: env.NODE_ENV === 'production' });
    if (demoUsers > 0) console.log(`created ${demoUsers} demo users (see README: Accounts)`);
    const adminNote = await createAdminFromEnv(db, env);
    if (adminNote) console.log(adminNote);
    const production = env.NODE_ENV === 'production';
    for (const note of await prepareNetwork(db, readFields(env.CONTENT_DIR), { contentDir: env.CONTENT_DIR, production, demoNetwork: env.DEMO_NETWORK })) console.log(note);
    // content/ may have changed since the last start: the index is rebuilt from it and the database every start.
    const search = openSearch(db, env.CONTENT_DIR);
    const indexed = await reindexCatalog(search, db, env.CONTENT_DIR);
    await search.close();
    console.log(`search: indexed ${indexed} catalog items (${search.engines.primary.name})`);
  } finally {
    db.$client.close();
  }
  const demoFiles = await ensureDemoFiles(env.CONTENT_DIR);
  if (demoFiles > 0) console.log(`wrote ${demoFiles} demo PDF files under ${env.CONTENT_DIR}/`);
}
