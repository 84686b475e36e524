// Lessons written on the web (docs/decisions/009-course-outlines-from-files.md): a row with a file lesson's slug
// replaces that lesson, a row with a new slug adds one; the outline is the files' merged with these rows.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { RichTextDocument } from '../../src/lib/rich-text/schema.ts';
import { users } from './users.ts';

export const courseLessons = sqliteTable(
  'course_lessons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseSlug: text('course_slug').notNull(),
    slug: text('slug').notNull(),
    /** Where the lesson sits among the course's lessons: the number a lesson file's name starts with. */
    position: integer('position').notNull(),
    module: text('module').notNull(),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en'),
    minutes: integer('minutes').notNull(),
    required: integer('required', { mode: 'boolean' }).notNull().default(true),
    /** Tiptap JSON, checked by src/server/rich-text before it is stored. */
    document: text('document', { mode: 'json' }).$type<RichTextDocument>().notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex('course_lessons_course_slug').on(t.courseSlug, t.slug)],
);
