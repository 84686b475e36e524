// A page of a catalog list: the published items with their facts and this month's downloads, filtered and sorted.
import { applyListQuery, type ListPage, type ListQuery, type Listed } from '../../lib/catalog/list-query.ts';
import { itemFacts, itemKey, type CatalogItem } from '../../lib/content/types.ts';
import { listCatalog } from './catalog.ts';
import { downloadCountsSince } from './downloads.ts';

export async function listPage(query: ListQuery, titleLang: 'th' | 'en'): Promise<ListPage<CatalogItem>> {
  const downloads = downloadCountsSince(30);
  const listed: Listed<CatalogItem>[] = (await listCatalog()).map((item) => ({
    item,
    type: item.type,
    facts: itemFacts(item),
    downloads: downloads.get(itemKey(item)) ?? 0,
  }));
  return applyListQuery(listed, query, titleLang);
}

/** Items sharing a field with `item`, most shared fields first, then newest. */
export async function relatedItems(item: CatalogItem, limit = 4): Promise<CatalogItem[]> {
  const fields = new Set(item.data.fields);
  return (await listCatalog())
    .filter((other) => itemKey(other) !== itemKey(item))
    .map((other) => ({ other, shared: other.data.fields.filter((f) => fields.has(f)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.other.data.published.getTime() - a.other.data.published.getTime())
    .slice(0, limit)
    .map(({ other }) => other);
}
