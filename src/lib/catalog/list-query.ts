// Filtering, sorting and paging catalog lists (/library, /experts, /research, /curricula); pure.
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

const thaiOrder = new Intl.Collator('th', { sensitivity: 'base', numeric: true });

export interface ListPage<T> {
  items: Listed<T>[];
  total: number;
  page: number;
  pages: number;
  /** Years present among the matches, newest first, for the year filter. */
  years: number[];
}

export function applyListQuery<T>(all: readonly Listed<T>[], query: ListQuery, titleLang: 'th' | 'en' = 'th'): ListPage<T> {
  const matches = all.filter(
    ({ facts, type }) =>
      (!query.type || type === query.type) &&
      (!query.field || facts.fields.includes(query.field)) &&
      (!query.level || facts.levels.includes(query.level)) &&
      (!query.lang || facts.language === query.lang) &&
      (!query.year || facts.year === query.year),
  );
  const title = (f: ItemFacts) => (titleLang === 'en' && f.titleEn) || f.titleTh;
  const byTitle = (a: Listed<T>, b: Listed<T>) => thaiOrder.compare(title(a.facts), title(b.facts));
  const byNewest = (a: Listed<T>, b: Listed<T>) => b.facts.published.getTime() - a.facts.published.getTime();
  const order = {
    newest: (a: Listed<T>, b: Listed<T>) => byNewest(a, b) || byTitle(a, b),
    downloads: (a: Listed<T>, b: Listed<T>) => b.downloads - a.downloads || byNewest(a, b),
    title: (a: Listed<T>, b: Listed<T>) => byTitle(a, b) || byNewest(a, b),
  }[query.sort];
  const sorted = [...matches].sort(order);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(query.page, pages);
  const years = [...new Set(all.map((l) => l.facts.year).filter((y): y is number => y !== undefined))].sort((a, b) => b - a);
  return { items: sorted.slice((page - 1) * pageSize, page * pageSize), total: sorted.length, page, pages, years };
}
