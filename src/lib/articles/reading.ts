// What a reader's page shows besides the text: schema.org data for search engines, and plain text with its links.
import type { Article, WithContext } from 'schema-dts';
import { isAllowedHref } from '../rich-text/schema.ts';

export interface ArticleFacts {
  title: string;
  summary: string;
  url: string;
  image: string | null;
  authorName: string;
  authorUrl: string;
  published: Date;
  modified: Date;
  fields: string[];
  tags: string[];
  minutes: number;
}

export function articleJsonLd(a: ArticleFacts): WithContext<Article> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title,
    description: a.summary || undefined,
    url: a.url,
    mainEntityOfPage: a.url,
    image: a.image ?? undefined,
    author: { '@type': 'Person', name: a.authorName, url: a.authorUrl },
    datePublished: a.published.toISOString(),
    dateModified: a.modified.toISOString(),
    about: a.fields.map((name) => ({ '@type': 'Thing', name })),
    keywords: a.tags.join(', ') || undefined,
    inLanguage: 'th',
    timeRequired: `PT${a.minutes}M`,
  };
}

/** Plain text cut into pieces, web addresses (http, https) marked as links; everything else stays text. */
export function linkedText(text: string): { text: string; href?: string }[] {
  const pieces: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push(isAllowedHref(match[0]) ? { text: match[0], href: match[0] } : { text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
