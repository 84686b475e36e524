// Durability: the built server is killed (SIGKILL) in the middle of bursts of learning and admin writes and started
// again, and every write it had acknowledged is still there, in an intact database file. The long version with more
// cycles is bench/crash/run.ts (npm run bench:crash).
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { durableTransaction, openDatabase } from '../../db/connection.ts';
import { tempDir } from '../helpers/server.ts';
import { crashCycles } from '../helpers/crash-cycles.ts';

describe('crashes', () => {
  it('lose no acknowledged progress, statement, completion, enrollment or admin write, and leave the file intact', async () => {
    const report = await crashCycles({ cycles: 6, killAfterMs: [0, 500], clientsPerKind: 3 });
    expect(report.serverErrors).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.integrity).toEqual(Array(report.cycles).fill('ok'));
    // The kills landed while writes were in flight, and every kind of write was acknowledged before some kill.
    expect(report.interrupted).toBeGreaterThan(0);
    for (const count of Object.values(report.acknowledged)) expect(count).toBeGreaterThan(0);
  }, 420_000);
});

describe('the connection every process opens', () => {
  it('syncs learning records on commit (synchronous=FULL) and begins every transaction immediately, holding the write lock', () => {
    const dir = tempDir('ic-connection-');
    try {
      const path = `${dir.path}/c.db`;
      const db = openDatabase(path);
      const synchronous = () => db.$client.pragma('synchronous', { simple: true });
      expect(synchronous()).toBe(1);
      expect(durableTransaction(db, () => synchronous())).toBe(2);
      expect(synchronous()).toBe(1);
      // Nested, it is part of the outer transaction, which decides.
      expect(db.transaction(() => durableTransaction(db, () => synchronous()))).toBe(1);
      db.$client.exec('create table t (x)');
      const other = new Database(path, { timeout: 0 });
      const writeFromOther = () => other.prepare('insert into t values (1)').run();
      // Inside drizzle's default transaction and better-sqlite3's plain one, before either has written anything,
      // another connection cannot write: the lock was taken at BEGIN.
      db.transaction(() => expect(writeFromOther).toThrow(/locked|busy/i));
      db.$client.transaction(() => expect(writeFromOther).toThrow(/locked|busy/i))();
      expect(writeFromOther().changes).toBe(1);
      other.close();
      db.$client.close();
    } finally {
      dir.remove();
    }
  });
});
