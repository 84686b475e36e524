// Reserving attempts in a real SQLite file: the window stays where it opened, a full window refuses without
// counting, several checks are reserved all or none, and two connections (two server processes) share one count.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { refundAttempt, reserveAttempt } from '../../src/server/auth/throttle.ts';
import { tempDir } from '../helpers/server.ts';

const dir = tempDir('ic-throttle-store-');
const path = join(dir.path, 'throttle.db');
const db = openDatabase(path);
migrateDatabase(db);
const other = openDatabase(path);
afterAll(() => {
  db.$client.close();
  other.$client.close();
  dir.remove();
});

const rule = { limit: 3, windowMs: 60_000 };
const t0 = new Date('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const counter = (key: string) =>
  db.$client.prepare('select failures, window_started_at as start from throttle_counters where key = ?').get(key) as { failures: number; start: number } | undefined;

describe('reserving attempts', () => {
  it('counts up to the limit in a window that stays where it opened, then refuses without counting', () => {
    const check = { key: 'test:window', rule };
    expect(reserveAttempt(db, [check], at(0))).toBe(0);
    expect(reserveAttempt(other, [check], at(10_000))).toBe(0);
    expect(reserveAttempt(db, [check], at(20_000))).toBe(0);
    expect(counter('test:window')).toEqual({ failures: 3, start: t0.getTime() });
    expect(reserveAttempt(other, [check], at(30_000))).toBe(30);
    expect(counter('test:window')).toEqual({ failures: 3, start: t0.getTime() });
    expect(reserveAttempt(db, [check], at(60_000))).toBe(0);
    expect(counter('test:window')).toEqual({ failures: 1, start: at(60_000).getTime() });
  });

  it('reserves every check or none', () => {
    const narrow = { key: 'test:narrow', rule: { limit: 1, windowMs: 60_000 } };
    const wide = { key: 'test:wide', rule };
    expect(reserveAttempt(db, [wide, narrow], at(0))).toBe(0);
    expect(reserveAttempt(db, [wide, narrow], at(1_000))).toBe(59);
    expect(counter('test:wide')!.failures).toBe(1);
  });

  it('gives an attempt back on refund', () => {
    const check = { key: 'test:refund', rule: { limit: 1, windowMs: 60_000 } };
    expect(reserveAttempt(db, [check], at(0))).toBe(0);
    refundAttempt(db, check.key);
    expect(reserveAttempt(db, [check], at(1))).toBe(0);
  });
});
