// Counting downloads: per item per Bangkok calendar day, and per signed-in user, written after the response starts.
import { desc, eq, sql } from 'drizzle-orm';
import { downloadCounts, userDownloads } from '../../../db/schema/index.ts';
import { dayInBangkok } from '../../lib/catalog/bangkok-day.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { getDb } from '../db.ts';
import { catalog } from './catalog.ts';

export function recordDownloadNow(itemKey: string, file: string, userId: number | undefined, at = new Date()): void {
  const db = getDb();
  db.transaction((tx) => {
    tx.insert(downloadCounts)
      .values({ itemKey, day: dayInBangkok(at), count: 1 })
      .onConflictDoUpdate({ target: [downloadCounts.itemKey, downloadCounts.day], set: { count: sql`${downloadCounts.count} + 1` } })
      .run();
    if (userId !== undefined) tx.insert(userDownloads).values({ userId, itemKey, file, downloadedAt: at }).run();
  });
}

/** Count a download without holding up the response; a failure to count never fails the download. */
export function recordDownload(itemKey: string, file: string, userId?: number): void {
  setImmediate(() => {
    try {
      recordDownloadNow(itemKey, file, userId);
    } catch (error) {
      console.error('could not count a download of %s: %s', itemKey, (error as Error).message);
    }
  });
}

/** A signed-in person's latest downloads, newest first, of items still published. */
export async function downloadHistory(userId: number, limit = 20): Promise<{ item: CatalogItem; file: string; at: Date }[]> {
  const rows = getDb()
    .select()
    .from(userDownloads)
    .where(eq(userDownloads.userId, userId))
    .orderBy(desc(userDownloads.downloadedAt), desc(userDownloads.id))
    .limit(limit)
    .all();
  const items = catalog().findByKeys(rows.map((row) => row.itemKey));
  return rows.flatMap((row) => {
    const item = items.get(row.itemKey);
    return item ? [{ item, file: row.file, at: row.downloadedAt }] : [];
  });
}
