// Counting downloads: once per person or client address per item per Bangkok calendar day, and in a signed-in
// user's history, written after the response starts.
import { createHash } from 'node:crypto';
import { desc, eq, lt, sql } from 'drizzle-orm';
import { downloadCounts, downloadViewers, userDownloads } from '../../../db/schema/index.ts';
import { dayInBangkok } from '../../lib/catalog/bangkok-day.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { getDb } from '../db.ts';
import { catalog } from './catalog.ts';

/** Who downloads: a signed-in person, else the client's address (only its hash with the day is kept). */
export interface Downloader {
  userId?: number;
  address: string;
}

function viewerKey(who: Downloader, day: string): string {
  if (who.userId !== undefined) return `u:${who.userId}`;
  return `a:${createHash('sha256').update(`${day}|${who.address}`).digest('base64url').slice(0, 22)}`;
}

/** Count a download unless this person or address was already counted for the item today; true when counted. */
export function recordDownloadNow(itemKey: string, file: string, who: Downloader, at = new Date()): boolean {
  const db = getDb();
  const day = dayInBangkok(at);
  return db.transaction((tx) => {
    const first = tx.insert(downloadViewers).values({ itemKey, day, viewer: viewerKey(who, day) }).onConflictDoNothing().run().changes > 0;
    if (!first) return false;
    tx.insert(downloadCounts)
      .values({ itemKey, day, count: 1 })
      .onConflictDoUpdate({ target: [downloadCounts.itemKey, downloadCounts.day], set: { count: sql`${downloadCounts.count} + 1` } })
      .run();
    if (who.userId !== undefined) tx.insert(userDownloads).values({ userId: who.userId, itemKey, file, downloadedAt: at }).run();
    // Yesterday's viewers are only needed until today's have started; older days are dropped.
    tx.delete(downloadViewers).where(lt(downloadViewers.day, dayInBangkok(new Date(at.getTime() - 86_400_000)))).run();
    return true;
  });
}

/** Count a download without holding up the response; a failure to count never fails the download. */
export function recordDownload(itemKey: string, file: string, who: Downloader): void {
  setImmediate(() => {
    try {
      recordDownloadNow(itemKey, file, who);
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
