// Failed-attempt counters kept in SQLite (see src/lib/auth/throttle.ts for the window arithmetic).
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { throttleCounters } from '../../../db/schema/index.ts';
import { countFailure, secondsToWait, type ThrottleRule } from '../../lib/auth/throttle.ts';

const minute = 60 * 1000;
/** Per account: a person who forgot their password gets ten tries per quarter hour. */
export const signInAccountRule: ThrottleRule = { limit: 10, windowMs: 15 * minute };
/** Per client address: a college behind one address has many people, so the budget is larger. */
export const signInAddressRule: ThrottleRule = { limit: 100, windowMs: 15 * minute };
/** Reset emails per account, so nobody can flood a mailbox. */
export const passwordResetRule: ThrottleRule = { limit: 3, windowMs: 60 * minute };

const longestWindowMs = Math.max(signInAccountRule.windowMs, signInAddressRule.windowMs, passwordResetRule.windowMs);

function readCounter(db: Db, key: string) {
  const row = db.select().from(throttleCounters).where(eq(throttleCounters.key, key)).get();
  return row && { failures: row.failures, windowStartedAt: row.windowStartedAt.getTime() };
}

export function throttleWait(db: Db, key: string, rule: ThrottleRule, now = new Date()): number {
  return secondsToWait(readCounter(db, key), rule, now.getTime());
}

/** Count one failure; synchronous end to end, so no other request can interleave between read and write. */
export function recordFailure(db: Db, key: string, rule: ThrottleRule, now = new Date()): void {
  const next = countFailure(readCounter(db, key), rule, now.getTime());
  const values = { failures: next.failures, windowStartedAt: new Date(next.windowStartedAt) };
  db.insert(throttleCounters).values({ key, ...values }).onConflictDoUpdate({ target: throttleCounters.key, set: values }).run();
  // Closed windows are worth nothing; dropping them here keeps the table as small as the current attacks.
  db.delete(throttleCounters).where(lt(throttleCounters.windowStartedAt, new Date(now.getTime() - longestWindowMs))).run();
}

export function clearFailures(db: Db, key: string): void {
  db.delete(throttleCounters).where(eq(throttleCounters.key, key)).run();
}
