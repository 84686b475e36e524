// What /search shows: one page of results with facet counts, for the parameters in the URL.
import { localePath } from '../i18n/index.ts';
import { documentPath } from '../lib/catalog/paths.ts';
import type { SearchParams } from '../lib/search/search-params.ts';
import { getSearch } from './search.ts';

export async function searchPage(params: SearchParams) {
  const filters = {
    ...(params.type.length && { type: params.type }),
    ...(params.field.length && { fields: params.field }),
    ...(params.level.length && { levels: params.level }),
    ...(params.lang.length && { lang: params.lang }),
  };
  // An empty query with no filter is the search page's start: nothing to search or to count yet.
  if (!params.q && Object.keys(filters).length === 0) return undefined;
  return getSearch().search({ q: params.q, filters, page: params.page, perPage: 10 });
}

/** Up to six titles starting with, or containing, what was typed; nothing for fewer than two characters. */
export async function suggestTitles(typed: string, lang: 'th' | 'en'): Promise<{ title: string; href: string; type: string }[]> {
  const prefix = typed.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100);
  if ([...prefix].length < 2) return [];
  const suggestions = await getSearch().suggest(prefix, 6);
  return suggestions.map((s) => ({ title: s.title, href: localePath(lang, documentPath(s.id)), type: s.type }));
}
