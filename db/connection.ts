// Opening the SQLite database the one way every process does: WAL, foreign keys on, a busy timeout, every transaction
// taking the write lock when it begins, and learning records synced to disk when they commit
// (docs/decisions/016-durable-writes.md).
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
  // NORMAL survives a crash of the process; only durableTransaction's commits also survive a power loss.
  sqlite.pragma('synchronous = NORMAL');
  beginImmediately(sqlite);
  return drizzle({ client: sqlite, schema });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * A transaction whose commit is on disk (the WAL synced, `synchronous=FULL`) before it returns, so a learner's record
 * that was acknowledged survives a power loss too: progress, statements, completions, certificates, enrollments,
 * attendance and assessments. It costs one fsync (about 10 ms on the project's machine), which is why the busy,
 * replaceable writes (sessions, throttles, counters, the search log) do not use it. Inside another transaction it is
 * that transaction's part and the outer one decides.
 */
export function durableTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  const sqlite = db.$client;
  if (sqlite.inTransaction) return db.transaction(work);
  sqlite.pragma('synchronous = FULL');
  try {
    return db.transaction(work);
  } finally {
    sqlite.pragma('synchronous = NORMAL');
  }
}
