// What /search shows: one page of results with facet counts, for the parameters in the URL.
import { localePath } from '../i18n/index.ts';
import { documentPath } from '../lib/catalog/paths.ts';
import type { SearchParams } from '../lib/search/search-params.ts';
import { highlight, snippet } from '../../search/text.ts';
import type { Highlighted, SearchHit } from '../../search/types.ts';
import { catalog } from './catalog/catalog.ts';
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

/** A hit as an English page shows it: the English title and summary where the item has them, else the Thai ones. */
export interface EnglishHitText {
  title: Highlighted;
  titleIsEnglish: boolean;
  snippet: Highlighted;
  snippetIsEnglish: boolean;
}

/**
 * English text for each hit, highlighted with the query's words: the engines index and highlight the Thai title and
 * body, so an English page reads the item's English title and summary from the catalog and marks the words itself.
 */
export function englishHitTexts(hits: readonly SearchHit[], q: string): Map<string, EnglishHitText> {
  const needles = q.split(/\s+/).filter((w) => w.length > 0);
  const items = catalog().findByKeys(hits.map((hit) => hit.id));
  return new Map(
    hits.map((hit) => {
      const item = items.get(hit.id);
      const summaryEn = item && item.type !== 'curricula' ? item.data.summaryEn : undefined;
      return [
        hit.id,
        {
          title: hit.titleEn ? highlight(hit.titleEn, needles) : hit.highlight.title,
          titleIsEnglish: Boolean(hit.titleEn),
          snippet: summaryEn ? snippet(summaryEn, needles) : hit.highlight.snippet,
          snippetIsEnglish: Boolean(summaryEn),
        },
      ];
    }),
  );
}
