// What the repository was used for in a fiscal year: downloads per field and type, the most downloaded items (from
// the per-item-per-day counts), and the searches that found nothing (what people look for and the center lacks).
import type { Db } from '../../../db/connection.ts';
import { fiscalYearDays, fiscalYearRange } from '../../lib/reports/fiscal-year.ts';
import { createSearchLog, type QueryCount } from '../../../search/log.ts';

export interface DownloadTotal {
  field: string;
  type: string;
  downloads: number;
}

/** Downloads per field and item type in the year (an item in two fields counts in both). */
export function downloadsByFieldAndType(db: Db, filter: { year: number; field?: string }): DownloadTotal[] {
  const { from, until } = fiscalYearDays(filter.year);
  const field = filter.field ? 'and f.field = @field' : '';
  return db.$client
    .prepare(
      `select f.field, ce.type, sum(d.count) as downloads
        from download_counts d join catalog_entries ce on ce.key = d.item_key join catalog_entry_fields f on f.entry_id = ce.id
        where d.day >= @from and d.day < @until ${field}
        group by f.field, ce.type order by downloads desc, f.field, ce.type`,
    )
    .all(filter.field ? { from, until, field: filter.field } : { from, until }) as DownloadTotal[];
}

export interface TopItem {
  key: string;
  type: string;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  downloads: number;
}

export function topDownloadedItems(db: Db, filter: { year: number; field?: string }, limit = 10): TopItem[] {
  const { from, until } = fiscalYearDays(filter.year);
  const field = filter.field ? `and d.item_key in (select ce2.key from catalog_entry_fields f join catalog_entries ce2 on ce2.id = f.entry_id where f.field = @field)` : '';
  return db.$client
    .prepare(
      `select d.item_key as key, ce.type, ce.slug, ce.title_th as titleTh, ce.title_en as titleEn, sum(d.count) as downloads
        from download_counts d join catalog_entries ce on ce.key = d.item_key
        where d.day >= @from and d.day < @until ${field}
        group by d.item_key order by downloads desc, d.item_key limit @limit`,
    )
    .all(filter.field ? { from, until, field: filter.field, limit } : { from, until, limit }) as TopItem[];
}

/** The searches of the year that found nothing, most frequent first (the log keeps no field, so this is center-wide). */
export function zeroResultSearches(db: Db, year: number, limit = 20): QueryCount[] {
  const { start, end } = fiscalYearRange(year);
  return createSearchLog(db.$client).searchesWithoutResults(new Date(start), limit, new Date(end));
}
