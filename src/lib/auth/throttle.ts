// Fixed-window limits on attempts: the window opens at the first attempt and, once `limit` attempts are in it,
// every further attempt waits until it closes. The counting itself is one SQL statement
// (src/server/auth/throttle.ts); this is the arithmetic of how long to wait, pure so it is tested alone.

export interface ThrottleRule {
  /** Attempts allowed in one window; the next one is refused. */
  limit: number;
  windowMs: number;
}

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: number;
}

/** Whether `now` falls in the counter's window; one that starts in the future (a clock set back) is closed. */
export const isOpen = (counter: ThrottleCounter, rule: ThrottleRule, now: number) =>
  now >= counter.windowStartedAt && now < counter.windowStartedAt + rule.windowMs;

/** Seconds to wait before another attempt (0: go ahead); rounded up, so a client that waits is never early. */
export function secondsToWait(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: number): number {
  if (!counter || !isOpen(counter, rule, now) || counter.failures < rule.limit) return 0;
  return Math.max(1, Math.ceil((counter.windowStartedAt + rule.windowMs - now) / 1000));
}
