// Listed articles for feeds and the sitemap: what those builders take, from the articles table.
import type { AtomEntry } from '../../lib/metadata/atom.ts';
import type { SitemapPage } from '../../lib/metadata/sitemap.ts';
import { getDb } from '../db.ts';
import { siteBase } from '../site-url.ts';
import { listedArticles } from './articles.ts';

/** Atom entries of listed articles, all or a field's. */
export function articleAtomEntries(fieldSlug?: string): AtomEntry[] {
  return listedArticles(getDb())
    .filter((a) => !fieldSlug || a.revision.fields.includes(fieldSlug))
    .map(({ article, revision, author }) => ({
      url: `${siteBase}/articles/${encodeURIComponent(article.slug)}`,
      title: revision.title,
      updated: revision.publishedAt,
      summary: revision.summary || undefined,
      authors: [author.nameTh],
      category: { term: 'articles', label: 'บทความ' },
    }));
}

/** The articles list and every listed article. */
export function articleSitemapPages(): SitemapPage[] {
  return [{ path: '/articles' }, ...listedArticles(getDb()).map(({ article, revision }) => ({ path: `/articles/${encodeURIComponent(article.slug)}`, lastmod: revision.publishedAt }))];
}
