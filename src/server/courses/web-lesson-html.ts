// The HTML of a lesson written on the web, for its page: rendered the first time a learner opens it and kept while
// the course's outline holds the same document (a saved lesson makes the outline read a new one).
import type { RichTextDocument } from '../../lib/rich-text/schema.ts';
import { renderRichText } from '../rich-text/render.ts';

const rendered = new WeakMap<RichTextDocument, string>();

export function webLessonHtml(document: RichTextDocument): string {
  let html = rendered.get(document);
  if (html === undefined) rendered.set(document, (html = renderRichText(document).html));
  return html;
}
