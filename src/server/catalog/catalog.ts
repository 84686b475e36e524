// The one catalog every page reads: curated items from content/ merged with items admins edit on the web.
// A database row with the same type and slug as a file overrides the file, so a web correction wins at once.
import { getCollection } from 'astro:content';
import { and, eq } from 'drizzle-orm';
import { catalogItems } from '../../../db/schema/index.ts';
import { contentTypes, isContentType, schemaFor, type CatalogItem, type ContentType } from '../../lib/content/types.ts';
import { getDb } from '../db.ts';

export interface CatalogOptions {
  /** Admins see unpublished items too; everyone else never does. */
  includeUnpublished?: boolean;
}

let fileItems: Promise<CatalogItem[]> | undefined;

/** The content/ files never change while the server runs, so they are read once. */
function loadFileItems(): Promise<CatalogItem[]> {
  fileItems ??= Promise.all(
    contentTypes.map(async (type) =>
      (await getCollection(type)).map(
        (entry) => ({ type, slug: entry.id, data: entry.data, body: entry.body ?? '', source: 'file', status: 'published' }) as CatalogItem,
      ),
    ),
  ).then((lists) => lists.flat());
  return fileItems;
}

function rowToItem(row: typeof catalogItems.$inferSelect): CatalogItem | undefined {
  const parsed = schemaFor[row.type].safeParse(row.data);
  // A row that no longer validates (a schema tightened since) is left out rather than breaking every page.
  if (!parsed.success) return undefined;
  return { type: row.type, slug: row.slug, data: parsed.data, body: row.body, source: 'database', status: row.status } as CatalogItem;
}

export async function listCatalog(options: CatalogOptions = {}): Promise<CatalogItem[]> {
  const rows = getDb().select().from(catalogItems).all();
  const merged = new Map<string, CatalogItem>();
  for (const item of await loadFileItems()) merged.set(`${item.type}/${item.slug}`, item);
  for (const row of rows) {
    const item = rowToItem(row);
    if (item) merged.set(`${item.type}/${item.slug}`, item);
  }
  const items = [...merged.values()];
  return options.includeUnpublished ? items : items.filter((item) => item.status === 'published');
}

export async function listItemsOfType<T extends ContentType>(type: T, options: CatalogOptions = {}) {
  return (await listCatalog(options)).filter((item): item is Extract<CatalogItem, { type: T }> => item.type === type);
}

export async function findItem(type: ContentType, slug: string, options: CatalogOptions = {}): Promise<CatalogItem | undefined> {
  const row = getDb()
    .select()
    .from(catalogItems)
    .where(and(eq(catalogItems.type, type), eq(catalogItems.slug, slug)))
    .get();
  const item = row ? rowToItem(row) : (await loadFileItems()).find((i) => i.type === type && i.slug === slug);
  if (!item || (item.status !== 'published' && !options.includeUnpublished)) return undefined;
  return item;
}

/** The published item a URL names, or undefined when the type or slug names nothing. */
export async function findPublishedItem(type: string | undefined, slug: string | undefined): Promise<CatalogItem | undefined> {
  if (!isContentType(type) || !slug) return undefined;
  return findItem(type, slug);
}
