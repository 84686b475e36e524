// Articles in the database: the author's working copy with its version check, and what readers see: listed articles,
// one article, its revisions. Nothing here renders a document (publishing.ts does), so a page that lists articles
// does not load the rich-text renderer.
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { articleRevisions, articles, users, type ArticleRevisionRow, type ArticleRow } from '../../../db/schema/index.ts';
import { articleSlug, transition, type TransitionRefusal } from '../../lib/articles/workflow.ts';
import type { Role } from '../../lib/auth/roles.ts';
import type { RichTextDocument } from '../../lib/rich-text/schema.ts';
import { perConnection } from '../per-connection.ts';

export interface ArticleContent {
  title: string;
  summary: string;
  fields: string[];
  tags: string[];
  coverImage: string | null;
  document: RichTextDocument;
}

export interface ArticleActor {
  id: number;
  role: Role;
}

export interface AuthorCard {
  id: number;
  nameTh: string;
  nameEn: string | null;
  organization: string | null;
}

/** A listed article as readers see it: its published revision and who wrote it. */
export interface PublishedArticle {
  article: ArticleRow;
  revision: ArticleRevisionRow;
  author: AuthorCard;
}

/**
 * A listed article as lists, feeds, the sitemap and OAI-PMH show it: its published revision without the document,
 * HTML, text and contents, the larger part of a row, which only the article's own page reads.
 */
export interface ListedArticle {
  article: Pick<ArticleRow, 'id' | 'slug' | 'firstPublishedAt'>;
  revision: Omit<ArticleRevisionRow, 'document' | 'html' | 'toc' | 'text'>;
  author: AuthorCard;
}

const authorColumns = { id: users.id, nameTh: users.nameTh, nameEn: users.nameEn, organization: users.organization };

export function createArticle(db: Db, authorId: number, content: ArticleContent): ArticleRow {
  return db.transaction((tx) => {
    const row = tx.insert(articles).values({ ...content, slug: `new-${crypto.randomUUID()}`, authorId }).returning().get();
    return tx.update(articles).set({ slug: articleSlug(content.title, row.id) }).where(eq(articles.id, row.id)).returning().get();
  });
}

export const findArticle = (db: Db, id: number): ArticleRow | undefined => db.select().from(articles).where(eq(articles.id, id)).get();

export type SaveOutcome = { saved: ArticleRow } | { conflict: ArticleRow } | { refused: TransitionRefusal };

/**
 * Save the author's working copy if the editor loaded the current version; a save from an older version (another
 * tab saved since) is refused and changes nothing, so the caller can hand the text back to the author.
 */
export function saveArticle(db: Db, article: ArticleRow, actor: ArticleActor, content: ArticleContent, loadedVersion: number): SaveOutcome {
  const next = transition(article, 'save', { role: actor.role, isAuthor: article.authorId === actor.id });
  if ('refused' in next) return next;
  // The address follows the title until the article is first published; after that links to it must keep working.
  const slug = article.firstPublishedAt ? article.slug : articleSlug(content.title, article.id);
  const saved = db
    .update(articles)
    .set({ ...content, ...next, slug, version: sql`${articles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(articles.id, article.id), eq(articles.version, loadedVersion)))
    .returning()
    .get();
  return saved ? { saved } : { conflict: findArticle(db, article.id)! };
}

/** An author's articles, most recently changed first. */
export function articlesByAuthor(db: Db, authorId: number): ArticleRow[] {
  return db.select().from(articles).where(eq(articles.authorId, authorId)).orderBy(desc(articles.updatedAt)).all();
}

/** Every article with its author, for the admins' review page: submissions first, then the most recently changed. */
export function articlesForReview(db: Db): { article: ArticleRow; author: AuthorCard }[] {
  return db
    .select({ article: articles, author: authorColumns })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .orderBy(sql`${articles.state} = 'submitted' desc`, desc(articles.updatedAt))
    .all();
}

function publishedQuery(db: Db) {
  return db
    .select({ article: articles, revision: articleRevisions, author: authorColumns })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .innerJoin(users, eq(users.id, articles.authorId));
}

/** The listed-article queries, prepared once per connection: a field's page and the home page run them on every request. */
const listedFor = perConnection((db) => {
  const { document: _document, html: _html, toc: _toc, text: _text, ...revisionColumns } = getTableColumns(articleRevisions);
  const listed = () =>
    db
      .select({ article: { id: articles.id, slug: articles.slug, firstPublishedAt: articles.firstPublishedAt }, revision: revisionColumns, author: authorColumns })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .innerJoin(users, eq(users.id, articles.authorId));
  const newest = [desc(articles.firstPublishedAt), desc(articles.id)] as const;
  const inField = sql`exists (select 1 from json_each(${articleRevisions.fields}) where value = ${sql.placeholder('field')})`;
  return {
    all: listed().where(eq(articles.listed, true)).orderBy(...newest).limit(sql.placeholder('limit')).prepare(),
    inField: listed().where(and(eq(articles.listed, true), inField)).orderBy(...newest).limit(sql.placeholder('limit')).prepare(),
  };
});

/** Listed articles, newest first (by first publication): all of them, or the newest `limit`. */
export function listedArticles(db: Db, limit = -1): ListedArticle[] {
  return listedFor(db).all.all({ limit });
}

/**
 * Listed articles filed under a field, newest first: for the field's page and its feed. SQL picks them, so a page
 * reads only the few it shows, not every article with its document.
 */
export function listedArticlesInField(db: Db, fieldSlug: string, limit = 6): ListedArticle[] {
  return listedFor(db).inField.all({ field: fieldSlug, limit });
}

export function publishedArticle(db: Db, slug: string): PublishedArticle | undefined {
  return publishedQuery(db).where(and(eq(articles.slug, slug), eq(articles.listed, true))).get();
}

/** Other listed articles sharing the most fields and tags with this one. */
export function relatedArticles(db: Db, of: PublishedArticle, limit = 3): ListedArticle[] {
  const score = (a: ListedArticle) =>
    a.revision.fields.filter((f) => of.revision.fields.includes(f)).length * 2 + a.revision.tags.filter((t) => of.revision.tags.includes(t)).length;
  return listedArticles(db)
    .filter((a) => a.article.id !== of.article.id && score(a) > 0)
    .sort((a, b) => score(b) - score(a))
    .slice(0, limit);
}

/** Every published revision of an article, newest first, with who published it. */
export function articleRevisionsOf(db: Db, articleId: number): (Omit<ArticleRevisionRow, 'document' | 'html' | 'text'> & { publisherName: string | null })[] {
  return db
    .select({
      id: articleRevisions.id,
      articleId: articleRevisions.articleId,
      number: articleRevisions.number,
      title: articleRevisions.title,
      summary: articleRevisions.summary,
      fields: articleRevisions.fields,
      tags: articleRevisions.tags,
      coverImage: articleRevisions.coverImage,
      toc: articleRevisions.toc,
      readingMinutes: articleRevisions.readingMinutes,
      authorId: articleRevisions.authorId,
      publishedBy: articleRevisions.publishedBy,
      publishedAt: articleRevisions.publishedAt,
      publisherName: users.nameTh,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.publishedBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number))
    .all();
}

export function articleRevision(db: Db, articleId: number, number: number): ArticleRevisionRow | undefined {
  return db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number))).get();
}
