import { describe, expect, it } from 'vitest';
import { countFailure, secondsToWait, type ThrottleCounter } from '../../src/lib/auth/throttle.ts';

const rule = { limit: 3, windowMs: 60_000 };
const t0 = 1_000_000;

function failures(times: number[]): ThrottleCounter | undefined {
  return times.reduce<ThrottleCounter | undefined>((counter, now) => countFailure(counter, rule, now), undefined);
}

describe('throttle window arithmetic', () => {
  it('lets attempts through until the limit is reached inside one window', () => {
    expect(secondsToWait(undefined, rule, t0)).toBe(0);
    expect(secondsToWait(failures([t0, t0 + 1]), rule, t0 + 2)).toBe(0);
    expect(failures([t0, t0 + 1, t0 + 2])).toEqual({ failures: 3, windowStartedAt: t0 });
  });

  it('makes the next attempt wait until the window that opened at the first failure closes, rounded up', () => {
    const counter = failures([t0, t0 + 10_000, t0 + 20_000]);
    expect(secondsToWait(counter, rule, t0 + 20_000)).toBe(40);
    expect(secondsToWait(counter, rule, t0 + 59_001)).toBe(1);
    expect(secondsToWait(counter, rule, t0 + 59_999)).toBe(1);
    expect(secondsToWait(counter, rule, t0 + 60_000)).toBe(0);
  });

  it('starts a fresh window after the old one closes', () => {
    const counter = failures([t0, t0 + 1, t0 + 2, t0 + 60_000]);
    expect(counter).toEqual({ failures: 1, windowStartedAt: t0 + 60_000 });
    expect(secondsToWait(counter, rule, t0 + 60_001)).toBe(0);
  });

  it('does not trust a window that starts in the future (a clock set back)', () => {
    const counter = { failures: 10, windowStartedAt: t0 + 3_600_000 };
    expect(secondsToWait(counter, rule, t0)).toBe(0);
    expect(countFailure(counter, rule, t0)).toEqual({ failures: 1, windowStartedAt: t0 });
  });
});
