// Atom feeds of newly published items: the whole site's and each field's.
import { translator } from '../../i18n/index.ts';
import { itemPath } from '../../lib/catalog/paths.ts';
import { atomXml, fieldFeedPath, itemAtomEntry } from '../../lib/metadata/atom.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { catalog } from '../catalog/catalog.ts';
import { fieldNameMap } from '../catalog/field-names.ts';
import { publicBase, xmlResponse } from './public-url.ts';

export const feedSize = 50;

const t = translator('th');

/** A feed of the newest items `select` gives (at most feedSize), built once per catalog version. */
function feedResponse(base: string, pagePath: string, selfPath: string, title: string, select: () => CatalogItem[]): Response {
  const xml = catalog().remember(`feed ${base}${selfPath}`, () => feedXml(base, pagePath, selfPath, title, select()));
  return xmlResponse(xml, 'application/atom+xml');
}

function feedXml(base: string, pagePath: string, selfPath: string, title: string, newest: CatalogItem[]): string {
  return atomXml({
    pageUrl: base + pagePath,
    selfUrl: base + selfPath,
    title,
    lang: 'th',
    authorName: t('site.name'),
    entries: newest.map((item) => itemAtomEntry(item, base + itemPath(item), t(`type.${item.type}`))),
  });
}

export async function siteFeedResponse(requestUrl: URL): Promise<Response> {
  return feedResponse(publicBase(requestUrl), '/', '/feed.xml', t('site.name'), () => catalog().latest(feedSize, undefined, true));
}

/** The field's feed, or undefined when no field has that slug. */
export async function fieldFeedResponse(fieldSlug: string, requestUrl: URL): Promise<Response | undefined> {
  const name = (await fieldNameMap()).get(fieldSlug)?.th;
  if (!name) return undefined;
  return feedResponse(publicBase(requestUrl), `/fields/${fieldSlug}`, fieldFeedPath(fieldSlug), `${name} · ${t('site.name')}`, () => catalog().latest(feedSize, fieldSlug, true));
}
