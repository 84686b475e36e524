// The one catalog every page reads: curated items from content/ merged with items admins edit on the web.
// A database row with the same type and slug as a file overrides the file, so a web correction wins at once.
import { getCollection } from 'astro:content';
import { and, eq } from 'drizzle-orm';
import { catalogItems } from '../../../db/schema/index.ts';
import { contentTypes, isContentType, type CatalogItem, type ContentType } from '../../lib/content/types.ts';
import { getDb } from '../db.ts';
import { itemFromFile, itemFromRow, mergeItems } from './sources.ts';

export interface CatalogOptions {
  /** Admins see unpublished items too; everyone else never does. */
  includeUnpublished?: boolean;
}

let fileItems: Promise<CatalogItem[]> | undefined;

/** The content/ files never change while the server runs, so they are read once. */
function loadFileItems(): Promise<CatalogItem[]> {
  fileItems ??= Promise.all(
    contentTypes.map(async (type) =>
      (await getCollection(type)).map((entry) => itemFromFile(type, entry.id, entry.data, entry.body ?? '')),
    ),
  ).then((lists) => lists.flat());
  return fileItems;
}

/**
 * Rows already validated, by id, with the version they were validated at. A page reads the catalog several times
 * (counts, newest, most downloaded), and validating every row with zod each time was most of its cost.
 */
const validatedRows = new Map<number, { version: string; item: CatalogItem | undefined }>();

function rowItem(row: typeof catalogItems.$inferSelect): CatalogItem | undefined {
  const version = `${row.updatedAt.getTime()}/${row.status}/${row.type}/${row.slug}`;
  const known = validatedRows.get(row.id);
  if (known?.version === version) return known.item;
  const item = itemFromRow(row);
  validatedRows.set(row.id, { version, item });
  return item;
}

export async function listCatalog(options: CatalogOptions = {}): Promise<CatalogItem[]> {
  const rows = getDb().select().from(catalogItems).all();
  if (validatedRows.size > rows.length) {
    const ids = new Set(rows.map((row) => row.id));
    for (const id of validatedRows.keys()) if (!ids.has(id)) validatedRows.delete(id);
  }
  const items = mergeItems(await loadFileItems(), rows.flatMap((row) => rowItem(row) ?? []));
  return options.includeUnpublished ? items : items.filter((item) => item.status === 'published');
}

export async function findItem(type: ContentType, slug: string, options: CatalogOptions = {}): Promise<CatalogItem | undefined> {
  const row = getDb()
    .select()
    .from(catalogItems)
    .where(and(eq(catalogItems.type, type), eq(catalogItems.slug, slug)))
    .get();
  const item = row ? rowItem(row) : (await loadFileItems()).find((i) => i.type === type && i.slug === slug);
  if (!item || (item.status !== 'published' && !options.includeUnpublished)) return undefined;
  return item;
}

/** The published item a URL names, or undefined when the type or slug names nothing. */
export async function findPublishedItem(type: string | undefined, slug: string | undefined): Promise<CatalogItem | undefined> {
  if (!isContentType(type) || !slug) return undefined;
  return findItem(type, slug);
}
