// `npm run restore -- FILE.tar.gz [--force]`: check a backup (every file's checksum, the database's integrity), then
// put it at DATABASE_PATH and UPLOADS_DIR, keeping what was there. Refuses while a server has the database open.
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { restoreBackup } from '../ops/backup.ts';

const usage = 'usage: npm run restore -- FILE.tar.gz [--force]   (--force: replace the database even though a process has it open)';
const env = readEnv();
const { values, positionals } = (() => {
  try {
    return parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
try {
  const { manifest, kept } = await restoreBackup({ archive: positionals[0]!, databasePath: env.DATABASE_PATH, uploadsDir: env.UPLOADS_DIR, force: values.force });
  console.log(`restored the backup of ${manifest.createdAt}: database (integrity ok) at ${env.DATABASE_PATH}, ${manifest.uploads.length} files at ${env.UPLOADS_DIR}`);
  for (const path of kept) console.log(`  kept what it replaced: ${path}`);
  if (values.force) console.log('Restart the server now: a process that had the old database open still uses it.');
} catch (error) {
  console.error(`restore refused: ${(error as Error).message}`);
  process.exit(1);
}
