// Stored documents → HTML for readers: rendered by Tiptap with the allowed extensions only, then passed through an
// allow-list sanitizer, so nothing an author writes can run script or load from elsewhere. Headings get ids for the
// table of contents.
import { getSchema } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { Node as PmNode } from '@tiptap/pm/model';
import sanitizeHtml from 'sanitize-html';
import { richTextExtensions } from '../../lib/rich-text/extensions.ts';
import { documentText, isUploadedImage, isUploadedVideo, readingMinutes, type RichTextDocument, type RichTextNode } from '../../lib/rich-text/schema.ts';
import { parseRichText, validateRichText, type RichTextResult } from '../../lib/rich-text/validate.ts';

const extensions = richTextExtensions();
const schema = getSchema(extensions);

export interface TocEntry {
  id: string;
  level: number;
  text: string;
}

export interface RenderedRichText {
  html: string;
  toc: TocEntry[];
  text: string;
  minutes: number;
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'strong', 'em', 's', 'u', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'br', 'hr',
    'img', 'table', 'tbody', 'tr', 'th', 'td', 'div', 'iframe', 'video',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    ol: ['start'],
    img: ['src', 'alt', 'title', 'loading'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    div: ['data-youtube-video', 'data-h5p-activity', 'class'],
    iframe: ['src', 'width', 'height', 'allowfullscreen', 'title', 'loading'],
    video: ['src', 'controls', 'preload'],
    code: ['class'],
  },
  allowedClasses: { div: ['h5p-activity', 'video-embed'], code: [/^language-[\w+-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [], video: [], iframe: ['https'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: ['www.youtube-nocookie.com'],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    iframe: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', title: 'YouTube' } }),
  },
  // Media only from our own uploads, embeds only from YouTube's no-cookie player.
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && !isUploadedImage(frame.attribs.src)) ||
    (frame.tag === 'video' && !isUploadedVideo(frame.attribs.src)) ||
    (frame.tag === 'iframe' && !/^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+(\?[\w=&.-]*)?$/.test(frame.attribs.src ?? '')),
};

/** Any HTML reduced to what an article may hold. */
export const sanitizeRichHtml = (html: string): string => sanitizeHtml(html, sanitizeOptions);

function plainText(node: RichTextNode): string {
  return node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(plainText).join('');
}

/** A copy of the document whose headings carry ids `h-1`, `h-2`, …, and the table of contents they make. */
function withHeadingIds(document: RichTextDocument): { document: RichTextDocument; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const visit = (node: RichTextNode): RichTextNode => {
    if (node.type === 'heading') {
      const id = `h-${toc.length + 1}`;
      toc.push({ id, level: Number(node.attrs?.level ?? 2), text: plainText(node).trim() });
      return { ...node, attrs: { ...node.attrs, id } };
    }
    return node.content ? { ...node, content: node.content.map(visit) } : node;
  };
  return { document: visit(document) as RichTextDocument, toc };
}

/** Whether the nodes sit where the schema lets them (a table holds rows, a list holds items…). */
function fitsSchema(document: RichTextDocument): boolean {
  try {
    PmNode.fromJSON(schema, document).check();
    return true;
  } catch {
    return false;
  }
}

const misplaced: RichTextResult = {
  ok: false,
  error: { code: 'not-a-document', th: 'โครงสร้างเอกสารไม่ถูกต้อง (เนื้อหาอยู่ผิดที่)', en: 'The document\'s structure is invalid (content in the wrong place).' },
};

/** A posted document (JSON text or parsed) checked completely: validation, then the editor's schema. */
export function checkRichText(input: string | unknown): RichTextResult {
  const result = typeof input === 'string' ? parseRichText(input) : validateRichText(input);
  return result.ok && !fitsSchema(result.document) ? misplaced : result;
}

/** Render a checked document to safe HTML with its table of contents, text and reading time. */
export function renderRichText(document: RichTextDocument): RenderedRichText {
  const { document: withIds, toc } = withHeadingIds(document);
  const html = sanitizeRichHtml(generateHTML(withIds, extensions));
  const text = documentText(document);
  return { html, toc, text, minutes: readingMinutes(text) };
}
