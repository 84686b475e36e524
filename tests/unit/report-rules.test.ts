// Reports' pure rules: the fiscal year (1 October – 30 September, Bangkok time, named by its B.E. year).
import { describe, expect, it } from 'vitest';
import { indicatorStatus } from '../../src/lib/reports/indicators.ts';
import { fiscalMonths, fiscalYearOf, fiscalYearRange, parseFiscalYear } from '../../src/lib/reports/fiscal-year.ts';

describe('fiscal year', () => {
  it('turns at midnight on 1 October in Bangkok, not in UTC', () => {
    // 30 September 2569 B.E. (2026), 23:59:59 in Bangkok is 16:59:59 UTC: still fiscal year 2569.
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59.999Z'))).toBe(2569);
    // One millisecond later it is 1 October 00:00 in Bangkok (still 30 September in UTC): fiscal year 2570.
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00.000Z'))).toBe(2570);
    expect(fiscalYearOf(new Date('2026-10-01T12:00:00+07:00'))).toBe(2570);
    expect(fiscalYearOf(new Date('2025-10-01T00:00:00+07:00'))).toBe(2569);
    expect(fiscalYearOf(new Date('2025-09-30T23:59:59+07:00'))).toBe(2568);
    expect(fiscalYearOf(new Date('2026-01-01T00:00:00+07:00'))).toBe(2569);
  });

  it('gives the range of a year as [1 October, next 1 October) in Bangkok time', () => {
    const { start, end } = fiscalYearRange(2569);
    expect(new Date(start).toISOString()).toBe('2025-09-30T17:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(fiscalYearOf(start)).toBe(2569);
    expect(fiscalYearOf(start - 1)).toBe(2568);
    expect(fiscalYearOf(end - 1)).toBe(2569);
    expect(fiscalYearOf(end)).toBe(2570);
    // Consecutive years meet without a gap.
    expect(fiscalYearRange(2570).start).toBe(end);
  });

  it('lists its months from October to September', () => {
    const months = fiscalMonths(2569);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-10');
    expect(months[2]).toBe('2025-12');
    expect(months[3]).toBe('2026-01');
    expect(months[11]).toBe('2026-09');
  });

  it('reads a year from a query string only when it is a plausible B.E. year', () => {
    expect(parseFiscalYear('2569')).toBe(2569);
    expect(parseFiscalYear(' 2570 ')).toBe(2570);
    expect(parseFiscalYear(2569)).toBe(2569);
    for (const bad of ['2026', '25690', 'abc', '', '2569.5', '-2569', undefined, null]) expect(parseFiscalYear(bad), String(bad)).toBeUndefined();
  });
});

describe('indicator status', () => {
  it('is met when the actual reaches the target, and says what is missing otherwise', () => {
    expect(indicatorStatus(5, 5)).toBe('met');
    expect(indicatorStatus(5, 7)).toBe('met');
    expect(indicatorStatus(5, 4.9)).toBe('not-met');
    expect(indicatorStatus(0, 0)).toBe('met');
    expect(indicatorStatus(null, 3)).toBe('no-target');
    expect(indicatorStatus(5, null)).toBe('no-value');
  });
});
