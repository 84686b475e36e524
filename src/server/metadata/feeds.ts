// Atom feeds of newly published items and articles: the whole site's and each field's.
import { translator } from '../../i18n/index.ts';
import { itemPath } from '../../lib/catalog/paths.ts';
import { atomXml, fieldFeedPath, itemAtomEntry, type AtomEntry } from '../../lib/metadata/atom.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { articleAtomEntries } from '../articles/syndication.ts';
import { catalog } from '../catalog/catalog.ts';
import { fieldNameMap } from '../catalog/field-names.ts';
import { siteBase } from '../site-url.ts';
import { xmlResponse } from './xml-response.ts';

export const feedSize = 50;

const t = translator('th');

/** The newest of `items` (from the catalog's index, at most feedSize) and `articles`, newest first. */
function feedResponse(pagePath: string, selfPath: string, title: string, items: CatalogItem[], articles: AtomEntry[]): Response {
  const entries = [...items.map((item) => itemAtomEntry(item, siteBase + itemPath(item), t(`type.${item.type}`))), ...articles];
  const xml = atomXml({
    pageUrl: siteBase + pagePath,
    selfUrl: siteBase + selfPath,
    title,
    lang: 'th',
    authorName: t('site.name'),
    entries: entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, feedSize),
  });
  return xmlResponse(xml, 'application/atom+xml');
}

export async function siteFeedResponse(): Promise<Response> {
  return feedResponse('/', '/feed.xml', t('site.name'), catalog().latest(feedSize, undefined, true), articleAtomEntries());
}

/** The field's feed, or undefined when no field has that slug. */
export async function fieldFeedResponse(fieldSlug: string): Promise<Response | undefined> {
  const name = (await fieldNameMap()).get(fieldSlug)?.th;
  if (!name) return undefined;
  const items = catalog().latest(feedSize, fieldSlug, true);
  return feedResponse(`/fields/${fieldSlug}`, fieldFeedPath(fieldSlug), `${name} · ${t('site.name')}`, items, articleAtomEntries(fieldSlug));
}
