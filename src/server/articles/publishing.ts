// Publishing an article: the workflow's transitions, each publish rendering the document once and keeping it as a
// revision. Apart from articles.ts because the renderer (Tiptap with happy-dom, tens of MB) should load only in the
// processes and pages that publish, show or check an article's body, not in every page that lists articles.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { articleRevisions, articles, type ArticleRow } from '../../../db/schema/index.ts';
import { transition, type ArticleAction, type TransitionRefusal } from '../../lib/articles/workflow.ts';
import { documentImages } from '../../lib/rich-text/schema.ts';
import { renderRichText } from '../rich-text/render.ts';
import { reindexArticle } from '../search.ts';
import type { ArticleActor } from './articles.ts';

/** Submit, publish, return (with a comment) or unpublish; publishing renders and keeps a new revision. */
export function changeArticleState(
  db: Db,
  article: ArticleRow,
  actor: ArticleActor,
  action: Exclude<ArticleAction, 'save'>,
  comment: string | null = null,
  /** Seeding a new database leaves the search index to the rebuild that follows it. */
  options: { reindex: boolean } = { reindex: true },
): { article: ArticleRow } | { refused: TransitionRefusal } {
  const next = transition(article, action, { role: actor.role, isAuthor: article.authorId === actor.id });
  if ('refused' in next) return next;
  const now = new Date();
  const updated = db.transaction((tx) => {
    let publishedRevisionId = article.publishedRevisionId;
    // Publishing an unpublished article again lists its last revision; publishing a submission makes a new one.
    if (action === 'publish' && (article.state === 'submitted' || publishedRevisionId === null)) {
      const rendered = renderRichText(article.document);
      const number = (tx.select({ n: sql<number>`coalesce(max(${articleRevisions.number}), 0)` }).from(articleRevisions).where(eq(articleRevisions.articleId, article.id)).get()?.n ?? 0) + 1;
      publishedRevisionId = tx
        .insert(articleRevisions)
        .values({
          articleId: article.id,
          number,
          title: article.title,
          summary: article.summary,
          fields: article.fields,
          tags: article.tags,
          // Without a cover chosen, the article's first picture stands for it in lists.
          coverImage: article.coverImage ?? documentImages(article.document)[0] ?? null,
          document: article.document,
          html: rendered.html,
          toc: rendered.toc,
          text: rendered.text,
          readingMinutes: rendered.minutes,
          authorId: article.authorId,
          publishedBy: actor.id,
          publishedAt: now,
        })
        .returning({ id: articleRevisions.id })
        .get().id;
    }
    return tx
      .update(articles)
      .set({
        ...next,
        publishedRevisionId,
        firstPublishedAt: action === 'publish' ? (article.firstPublishedAt ?? now) : article.firstPublishedAt,
        reviewComment: action === 'return' ? comment : action === 'publish' ? null : article.reviewComment,
        version: sql`${articles.version} + 1`,
        updatedAt: now,
      })
      .where(eq(articles.id, article.id))
      .returning()
      .get();
  });
  if (options.reindex && (action === 'publish' || action === 'unpublish')) reindexArticle(db, updated.slug);
  return { article: updated };
}
