// Everything a database and content/ need before the site answers: migrations, demo users and their articles (outside production), the
// first admin from the environment, demo PDFs, a search index rebuilt from content/ and the database, and stale held uploads removed.
// Run by Node directly (serve.ts, and `npm run dev` through prepare-cli.ts), so it can find db/migrations.
import { resolve } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { seedDemoUsers } from '../../db/seed.ts';
import { createAdminFromEnv } from './auth/bootstrap.ts';
import { syncCatalogStore } from './catalog/store.ts';
import { sweepPendingUploads } from './catalog/uploads.ts';
import { seedDemoCourses } from './courses/demo.ts';
import { seedDemoArticles } from './demo/demo-articles.ts';
import { ensureDemoFiles } from './demo/demo-files.ts';
import { readFields } from './catalog/sources.ts';
import { prepareNetwork } from './network/demo-setup.ts';
import { seedDemoTraining } from './reports/demo-training.ts';
import type { Env } from './env.ts';
import { openSearch, reindexCatalogIfChanged } from './search.ts';

/** Prepare the site; a problem (say, an ADMIN_PASSWORD that breaks the rules) is thrown with a message for people. */
export async function prepareSite(env: Env): Promise<void> {
  const db = openDatabase(env.DATABASE_PATH);
  try {
    migrateDatabase(db);
    // The store first: demo courses and articles read the catalog through it.
    const store = syncCatalogStore(db, env.CONTENT_DIR);
    if (store !== 'current') console.log(`catalog: ${store === 'rebuilt' ? 'store rebuilt' : 'content/ items written again'}`);
    const demoUsers = await seedDemoUsers(db, { production: env.NODE_ENV === 'production' });
    if (demoUsers > 0) console.log(`created ${demoUsers} demo users (see README: Accounts)`);
    if (demoUsers > 0) console.log(`created ${await seedDemoArticles(db)} demo articles`);
    const demoRuns = await seedDemoCourses(db, env.CONTENT_DIR, { production: env.NODE_ENV === 'production' });
    if (demoRuns > 0) console.log(`created ${demoRuns} demo course runs with learners (see README: Short courses)`);
    const adminNote = await createAdminFromEnv(db, env);
    if (adminNote) console.log(adminNote);
    const production = env.NODE_ENV === 'production';
    for (const note of await prepareNetwork(db, readFields(env.CONTENT_DIR), { contentDir: env.CONTENT_DIR, production, demoNetwork: env.DEMO_NETWORK })) console.log(note);
    // Reports' demo history comes with the demo network (so test servers, which start without it, stay empty).
    if (env.DEMO_NETWORK) {
      const enrollments = seedDemoTraining(db, readFields(env.CONTENT_DIR).map((f) => f.slug), { production });
      if (enrollments > 0) console.log(`created a demo training history: ${enrollments} enrollments over two fiscal years (see README: Reports)`);
    }
    // content/ may have changed since the last start: the index is rebuilt from it and the database, unless it
    // already holds exactly them.
    const search = openSearch(db, env.CONTENT_DIR);
    const { documents, rebuilt } = await reindexCatalogIfChanged(search, db, env.CONTENT_DIR);
    await search.close();
    console.log(
      rebuilt
        ? `search: indexed ${documents} catalog items (${search.engines.primary.name})`
        : `search: the index already holds the ${documents} catalog items, not rebuilt`,
    );
  } finally {
    db.$client.close();
  }
  const demoFiles = await ensureDemoFiles(env.CONTENT_DIR);
  if (demoFiles > 0) console.log(`wrote ${demoFiles} demo PDF files under ${env.CONTENT_DIR}/`);
  // Files held for item forms never saved go after a day; a start sweeps too, not only the next preview.
  await sweepPendingUploads({ root: resolve(env.UPLOADS_DIR) });
}
