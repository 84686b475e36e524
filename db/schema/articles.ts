import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { articleStates } from '../../src/lib/articles/workflow.ts';
import type { RichTextDocument } from '../../src/lib/rich-text/schema.ts';
import { users } from './users.ts';

/**
 * An expert's article: its working copy (what the author edits, as Tiptap JSON) and where it stands in the
 * workflow. Readers see the revision `published_revision_id` names, and only while `listed`.
 */
export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state', { enum: articleStates }).notNull().default('draft'),
    listed: integer('listed', { mode: 'boolean' }).notNull().default(false),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    coverImage: text('cover_image'),
    document: text('document', { mode: 'json' }).$type<RichTextDocument>().notNull(),
    /** Raised by every save: a save naming an older version is refused, so two tabs never overwrite each other. */
    version: integer('version').notNull().default(1),
    reviewComment: text('review_comment'),
    publishedRevisionId: integer('published_revision_id'),
    firstPublishedAt: integer('first_published_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('articles_slug').on(t.slug),
    index('articles_author').on(t.authorId),
    index('articles_listed').on(t.listed),
    check('articles_state_check', sql`${t.state} in ('draft', 'submitted', 'returned', 'published', 'unpublished')`),
  ],
);
export type ArticleRow = typeof articles.$inferSelect;

/** Every published version of an article, kept: who wrote and who published it, when, and its rendered HTML. */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    coverImage: text('cover_image'),
    document: text('document', { mode: 'json' }).$type<RichTextDocument>().notNull(),
    /** Sanitized when published; served as it is. */
    html: text('html').notNull(),
    /** The table of contents, as JSON [{id, level, text}]. */
    toc: text('toc', { mode: 'json' }).$type<{ id: string; level: number; text: string }[]>().notNull(),
    text: text('text').notNull(),
    readingMinutes: integer('reading_minutes').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('article_revisions_number').on(t.articleId, t.number)],
);
export type ArticleRevisionRow = typeof articleRevisions.$inferSelect;

/** Readers' questions under an article and the author's (or an admin's) answer; admins hide abusive ones. */
export const articleQuestions = sqliteTable(
  'article_questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    askedBy: integer('asked_by').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    askedAt: integer('asked_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
    hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('article_questions_article').on(t.articleId, t.askedAt)],
);
