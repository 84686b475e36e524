// Catalog list queries (/library, /experts, /research, /curricula) as URLs carry them, and pages of their answers; pure.
// The store answers them in SQL (src/server/catalog/queries.ts).
import { levels, type Level } from '../content/schemas/common.ts';
import { contentTypes, type ContentType, type ItemFacts } from '../content/types.ts';

export const sorts = ['newest', 'downloads', 'title'] as const;
export type Sort = (typeof sorts)[number];
export const pageSize = 12;

export interface ListQuery {
  field?: string;
  level?: Level;
  type?: ContentType;
  lang?: 'th' | 'en';
  year?: number;
  sort: Sort;
  page: number;
}

/** Read a list query from the URL; a value that is not a valid choice is ignored, never an error. */
export function parseListQuery(params: URLSearchParams, fixedType?: ContentType): ListQuery {
  const pick = <T extends string>(name: string, choices: readonly T[]) => {
    const value = params.get(name);
    return choices.includes(value as T) ? (value as T) : undefined;
  };
  const year = Number(params.get('year'));
  const page = Number(params.get('page'));
  const field = params.get('field') ?? '';
  return {
    field: /^[a-z0-9-]{1,80}$/.test(field) ? field : undefined,
    level: pick('level', levels),
    type: fixedType ?? pick('type', contentTypes),
    lang: pick('lang', ['th', 'en'] as const),
    year: Number.isInteger(year) && year >= 2500 && year <= 2700 ? year : undefined,
    sort: pick('sort', sorts) ?? 'newest',
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

/** The query string for a list query, leaving out defaults; `change` overrides some values. */
export function listQueryString(query: ListQuery, change: Partial<ListQuery> = {}, fixedType?: ContentType): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  if (merged.type && merged.type !== fixedType) params.set('type', merged.type);
  for (const key of ['field', 'level', 'lang', 'year'] as const) if (merged[key] !== undefined) params.set(key, String(merged[key]));
  if (merged.sort !== 'newest') params.set('sort', merged.sort);
  if (merged.page > 1) params.set('page', String(merged.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface Listed<T> {
  item: T;
  facts: ItemFacts;
  type: ContentType;
  downloads: number;
}

export interface ListPage<T> {
  items: Listed<T>[];
  total: number;
  page: number;
  pages: number;
  /** Years of the published items, newest first, for the year filter. */
  years: number[];
}

/** How many pages `total` items take, and the page asked for kept within them. */
export function pageWithin(total: number, asked: number, size = pageSize): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(asked, pages), pages };
}
