// The reports' filters, sorts and pages as read from a URL: lenient like the network's lists (an odd value means
// "all" or the default, never an error), so every view is a linkable address.
import { z } from 'astro/zod';
import { audienceGroups, type AudienceGroup } from '../courses/catalog-filters.ts';
import { fiscalYearOf, parseFiscalYear } from './fiscal-year.ts';

export interface ReportFilter {
  year: number;
  field?: string;
  college?: number;
  audience?: AudienceGroup;
  course?: string;
}

const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,120}$/).optional().catch(undefined);

export const reportFilterSchema = z.object({
  field: slug,
  college: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  audience: z.enum(audienceGroups).optional().catch(undefined),
  course: slug,
});

/** The filter in `url`, the current fiscal year when none (or a bad one) is given. */
export function reportFilterFrom(url: URL, now = new Date()): ReportFilter {
  const raw = reportFilterSchema.parse(Object.fromEntries(url.searchParams));
  return { year: parseFiscalYear(url.searchParams.get('year')) ?? fiscalYearOf(now), field: raw.field, college: raw.college, audience: raw.audience, course: raw.course };
}

/** The query string of a filter (and extra parameters), for links that keep it: drill-downs, exports, sorting. */
export function reportQueryString(filter: ReportFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const all = { year: filter.year, field: filter.field, college: filter.college, audience: filter.audience, course: filter.course, ...extra };
  for (const [key, value] of Object.entries(all)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

export const reportPageSize = 50;

/** A table's sort column (one of `columns`, else the first) and direction, and its page, from the URL. */
export function tableOrder<C extends string>(url: URL, columns: readonly [C, ...C[]], defaultDirection: 'asc' | 'desc' = 'asc') {
  const sort = columns.find((c) => c === url.searchParams.get('sort')) ?? columns[0];
  const dirParam = url.searchParams.get('dir');
  const dir: 'asc' | 'desc' = dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDirection;
  const pageParam = Number(url.searchParams.get('page'));
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  return { sort, dir, page };
}
export type TableOrder<C extends string> = { sort: C; dir: 'asc' | 'desc'; page: number };
