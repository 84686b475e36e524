// Writing catalog items to the database: the one place web forms and batch imports save through.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { catalogItems } from '../../../db/schema/index.ts';
import type { ContentType } from '../../lib/content/types.ts';

export interface ItemToSave {
  type: ContentType;
  slug: string;
  data: Record<string, unknown>;
  body: string;
  status?: 'published' | 'unpublished';
  createdBy?: number;
}

/** Insert or replace items by type and slug, all in one transaction: a batch lands whole or not at all. */
export function saveItems(db: Db, items: readonly ItemToSave[]): void {
  db.transaction((tx) => {
    for (const item of items) {
      tx.insert(catalogItems)
        .values({ ...item, status: item.status ?? 'published' })
        .onConflictDoUpdate({
          target: [catalogItems.type, catalogItems.slug],
          set: { data: item.data, body: item.body, status: item.status ?? 'published', updatedAt: sql`(unixepoch('subsec') * 1000)` },
        })
        .run();
    }
  });
}
