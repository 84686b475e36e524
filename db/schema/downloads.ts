import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.ts';

/** Downloads per item per day (UTC+7 calendar day), the figure "most downloaded this month" sums. */
export const downloadCounts = sqliteTable(
  'download_counts',
  {
    itemKey: text('item_key').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemKey, t.day] }), index('download_counts_day').on(t.day)],
);

/**
 * Who has already been counted for an item on a day, so a download counts once per person (signed in) or client
 * address (signed out) per item per day, however many range requests or repeats follow. The viewer is `u:<id>`,
 * or `a:` and a hash of the address with the day, so no address is stored. Rows of past days are dropped.
 */
export const downloadViewers = sqliteTable(
  'download_viewers',
  {
    itemKey: text('item_key').notNull(),
    day: text('day').notNull(),
    viewer: text('viewer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemKey, t.day, t.viewer] }), index('download_viewers_day').on(t.day)],
);

/** Each counted download by a signed-in user: their download history. */
export const userDownloads = sqliteTable(
  'user_downloads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    file: text('file').notNull(),
    downloadedAt: integer('downloaded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('user_downloads_user').on(t.userId, t.downloadedAt)],
);
