// `npm run content:import -- --type experts FILE.csv [--dry-run]`: bring a CSV or JSON batch into the catalog.
import { parseArgs } from 'node:util';
import { openDatabase } from '../../../db/connection.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { contentTypes, isContentType } from '../../lib/content/types.ts';
import { importFile } from '../catalog/import.ts';
import { readEnv } from '../env.ts';
import { catalogSearchKey, indexImportedItems, openSearch } from '../search.ts';

const usage = `usage: npm run content:import -- --type <${contentTypes.join('|')}> FILE.csv|FILE.json [--dry-run]`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ options: { type: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
})();
if (!isContentType(values.type) || positionals.length !== 1) fail(usage);

const env = readEnv();
const db = openDatabase(env.DATABASE_PATH);
migrateDatabase(db);
try {
  const started = performance.now();
  const search = openSearch(db, env.CONTENT_DIR);
  const keyBefore = catalogSearchKey(db, env.CONTENT_DIR);
  const report = importFile(db, values.type, positionals[0]!, { contentDir: env.CONTENT_DIR, dryRun: values['dry-run'] });
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
  for (const problem of report.problems) {
    console.error(`row ${problem.row}:`);
    for (const message of problem.messages) console.error(`  ${message}`);
  }
  const done = values['dry-run'] ? `${report.valid} valid rows (dry run, nothing written)` : `imported ${report.imported} ${values.type}`;
  console.log(`${done}; ${report.problems.length} bad rows (${seconds(started)} s)`);
  if (report.items.length > 0) {
    // Only the imported items, in batches: the running server shares this database, so its embedded index sees each
    // batch as soon as it is written.
    const indexing = performance.now();
    const indexed = await indexImportedItems(search, db, report.items, keyBefore, env.CONTENT_DIR);
    console.log(`search index updated with ${indexed} items (${seconds(indexing)} s)`);
    // On a machine shared with other work the wall time says little; the CPU time is this import's own cost.
    const cpu = process.cpuUsage();
    console.log(`${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in all`);
  }
  await search.close();
  process.exitCode = report.problems.length > 0 ? 1 : 0;
} catch (error) {
  fail(`could not import ${positionals[0]}: ${(error as Error).message}`);
} finally {
  db.$client.close();
}
