// Group commit: writes that arrive together share one transaction. Each write runs in its own savepoint inside it (a
// write that throws undoes only itself), and every caller is answered only after the shared COMMIT, so an
// acknowledged write is on disk; one commit (and one fsync) per batch instead of one per request.
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
    // FULL for these commits: the WAL is synced before the answer, so not even a power loss takes back what a
    // learner was told was recorded; the batch shares the sync. Other writes keep the connection's NORMAL.
    client.pragma('synchronous = FULL');
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
  } finally {
    client.pragma('synchronous = NORMAL');
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
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
