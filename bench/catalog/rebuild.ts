// How long the catalog store's rebuild takes (the start-up work when `shapeVersion` changes: every entry written
// again), at N generated items saved into a fresh database: CPU (user + system) and wall time of each round.
// Usage: node bench/catalog/rebuild.ts [--items 100000] [--rounds 3] [--keep]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { saveItems, syncCatalogStore } from '../../src/server/catalog/store.ts';
import { tempDir } from '../../tests/helpers/server.ts';
import { generateItems } from './generate.ts';

const { values } = parseArgs({ options: { items: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
const items = Number(values.items);
const root = new URL('../../', import.meta.url).pathname;
const contentDir = join(root, 'content');
const dir = tempDir('ic-bench-rebuild-');
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

try {
  const db = openDatabase(join(dir.path, 'rebuild.db'));
  migrateDatabase(db);
  syncCatalogStore(db, contentDir);
  saveItems(db, generateItems(items, contentDir));
  const entries = () => db.$client.prepare('select count(*) from catalog_entries').pluck().get() as number;
  const fieldRows = () => db.$client.prepare('select count(*) from catalog_entry_fields').pluck().get() as number;
  const before = { entries: entries(), fieldRows: fieldRows() };
  for (let round = 1; round <= Number(values.rounds); round++) {
    db.$client.prepare("update catalog_meta set value = 'outdated' where key = 'shape'").run();
    const cpu = process.cpuUsage();
    const begin = performance.now();
    const outcome = syncCatalogStore(db, contentDir);
    const wall = (performance.now() - begin) / 1000;
    const cpuUsed = cpuSeconds(cpu);
    if (outcome !== 'rebuilt') throw new Error(`round ${round}: the store was ${outcome}, not rebuilt`);
    const after = { entries: entries(), fieldRows: fieldRows() };
    if (after.entries !== before.entries || after.fieldRows !== before.fieldRows) {
      throw new Error(`round ${round}: ${after.entries} entries and ${after.fieldRows} field rows after, ${before.entries} and ${before.fieldRows} before`);
    }
    console.log(`round ${round}: rebuild of ${after.entries} entries (${after.fieldRows} field rows): ${cpuUsed.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall`);
  }
  db.$client.close();
} finally {
  if (values.keep) console.log(`kept ${dir.path}`);
  else dir.remove();
}
