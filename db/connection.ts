// Opening the SQLite database the one way every process does: WAL, foreign keys on, a busy timeout, every commit
// synced to disk, every transaction taking the write lock when it begins (docs/decisions/013-durable-writes.md).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.ts';

export type Db = ReturnType<typeof openDatabase>;

/**
 * Makes BEGIN IMMEDIATE the only way this connection begins a transaction, whoever opens it (drizzle's
 * `db.transaction`, asking for `deferred` by default, or better-sqlite3's `transaction(fn)()`): a deferred one that
 * reads first and then writes cannot wait for another process's writer (SQLITE_BUSY at once, the busy timeout is not
 * used), while an immediate one waits up to the busy timeout and then never fails half way. Every transaction here
 * writes; a read needs none.
 */
function beginImmediately(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const variants = transaction(fn);
    const immediate = variants.immediate;
    return Object.assign((...args: never[]) => immediate(...args), { default: immediate, deferred: immediate, immediate, exclusive: variants.exclusive });
  }) as typeof sqlite.transaction;
}

export function openDatabase(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk (the WAL synced) before the learner or admin is told it was saved, even across a power
  // loss; NORMAL would survive a process crash but could drop the last commits when the machine loses power.
  sqlite.pragma('synchronous = FULL');
  beginImmediately(sqlite);
  return drizzle({ client: sqlite, schema });
}
