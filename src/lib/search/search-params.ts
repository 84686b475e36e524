// The /search URL: what a person asked for, read leniently (values that are not valid are dropped, never an error).
import { levels } from '../content/schemas/common.ts';
import { contentTypes } from '../content/types.ts';

export interface SearchParams {
  q: string;
  type: string[];
  field: string[];
  level: string[];
  lang: string[];
  page: number;
}

const valid = (params: URLSearchParams, name: string, ok: (v: string) => boolean) => [...new Set(params.getAll(name).filter(ok))].slice(0, 20);

export function parseSearchParams(params: URLSearchParams): SearchParams {
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200),
    type: valid(params, 'type', (v) => (contentTypes as readonly string[]).includes(v) || v === 'articles'),
    field: valid(params, 'field', (v) => /^[a-z0-9-]{1,80}$/.test(v)),
    level: valid(params, 'level', (v) => (levels as readonly string[]).includes(v)),
    lang: valid(params, 'lang', (v) => v === 'th' || v === 'en'),
    page: Number.isInteger(page) && page > 0 && page <= 1000 ? page : 1,
  };
}

/** The query string for these parameters with some changed; empty values are left out. */
export function searchHref(base: string, params: SearchParams, change: Partial<SearchParams> = {}): string {
  const merged = { ...params, ...change };
  const out = new URLSearchParams();
  if (merged.q) out.set('q', merged.q);
  for (const name of ['type', 'field', 'level', 'lang'] as const) for (const v of merged[name]) out.append(name, v);
  if (merged.page > 1) out.set('page', String(merged.page));
  const text = out.toString();
  return text ? `${base}?${text}` : base;
}

/** Toggle one value of a multi-valued filter, going back to the first page. */
export function toggled(params: SearchParams, name: 'type' | 'field' | 'level' | 'lang', value: string): Partial<SearchParams> {
  const current = params[name];
  return { [name]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value], page: 1 };
}
