// Applying the committed drizzle-kit migrations; forward only, each in a transaction.
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './connection.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}
