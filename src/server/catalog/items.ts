// What each field holds: counts, newest items and most downloaded items per content type.
import { contentTypes, itemFacts, itemKey, type CatalogItem, type ContentType } from '../../lib/content/types.ts';
import { listCatalog } from './catalog.ts';
import { downloadCountsSince } from './downloads.ts';

export interface Holding {
  type: ContentType;
  count: number;
  latest: CatalogItem[];
}

const newestFirst = (a: CatalogItem, b: CatalogItem) => b.data.published.getTime() - a.data.published.getTime();

/** For one field: how many published items of each type it holds, and the newest few. */
export async function fieldHoldings(fieldSlug: string, latestCount = 3): Promise<Holding[]> {
  const inField = (await listCatalog()).filter((item) => item.data.fields.includes(fieldSlug));
  return contentTypes.map((type) => {
    const items = inField.filter((item) => item.type === type).sort(newestFirst);
    return { type, count: items.length, latest: items.slice(0, latestCount) };
  });
}

/** The field's most downloaded items over the last 30 days, with their counts. */
export async function mostDownloadedInField(fieldSlug: string, limit = 5): Promise<{ item: CatalogItem; downloads: number }[]> {
  const counts = downloadCountsSince(30);
  return (await listCatalog())
    .filter((item) => item.data.fields.includes(fieldSlug))
    .map((item) => ({ item, downloads: counts.get(itemKey(item)) ?? 0 }))
    .filter((entry) => entry.downloads > 0)
    .sort((a, b) => b.downloads - a.downloads || itemFacts(a.item).titleTh.localeCompare(itemFacts(b.item).titleTh, 'th'))
    .slice(0, limit);
}

/** How many published items of any type each field holds, by field slug. */
export async function itemCountsByField(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const item of await listCatalog()) {
    for (const slug of item.data.fields) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  return counts;
}

/** The newest published items of any type, for the home page. */
export async function latestItems(count = 6): Promise<CatalogItem[]> {
  return (await listCatalog()).sort(newestFirst).slice(0, count);
}
