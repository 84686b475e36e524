// Where catalog items come from, read the same way by the server (inside Astro) and by CLIs and the launcher
// (outside it): content/ files and catalog_items rows, each validated by its type's schema, rows overriding files.
import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { fieldSchema, type Field } from '../../lib/content/schemas/index.ts';
import { contentTypes, isContentType, itemKey, schemaFor, type CatalogItem, type ItemStatus } from '../../lib/content/types.ts';
import { readMarkdownEntries, readYamlFile } from '../content-files.ts';

export interface ItemRow {
  type: string;
  slug: string;
  /** The row's JSON, parsed. */
  data: unknown;
  body: string;
  status: ItemStatus;
}

/** A database row as an item; a row that no longer validates (a schema tightened since) is left out, not fatal. */
export function itemFromRow(row: ItemRow): CatalogItem | undefined {
  if (!isContentType(row.type)) return undefined;
  const parsed = schemaFor[row.type].safeParse(row.data);
  if (!parsed.success) return undefined;
  return { type: row.type, slug: row.slug, data: parsed.data, body: row.body, source: 'database', status: row.status } as CatalogItem;
}

/** A content/ entry as an item. */
export function itemFromFile(type: CatalogItem['type'], slug: string, data: unknown, body: string): CatalogItem {
  return { type, slug, data, body, source: 'file', status: 'published' } as CatalogItem;
}

/** Items from several sources by `type/slug`, a later source's item replacing an earlier one's. */
export function mergeItems(...sources: CatalogItem[][]): CatalogItem[] {
  const merged = new Map<string, CatalogItem>();
  for (const source of sources) for (const item of source) merged.set(itemKey(item), item);
  return [...merged.values()];
}

/** The 101 fields of excellence from content/fields/fields.yaml. */
export function readFields(contentDir: string): Field[] {
  return (readYamlFile(join(contentDir, 'fields', 'fields.yaml')) as unknown[]).map((f) => fieldSchema.parse(f));
}

/** The curated items in content/, without Astro; an entry that does not validate stops with its file named. */
export function readContentItems(contentDir: string): CatalogItem[] {
  return contentTypes.flatMap((type) =>
    readMarkdownEntries(join(contentDir, type)).map((entry) => {
      const parsed = schemaFor[type].safeParse(entry.data);
      if (!parsed.success) {
        throw new Error(`content/${type}/${entry.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      return itemFromFile(type, entry.id, parsed.data, entry.body);
    }),
  );
}

/** Items admins created or edited on the web; none before the catalog_items migration has run. */
export function readDatabaseItems(db: BetterSqlite3.Database): CatalogItem[] {
  const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'catalog_items'").get();
  if (!table) return [];
  const rows = db.prepare('select type, slug, data, body, status from catalog_items').all() as (Omit<ItemRow, 'data'> & { data: string })[];
  return rows.flatMap((row) => itemFromRow({ ...row, data: JSON.parse(row.data) }) ?? []);
}
