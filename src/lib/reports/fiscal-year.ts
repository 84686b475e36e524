// The Thai government's fiscal year (ปีงบประมาณ): 1 October to 30 September in Bangkok time, named by the Buddhist
// Era year it ends in (fiscal year 2569 runs from 1 October 2025 to 30 September 2026). Pure: reports, the
// dashboard's filters and the benchmark all ask here which year a moment belongs to.
import { minFiscalYear, maxFiscalYear } from '../network/terms.ts';

/** Bangkok is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const bangkokOffsetMs = 7 * 3_600_000;
const beOffset = 543;

/** The fiscal year (B.E.) `at` falls in, judged on Bangkok's calendar. */
export function fiscalYearOf(at: Date | number): number {
  const local = new Date((typeof at === 'number' ? at : at.getTime()) + bangkokOffsetMs);
  const ceYear = local.getUTCFullYear();
  return (local.getUTCMonth() >= 9 ? ceYear + 1 : ceYear) + beOffset;
}

/** The first moment of the fiscal year and the first moment of the next one (end exclusive), as epoch milliseconds. */
export function fiscalYearRange(year: number): { start: number; end: number } {
  const ce = year - beOffset;
  return { start: Date.UTC(ce - 1, 9, 1) - bangkokOffsetMs, end: Date.UTC(ce, 9, 1) - bangkokOffsetMs };
}

/** The twelve months of a fiscal year in order, October first, as `YYYY-MM` (Christian era, Bangkok calendar). */
export function fiscalMonths(year: number): string[] {
  const ce = year - beOffset;
  return Array.from({ length: 12 }, (_, i) => {
    const month = (9 + i) % 12;
    const y = i < 3 ? ce - 1 : ce;
    return `${y}-${String(month + 1).padStart(2, '0')}`;
  });
}

/** A fiscal year from a query string or form: a whole B.E. year within the range the network accepts, else undefined. */
export function parseFiscalYear(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= minFiscalYear && year <= maxFiscalYear ? year : undefined;
}

/** The fiscal year as Bangkok calendar days `YYYY-MM-DD` (Christian era), `until` exclusive: how download counts are keyed. */
export function fiscalYearDays(year: number): { from: string; until: string } {
  const ce = year - beOffset;
  return { from: `${ce - 1}-10-01`, until: `${ce}-10-01` };
}
