import { describe, expect, it } from 'vitest';
import { secondsToWait } from '../../src/lib/auth/throttle.ts';

const rule = { limit: 3, windowMs: 60_000 };
const t0 = 1_000_000;

describe('throttle window arithmetic', () => {
  it('lets attempts through until the limit is reached inside one window', () => {
    expect(secondsToWait(undefined, rule, t0)).toBe(0);
    expect(secondsToWait({ failures: 2, windowStartedAt: t0 }, rule, t0 + 2)).toBe(0);
    expect(secondsToWait({ failures: 3, windowStartedAt: t0 }, rule, t0 + 2)).toBe(60);
  });

  it('makes the next attempt wait until the window that opened at the first attempt closes, rounded up', () => {
    const counter = { failures: 3, windowStartedAt: t0 };
    expect(secondsToWait(counter, rule, t0 + 20_000)).toBe(40);
    expect(secondsToWait(counter, rule, t0 + 59_001)).toBe(1);
    expect(secondsToWait(counter, rule, t0 + 59_999)).toBe(1);
    expect(secondsToWait(counter, rule, t0 + 60_000)).toBe(0);
  });

  it('does not trust a window that starts in the future (a clock set back)', () => {
    expect(secondsToWait({ failures: 10, windowStartedAt: t0 + 3_600_000 }, rule, t0)).toBe(0);
  });
});
