// Atom feeds of newly published items and articles: the whole site's and each field's, in Thai and in English.
// A feed's XML is remembered under the catalog's version and what its articles say, so it is written once per change
// (a field's 50 newest entries with their summaries cost more than the rest of the request).
import { createHash } from 'node:crypto';
import { localePath, translator, type Lang } from '../../i18n/index.ts';
import { itemPath } from '../../lib/catalog/paths.ts';
import { atomXml, fieldFeedPath, itemAtomEntry, siteFeedPath, type AtomEntry } from '../../lib/metadata/atom.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { articleAtomEntries } from '../articles/syndication.ts';
import { catalog } from '../catalog/catalog.ts';
import { fieldNameMap } from '../catalog/field-names.ts';
import { siteBase } from '../site-url.ts';
import { xmlResponse } from './xml-response.ts';

export const feedSize = 50;

/**
 * The feed of the newest of `items()` (from the catalog's index, at most feedSize) and `articles`, newest first. The
 * articles are read on every request (one small query) and are part of the key, so an article published, withdrawn or
 * renamed shows at once; item changes raise the catalog's version, under which the XML is remembered.
 */
function feedResponse(lang: Lang, pagePath: string, selfPath: string, title: string, items: () => CatalogItem[], articles: AtomEntry[]): Response {
  const articlesKey = createHash('sha256').update(JSON.stringify(articles)).digest('base64url');
  const xml = catalog().remember(`feed ${selfPath} ${articlesKey}`, () => {
    const t = translator(lang);
    const entries = [
      ...items().map((item) => itemAtomEntry(item, siteBase + localePath(lang, itemPath(item)), t(`type.${item.type}`), lang)),
      ...articles.map((entry) => (lang === 'en' ? { ...entry, url: entry.url.replace(`${siteBase}/`, `${siteBase}/en/`), category: { ...entry.category, label: t('type.articles') } } : entry)),
    ];
    return atomXml({
      pageUrl: siteBase + localePath(lang, pagePath),
      selfUrl: siteBase + selfPath,
      title,
      lang,
      authorName: t('site.name'),
      entries: entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, feedSize),
      updatedWhenEmpty: catalog().latest(1)[0]?.data.published ?? new Date(Date.UTC(2025, 0, 1)),
    });
  });
  return xmlResponse(xml, 'application/atom+xml');
}

export async function siteFeedResponse(lang: Lang = 'th'): Promise<Response> {
  return feedResponse(lang, '/', siteFeedPath(lang), translator(lang)('site.name'), () => catalog().latest(feedSize, undefined, true), articleAtomEntries());
}

/** The field's feed, or undefined when no field has that slug. */
export async function fieldFeedResponse(fieldSlug: string, lang: Lang = 'th'): Promise<Response | undefined> {
  const names = (await fieldNameMap()).get(fieldSlug);
  if (!names) return undefined;
  const name = lang === 'en' ? names.en : names.th;
  const items = () => catalog().latest(feedSize, fieldSlug, true);
  return feedResponse(lang, `/fields/${fieldSlug}`, fieldFeedPath(fieldSlug, lang), `${name} · ${translator(lang)('site.name')}`, items, articleAtomEntries(fieldSlug));
}
