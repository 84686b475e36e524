import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { contentTypes as catalogTypes, itemStatuses } from '../../src/lib/content/types.ts';
import { catalogItems } from './catalog-items.ts';

const published = sql`status = 'published'`;

/**
 * The catalog every page reads: one row per item, from content/ files and catalog_items merged (a row wins over the
 * file of the same type and slug), with the columns lists filter and sort on. Derived: src/server/catalog/store.ts
 * writes it with every save and from content/ on start (docs/decisions/007-catalog-store.md). A file item keeps its
 * data here; a database item points at its catalog_items row instead of copying it.
 */
export const catalogEntries = sqliteTable(
  'catalog_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `type/slug`, the key downloads are counted and search documents indexed under. */
    key: text('key').notNull(),
    type: text('type', { enum: catalogTypes }).notNull(),
    slug: text('slug').notNull(),
    source: text('source', { enum: ['file', 'database'] }).notNull(),
    rowId: integer('row_id').references(() => catalogItems.id, { onDelete: 'cascade' }),
    /** A file item's validated data (JSON) and Markdown; null for a database item, read from its row. */
    data: text('data'),
    body: text('body'),
    status: text('status', { enum: itemStatuses }).notNull(),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en'),
    /** Place of the title in Thai dictionary order (Intl.Collator 'th'), computed when items are written. */
    rankTh: real('rank_th'),
    /** The same for the English title, or the Thai one when there is none (what English pages sort by). */
    rankEn: real('rank_en'),
    published: integer('published').notNull(),
    /** The publication day, YYYY-MM-DD (UTC), OAI-PMH's datestamp. */
    day: text('day').notNull(),
    year: integer('year'),
    language: text('language'),
    /** One bit per level (src/lib/catalog/entry-columns.ts). */
    levels: integer('levels').notNull().default(0),
    /** Downloads over the last 30 Bangkok days, kept by triggers on download_counts and refreshed daily. */
    downloads: integer('downloads').notNull().default(0),
  },
  (t) => [
    // Few indexes, each one a page needs: every index is written for each of the 100,000 rows an import adds.
    uniqueIndex('catalog_entries_key').on(t.key),
    index('catalog_entries_newest').on(sql`${t.published} desc`, t.rankTh).where(published),
    index('catalog_entries_title').on(t.rankTh, sql`${t.published} desc`).where(published),
    index('catalog_entries_title_en').on(t.rankEn, sql`${t.published} desc`).where(published),
    index('catalog_entries_downloads').on(sql`${t.downloads} desc`, sql`${t.published} desc`).where(published),
    index('catalog_entries_type_newest').on(t.type, sql`${t.published} desc`, t.rankTh).where(published),
    index('catalog_entries_type_title').on(t.type, t.rankTh).where(published),
    index('catalog_entries_day').on(t.day, t.key).where(published),
    index('catalog_entries_year').on(t.year, sql`${t.published} desc`, t.rankTh).where(published),
    index('catalog_entries_language').on(t.language, sql`${t.published} desc`, t.rankTh).where(published),
  ],
);

/** Which fields each published entry belongs to, with what per-field lists sort on, so a field's page reads its rows only. */
export const catalogEntryFields = sqliteTable(
  'catalog_entry_fields',
  {
    field: text('field').notNull(),
    entryId: integer('entry_id')
      .notNull()
      .references(() => catalogEntries.id, { onDelete: 'cascade' }),
    type: text('type', { enum: catalogTypes }).notNull(),
    published: integer('published').notNull(),
    /** The entry's downloads over the window, kept with it, so a field's most downloaded are read through an index. */
    downloads: integer('downloads').notNull().default(0),
    /** The entry's Thai title rank, so a field's list in title order is read through an index too. */
    rankTh: real('rank_th'),
  },
  (t) => [
    primaryKey({ columns: [t.field, t.entryId] }),
    index('catalog_entry_fields_entry').on(t.entryId),
    index('catalog_entry_fields_newest').on(t.field, sql`${t.published} desc`),
    index('catalog_entry_fields_type').on(t.field, t.type, sql`${t.published} desc`),
    index('catalog_entry_fields_title').on(t.field, t.rankTh),
    index('catalog_entry_fields_downloads').on(t.field, sql`${t.downloads} desc`).where(sql`downloads > 0`),
  ],
);

/**
 * The store's bookkeeping: `version` (raised by every write, so caches of counts know when to forget), `content`
 * (fingerprint of the content/ files last written), `shape` (the derivation's version), `downloadsFrom` (first day of
 * the 30-day window `downloads` counts), `collation` (the ICU version titles were last ranked under in a rebuild,
 * which keeps the ranks of unchanged titles only under the same one).
 */
export const catalogMeta = sqliteTable('catalog_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
