// Atom feeds of newly published items and articles: the whole site's and each field's, in Thai and in English.
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

/** The newest of `items` (from the catalog's index, at most feedSize) and `articles`, newest first. */
function feedResponse(lang: Lang, pagePath: string, selfPath: string, title: string, items: CatalogItem[], articles: AtomEntry[]): Response {
  const t = translator(lang);
  const entries = [
    ...items.map((item) => itemAtomEntry(item, siteBase + localePath(lang, itemPath(item)), t(`type.${item.type}`), lang)),
    ...articles.map((entry) => (lang === 'en' ? { ...entry, url: entry.url.replace(`${siteBase}/`, `${siteBase}/en/`), category: { ...entry.category, label: t('type.articles') } } : entry)),
  ];
  const xml = atomXml({
    pageUrl: siteBase + localePath(lang, pagePath),
    selfUrl: siteBase + selfPath,
    title,
    lang,
    authorName: t('site.name'),
    entries: entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, feedSize),
    updatedWhenEmpty: catalog().latest(1)[0]?.data.published ?? new Date(Date.UTC(2025, 0, 1)),
  });
  return xmlResponse(xml, 'application/atom+xml');
}

export async function siteFeedResponse(lang: Lang = 'th'): Promise<Response> {
  return feedResponse(lang, '/', siteFeedPath(lang), translator(lang)('site.name'), catalog().latest(feedSize, undefined, true), articleAtomEntries());
}

/** The field's feed, or undefined when no field has that slug. */
export async function fieldFeedResponse(fieldSlug: string, lang: Lang = 'th'): Promise<Response | undefined> {
  const names = (await fieldNameMap()).get(fieldSlug);
  if (!names) return undefined;
  const name = lang === 'en' ? names.en : names.th;
  const items = catalog().latest(feedSize, fieldSlug, true);
  return feedResponse(lang, `/fields/${fieldSlug}`, fieldFeedPath(fieldSlug, lang), `${name} · ${translator(lang)('site.name')}`, items, articleAtomEntries(fieldSlug));
}
