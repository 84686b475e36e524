// `npm run backup [-- --out DIR]`: the database (online, while the server runs) and the uploads folder into one dated
// .tar.gz in BACKUP_DIR (default backups/).
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { createBackup } from '../ops/backup.ts';

const usage = 'usage: npm run backup [-- --out DIR]';
const env = readEnv();
let out = env.BACKUP_DIR;
try {
  out = parseArgs({ options: { out: { type: 'string' } } }).values.out ?? out;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const started = performance.now();
try {
  const { file, manifest } = await createBackup({ databasePath: env.DATABASE_PATH, uploadsDir: env.UPLOADS_DIR, outDir: out });
  const bytes = manifest.uploads.reduce((sum, f) => sum + f.size, 0);
  console.log(
    `backup written: ${file}\n  database ${(manifest.database.size / 1e6).toFixed(1)} MB (integrity ok), ${manifest.uploads.length} uploaded files ${(bytes / 1e6).toFixed(1)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
}
