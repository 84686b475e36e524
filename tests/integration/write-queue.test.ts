// Group commit (src/server/write-queue.ts) against a real SQLite file: writes queued together share one transaction,
// each answered only after it committed; a write that throws undoes only itself.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { queuedWrite } from '../../src/server/write-queue.ts';
import { tempDir } from '../helpers/server.ts';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let observer: Db;

beforeAll(() => {
  dir = tempDir('ic-write-queue-');
  db = openDatabase(join(dir.path, 'queue.db'));
  db.$client.exec('create table marks (id text primary key)');
  // A second connection sees only what was committed.
  observer = openDatabase(join(dir.path, 'queue.db'));
});

afterAll(() => {
  db.$client.close();
  observer.$client.close();
  dir.remove();
});

const committed = (id: string) => observer.$client.prepare('select count(*) from marks where id = ?').pluck().get(id) as number;
const insert = (id: string) => () => db.$client.prepare('insert into marks (id) values (?)').run(id).changes;

describe('queuedWrite', () => {
  it('commits writes queued together in one transaction and answers each after the commit', async () => {
    const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
    const rowsBefore = db.$client.prepare('select count(*) from marks').pluck().get() as number;
    const seenInside: boolean[] = [];
    const answers = ids.map((id) =>
      queuedWrite(db, () => {
        seenInside.push(db.$client.inTransaction);
        return insert(id)();
      }).then((changes) => {
        // Answered: already visible to another connection, so committed.
        expect(committed(id)).toBe(1);
        return changes;
      }),
    );
    // Nothing is written before the queue's turn.
    expect(committed(ids[0]!)).toBe(0);
    expect(await Promise.all(answers)).toEqual(Array(50).fill(1));
    expect(seenInside.every(Boolean)).toBe(true);
    expect(db.$client.prepare('select count(*) from marks').pluck().get()).toBe(rowsBefore + 50);
  });

  it('undoes only the write that threw, and reports its error to its caller alone', async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const results = await Promise.allSettled([
      queuedWrite(db, insert(a)),
      queuedWrite(db, () => {
        insert(b)();
        insert(a)(); // a duplicate key: this write fails after writing b
        return 1;
      }),
      queuedWrite(db, insert(crypto.randomUUID())),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect([committed(a), committed(b)]).toEqual([1, 0]);
  });

  it('commits with the connection’s NORMAL and syncs the log off the JavaScript thread before answering', async () => {
    const id = crypto.randomUUID();
    let synchronousInside: unknown;
    let timerRan = false;
    const answer = queuedWrite(db, () => {
      synchronousInside = db.$client.pragma('synchronous', { simple: true });
      // Scheduled during the commit: it runs while the log is being synced, before the answer.
      setImmediate(() => (timerRan = true));
      return insert(id)();
    });
    expect(await answer).toBe(1);
    expect(synchronousInside).toBe(1);
    expect(timerRan).toBe(true);
    expect(committed(id)).toBe(1);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1);
  });
});
