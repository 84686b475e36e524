// Group commit: writes that arrive together share one transaction. Each write runs in its own savepoint inside it (a
// write that throws undoes only itself), and every caller is answered only after the shared COMMIT and the sync of
// the write-ahead log that holds it, so an acknowledged write is on disk; one commit (and one fsync) per batch
// instead of one per request. The sync runs on libuv's thread pool, not the JavaScript thread (decision 016): while
// the disk works, the server goes on answering other requests and the next batch can commit.
import { open } from 'node:fs/promises';
import type { Db } from '../../db/connection.ts';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Db, Job[]>();

function flush(db: Db): void {
  const jobs = queues.get(db)!;
  queues.delete(db);
  const client = db.$client;
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    // Committed with the connection's NORMAL (no fsync on this thread); syncLog below puts it on disk before anyone
    // is answered, so not even a power loss takes back what a learner was told was recorded.
    client
      .transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: client.transaction(job.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })
      .immediate();
  } catch (error) {
    // The batch did not commit (disk full, database locked past the busy timeout): nobody was recorded.
    for (const job of jobs) job.reject(error);
    return;
  }
  syncLog(client.name).then(
    () =>
      jobs.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      }),
    // Committed but not known to be on disk (an I/O error): nobody is told it was recorded.
    (error: unknown) => jobs.forEach((job) => job.reject(error)),
  );
}

/**
 * Flush the database's write-ahead log (where a WAL-mode commit lands) to disk, off the JavaScript thread: fdatasync
 * through a descriptor of our own syncs the file, whoever wrote it. Without a log file (a checkpoint removed it when
 * the last other connection closed) the commit is in the database file itself, which is synced instead.
 */
async function syncLog(databasePath: string): Promise<void> {
  if (databasePath === ':memory:' || databasePath === '') return;
  const handle = await open(`${databasePath}-wal`, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return open(databasePath, 'r');
    throw error;
  });
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Run `work` (synchronous database writes on `db`) in the next shared transaction; resolves with its result once
 * that transaction has committed. Writes queued in the same turn of the event loop commit together.
 */
export function queuedWrite<T>(db: Db, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let jobs = queues.get(db);
    if (!jobs) {
      queues.set(db, (jobs = []));
      setImmediate(() => flush(db));
    }
    jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}
