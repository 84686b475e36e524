// Opening the SQLite database the one way every process does: WAL, foreign keys on, a busy timeout.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.ts';

export type Db = ReturnType<typeof openDatabase>;

export function openDatabase(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable in WAL mode across application crashes; only a power loss may drop the last commits.
  sqlite.pragma('synchronous = NORMAL');
  return drizzle({ client: sqlite, schema });
}
