// Attempt counters kept in SQLite (see src/lib/auth/throttle.ts for the window arithmetic). An attempt is
// reserved before the costly work it guards (argon2), in one IMMEDIATE transaction, so concurrent requests,
// even from several processes, can never check more than the limit between them.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { throttleCounters } from '../../../db/schema/index.ts';
import { secondsToWait, type ThrottleRule } from '../../lib/auth/throttle.ts';

const minute = 60 * 1000;
/** One account from one address: a person who forgot their password gets ten tries per quarter hour. */
export const signInAccountAtAddressRule: ThrottleRule = { limit: 10, windowMs: 15 * minute };
/**
 * One account from everywhere: slower and larger, so a stranger's ten guesses do not lock the owner out
 * (OWASP's advice on lockout), while guessing spread over many addresses still stops.
 */
export const signInAccountRule: ThrottleRule = { limit: 50, windowMs: 60 * minute };
/** One client address over all accounts: a college behind one address has many people, so the budget is larger. */
export const signInAddressRule: ThrottleRule = { limit: 100, windowMs: 15 * minute };
/** Reset emails per account, so nobody can flood a mailbox. */
export const passwordResetRule: ThrottleRule = { limit: 3, windowMs: 60 * minute };

const longestWindowMs = Math.max(signInAccountAtAddressRule.windowMs, signInAccountRule.windowMs, signInAddressRule.windowMs, passwordResetRule.windowMs);

export interface ThrottleCheck {
  key: string;
  rule: ThrottleRule;
}

/** Thrown inside the transaction to undo the reservations already made in it. */
class Refused extends Error {
  constructor(readonly check: ThrottleCheck) {
    super('throttled');
  }
}

// The window stays where it opened: only a closed (or future, after a clock change) window starts over at now.
const reserveSql = `
  insert into throttle_counters (key, failures, window_started_at) values (@key, 1, @now)
  on conflict (key) do update set
    failures = case when @now < window_started_at or @now >= window_started_at + @windowMs then 1 else failures + 1 end,
    window_started_at = case when @now < window_started_at or @now >= window_started_at + @windowMs then @now else window_started_at end
  where @now < window_started_at or @now >= window_started_at + @windowMs or failures < @limit
  returning failures`;

function readCounter(db: Db, key: string) {
  const row = db.select().from(throttleCounters).where(eq(throttleCounters.key, key)).get();
  return row && { failures: row.failures, windowStartedAt: row.windowStartedAt.getTime() };
}

/**
 * Reserve one attempt under every check, all or none: 0 when reserved, else the seconds to wait for the first
 * check that is full (and nothing is counted).
 */
export function reserveAttempt(db: Db, checks: readonly ThrottleCheck[], now = new Date()): number {
  const client = db.$client;
  const reserve = client.prepare(reserveSql);
  try {
    client
      .transaction(() => {
        for (const check of checks) {
          const row = reserve.get({ key: check.key, now: now.getTime(), windowMs: check.rule.windowMs, limit: check.rule.limit });
          if (!row) throw new Refused(check);
        }
        // Closed windows are worth nothing; dropping them here keeps the table as small as the current attacks.
        client.prepare('delete from throttle_counters where window_started_at < ?').run(now.getTime() - longestWindowMs);
      })
      .immediate();
    return 0;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return Math.max(1, secondsToWait(readCounter(db, error.check.key), error.check.rule, now.getTime()));
  }
}

/** Give a reserved attempt back (it succeeded, so it was no guess). */
export function refundAttempt(db: Db, key: string): void {
  db.$client.prepare('update throttle_counters set failures = max(failures - 1, 0) where key = ?').run(key);
}

export function clearAttempts(db: Db, key: string): void {
  db.delete(throttleCounters).where(eq(throttleCounters.key, key)).run();
}
