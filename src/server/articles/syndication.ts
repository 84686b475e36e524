// Listed articles for feeds, the sitemap and OAI-PMH: what those builders take, from the articles table.
import type { AtomEntry } from '../../lib/metadata/atom.ts';
import type { DcValue } from '../../lib/metadata/dublin-core.ts';
import type { OaiHeader } from '../../lib/metadata/oai-response.ts';
import { dayStamp } from '../../lib/metadata/xml.ts';
import type { SitemapPage } from '../../lib/metadata/sitemap.ts';
import { getDb } from '../db.ts';
import { siteBase } from '../site-url.ts';
import { listedArticles, listedArticlesInField } from './articles.ts';

/** Atom entries of listed articles, all or a field's. */
export function articleAtomEntries(fieldSlug?: string): AtomEntry[] {
  const listed = fieldSlug === undefined ? listedArticles(getDb()) : listedArticlesInField(getDb(), fieldSlug, -1);
  return listed.map(({ article, revision, author }) => ({
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

/** A record an OAI-PMH harvester may take: its header and its Dublin Core. */
export interface Harvestable {
  key: string;
  header: OaiHeader;
  dublinCore: () => DcValue[];
}

/** Listed articles as OAI-PMH records `oai:<host>:articles/<slug>`, in the sets of their fields and `type:articles`. */
export function articleHarvestables(host: string, fieldNames: Map<string, { th: string; en: string }>): Harvestable[] {
  return listedArticles(getDb()).map(({ article, revision, author }) => ({
    key: `articles/${article.slug}`,
    header: {
      identifier: `oai:${host}:articles/${article.slug}`,
      datestamp: dayStamp(revision.publishedAt),
      setSpecs: [...revision.fields.map((slug) => `field:${slug}`), 'type:articles'],
    },
    dublinCore: () => [
      { element: 'title', value: revision.title, lang: 'th' },
      { element: 'creator', value: author.nameTh },
      ...revision.tags.map((tag): DcValue => ({ element: 'subject', value: tag })),
      ...revision.fields.flatMap((slug): DcValue[] => {
        const name = fieldNames.get(slug);
        return name ? [{ element: 'subject', value: name.th, lang: 'th' }, { element: 'subject', value: name.en, lang: 'en' }] : [];
      }),
      ...(revision.summary ? [{ element: 'description', value: revision.summary, lang: 'th' } as DcValue] : []),
      { element: 'date', value: dayStamp(article.firstPublishedAt ?? revision.publishedAt) },
      { element: 'type', value: 'Text' },
      { element: 'type', value: 'article' },
      { element: 'format', value: 'text/html' },
      { element: 'identifier', value: `${siteBase}/articles/${encodeURIComponent(article.slug)}` },
      { element: 'language', value: 'th' },
    ],
  }));
}
