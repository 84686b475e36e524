import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { contentTypes as catalogTypes, itemStatuses } from '../../src/lib/content/types.ts';
import { users } from './users.ts';

/**
 * Items that admins create or edit on the web. `data` is the JSON the type's zod schema in
 * src/lib/content/schemas validates, the same shape as a content/ file's frontmatter, so the catalog
 * serves both alike. A web edit of a file item is stored here under the file's slug and wins over the file.
 */
export const catalogItems = sqliteTable(
  'catalog_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: catalogTypes }).notNull(),
    slug: text('slug').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    body: text('body').notNull().default(''),
    status: text('status', { enum: itemStatuses }).notNull().default('published'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('catalog_items_type_slug').on(t.type, t.slug),
    check('catalog_items_type_check', sql`${t.type} in ('ebooks', 'curricula', 'courses', 'research', 'experts')`),
  ],
);
export type CatalogItemRow = typeof catalogItems.$inferSelect;

/** Files uploaded through the web; stored in the uploads directory under `storedName`, never under the user's name. */
export const uploadedFiles = sqliteTable(
  'uploaded_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storedName: text('stored_name').notNull(),
    originalName: text('original_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex('uploaded_files_stored_name').on(t.storedName), index('uploaded_files_sha256').on(t.sha256)],
);
