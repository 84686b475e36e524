// What a rich-text document (Tiptap JSON) may hold: node and mark types, their attributes, and where links, images
// and videos may point. Shared by the editor, the validator and the server renderer.

export interface RichTextMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: RichTextMark[];
  text?: string;
}

export interface RichTextDocument extends RichTextNode {
  type: 'doc';
}

/** h1 is the page's title; a document's headings start at h2. */
export const headingLevels = [2, 3, 4] as const;

export const linkProtocols = ['http', 'https', 'mailto'] as const;

/** A document's JSON may be at most this many characters (about 200 pages of text). */
export const maxDocumentChars = 400_000;
export const maxDepth = 24;
export const maxNodes = 20_000;

/** Where uploaded media are served from: `/media/<content-hash name>`. */
export const mediaPrefix = '/media/';
const mediaName = /^\/media\/[a-f0-9]{16}-[a-f0-9]{8}\.(png|jpe?g|webp|mp4)$/;

export const isUploadedImage = (src: unknown): src is string => typeof src === 'string' && mediaName.test(src) && !src.endsWith('.mp4');
export const isUploadedVideo = (src: unknown): src is string => typeof src === 'string' && mediaName.test(src) && src.endsWith('.mp4');

export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2000 || /[\u0000-\u001f\s]/.test(href)) return false;
  if (href.startsWith('/') && !href.startsWith('//')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  return scheme !== undefined && (linkProtocols as readonly string[]).includes(scheme) && URL.canParse(href);
}

/** A YouTube video id from a youtube.com, youtu.be or youtube-nocookie.com address, or undefined. */
export function youtubeId(src: unknown): string | undefined {
  if (typeof src !== 'string' || !URL.canParse(src)) return undefined;
  const url = new URL(src);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^(www|m)\./, '');
  let id: string | null | undefined;
  if (host === 'youtu.be') id = url.pathname.slice(1);
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    id = url.pathname === '/watch' ? url.searchParams.get('v') : /^\/(?:embed|shorts|v)\/([^/]+)$/.exec(url.pathname)?.[1];
  }
  return id && /^[\w-]{6,20}$/.test(id) ? id : undefined;
}

export const youtubeEmbedUrl = (id: string) => `https://www.youtube-nocookie.com/embed/${id}`;

/** An H5P activity id: what the H5P library names its activities by. */
export const isH5pActivityId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id);

export const markTypes = ['bold', 'italic', 'strike', 'underline', 'code', 'link'] as const;

/** Each node type and the attributes it keeps; anything else in `attrs` is dropped. */
export const nodeTypes = [
  'doc', 'paragraph', 'text', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'codeBlock',
  'hardBreak', 'horizontalRule', 'image', 'table', 'tableRow', 'tableHeader', 'tableCell', 'youtube', 'video',
  'h5pActivity',
] as const;
export type NodeType = (typeof nodeTypes)[number];

/** The text of a document, one line per block, for search, reading time and diffs between versions. */
export function documentText(node: RichTextNode): string {
  const lines: string[] = [];
  let line = '';
  const walk = (n: RichTextNode) => {
    if (n.type === 'text') line += n.text ?? '';
    else if (n.type === 'hardBreak') line += ' ';
    for (const child of n.content ?? []) walk(child);
    if (['paragraph', 'heading', 'codeBlock', 'tableCell', 'tableHeader'].includes(n.type) || n.type === 'image') {
      if (n.type === 'image' && typeof n.attrs?.alt === 'string') line += n.attrs.alt;
      if (line.trim()) lines.push(line.trim());
      line = '';
    }
  };
  walk(node);
  return lines.join('\n');
}

/** The uploaded images a document shows, in order: the choices for an article's cover. */
export function documentImages(node: RichTextNode): string[] {
  const own = node.type === 'image' && isUploadedImage(node.attrs?.src) ? [node.attrs.src] : [];
  return [...own, ...(node.content ?? []).flatMap(documentImages)];
}

const wordSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Minutes to read `text` at 200 words a minute, Thai words found by the segmenter; at least 1. */
export function readingMinutes(text: string): number {
  let words = 0;
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) words += 1;
  return Math.max(1, Math.round(words / 200));
}
