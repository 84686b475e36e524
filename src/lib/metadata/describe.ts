// What the feeds and the harvest interface say about any item: a plain-text summary and its authors.
import { Lexer, type Token } from 'marked';
import type { CatalogItem } from '../content/types.ts';

const plainText = (tokens: Token[]): string =>
  tokens
    .map((token) => {
      if ('tokens' in token && token.tokens) return plainText(token.tokens);
      if (token.type === 'br') return ' ';
      // Raw HTML is shown as text on the page; in a summary it is only noise.
      if (token.type === 'html') return '';
      return 'text' in token ? token.text : '';
    })
    .join('');

/** The first paragraph of a Markdown body as plain text. */
export function firstParagraph(markdown: string): string | undefined {
  const paragraph = Lexer.lex(markdown).find((token) => token.type === 'paragraph');
  const text = paragraph && 'tokens' in paragraph && paragraph.tokens ? plainText(paragraph.tokens).replace(/\s+/g, ' ').trim() : '';
  return text || undefined;
}

/**
 * A summary in plain text: the item's own summary where its type has one, else the body's first paragraph; in
 * English the English summary where the item has one.
 */
export function itemSummary(item: CatalogItem, lang: 'th' | 'en' = 'th'): string | undefined {
  if (lang === 'en' && item.type !== 'curricula' && item.data.summaryEn) return item.data.summaryEn;
  switch (item.type) {
    case 'ebooks':
    case 'courses':
      return item.data.summary;
    default:
      return firstParagraph(item.body);
  }
}

/** The people who wrote the item; types without authors have none. */
export function itemCreators(item: CatalogItem): string[] {
  return item.type === 'ebooks' || item.type === 'research' ? item.data.authors : [];
}
