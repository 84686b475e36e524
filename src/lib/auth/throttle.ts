// Fixed-window counting of failed attempts: the window opens at the first failure and, once `limit` failures
// are in it, every attempt waits until it closes. Pure, so the arithmetic is tested without a database.

export interface ThrottleRule {
  /** Failures allowed in one window; the next attempt is refused. */
  limit: number;
  windowMs: number;
}

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: number;
}

const isOpen = (counter: ThrottleCounter, rule: ThrottleRule, now: number) =>
  now >= counter.windowStartedAt && now < counter.windowStartedAt + rule.windowMs;

/** Seconds to wait before another attempt (0: go ahead); rounded up, so a client that waits is never early. */
export function secondsToWait(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: number): number {
  if (!counter || !isOpen(counter, rule, now) || counter.failures < rule.limit) return 0;
  return Math.max(1, Math.ceil((counter.windowStartedAt + rule.windowMs - now) / 1000));
}

/** The counter after one more failure at `now`: a closed window starts over. */
export function countFailure(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: number): ThrottleCounter {
  if (!counter || !isOpen(counter, rule, now)) return { failures: 1, windowStartedAt: now };
  return { failures: counter.failures + 1, windowStartedAt: counter.windowStartedAt };
}
