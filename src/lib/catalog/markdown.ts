// Item bodies are Markdown written by curators and admins; raw HTML in them is shown as text, never run.
import { Marked } from 'marked';
import { safeHref } from '../http/safe-url.ts';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    // Levels are set by renderMarkdown, which fits the body's headings under the page's own.
    heading({ tokens, depth }) {
      return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    link({ href, title, tokens }) {
      const safe = safeHref(href) ?? '#';
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(safe)}"${titleAttr}>${this.parser.parseInline(tokens)}</a>`;
    },
    image({ href, title, text }) {
      const safe = safeHref(href);
      if (!safe) return escapeHtml(text);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<img src="${escapeHtml(safe)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy">`;
    },
  },
});

/**
 * A body as HTML. Its headings sit under the page's h1: the body's highest heading becomes `topLevel` (h2) and the
 * others keep their distance from it, so a body written from `##` or from `#` never skips a level.
 */
export function renderMarkdown(markdown: string, topLevel = 2): string {
  const tokens = marked.lexer(markdown);
  let highest = 6;
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') highest = Math.min(highest, token.depth);
  });
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth - highest + topLevel);
  });
  return marked.parser(tokens);
}
