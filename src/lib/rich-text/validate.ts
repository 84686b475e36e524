// A posted document checked before it is stored: its size, its node and mark types, and every attribute that holds
// an address. The result is a clean copy (unknown attributes dropped) or one error in Thai and English.
import {
  headingLevels, isAllowedHref, isH5pActivityId, isUploadedImage, isUploadedVideo, markTypes, maxDepth, maxDocumentChars,
  maxNodes, nodeTypes, youtubeEmbedUrl, youtubeId, type RichTextDocument, type RichTextMark, type RichTextNode,
} from './schema.ts';

export interface RichTextError {
  code: 'invalid-json' | 'too-large' | 'too-deep' | 'not-a-document' | 'forbidden-node' | 'forbidden-mark' | 'bad-link' | 'bad-image' | 'bad-video' | 'bad-h5p' | 'bad-attribute';
  th: string;
  en: string;
}

export type RichTextResult = { ok: true; document: RichTextDocument } | { ok: false; error: RichTextError };

class Refused extends Error {
  readonly detail: RichTextError;
  constructor(detail: RichTextError) {
    super(detail.en);
    this.detail = detail;
  }
}

const refuse = (code: RichTextError['code'], th: string, en: string): never => {
  throw new Refused({ code, th, en });
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shortText = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : null);
const intIn = (value: unknown, min: number, max: number, fallback: number | null) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

function cleanMark(raw: unknown): RichTextMark {
  if (!isRecord(raw) || typeof raw.type !== 'string') return refuse('forbidden-mark', 'รูปแบบข้อความไม่ถูกต้อง', 'A text mark is malformed.');
  const type = raw.type;
  if (!(markTypes as readonly string[]).includes(type)) {
    return refuse('forbidden-mark', `ไม่อนุญาตรูปแบบข้อความ "${type.slice(0, 40)}"`, `The text mark "${type.slice(0, 40)}" is not allowed.`);
  }
  if (type !== 'link') return { type };
  const href = isRecord(raw.attrs) ? raw.attrs.href : undefined;
  if (!isAllowedHref(href)) {
    return refuse('bad-link', 'ลิงก์ต้องขึ้นต้นด้วย http, https หรือ mailto', 'A link must start with http, https or mailto.');
  }
  return { type, attrs: { href } };
}

/** The attributes a node keeps, checked; throws Refused for a bad address. */
function cleanAttrs(type: string, attrs: Record<string, unknown>): Record<string, unknown> | undefined {
  switch (type) {
    case 'heading': {
      const level = intIn(attrs.level, 0, 9, null);
      if (level === null || !(headingLevels as readonly number[]).includes(level)) {
        return refuse('bad-attribute', 'หัวข้อต้องเป็นระดับ 2 ถึง 4', 'Headings must be of level 2 to 4.');
      }
      return { level };
    }
    case 'orderedList':
      return { start: intIn(attrs.start, 0, 100_000, 1) };
    case 'codeBlock': {
      const language = shortText(attrs.language, 30);
      return { language: language && /^[\w+-]+$/.test(language) ? language : null };
    }
    case 'image':
      if (!isUploadedImage(attrs.src)) {
        return refuse('bad-image', 'รูปภาพต้องอัปโหลดผ่านตัวแก้ไขของเว็บไซต์นี้', 'Images must be uploaded through this site\'s editor.');
      }
      return { src: attrs.src, alt: shortText(attrs.alt, 300) ?? '', title: shortText(attrs.title, 300) };
    case 'tableCell':
    case 'tableHeader':
      return { colspan: intIn(attrs.colspan, 1, 20, 1), rowspan: intIn(attrs.rowspan, 1, 100, 1), colwidth: null };
    case 'youtube': {
      const id = youtubeId(attrs.src);
      if (!id) return refuse('bad-video', 'วิดีโอต้องมาจาก youtube.com หรือ youtube-nocookie.com', 'Videos must come from youtube.com or youtube-nocookie.com.');
      return { src: youtubeEmbedUrl(id), start: intIn(attrs.start, 0, 86_400, 0) };
    }
    case 'video':
      if (!isUploadedVideo(attrs.src)) return refuse('bad-video', 'ไฟล์วิดีโอต้องเป็น MP4 ที่อัปโหลดในเว็บไซต์นี้', 'Video files must be MP4s uploaded to this site.');
      return { src: attrs.src };
    case 'h5pActivity':
      if (!isH5pActivityId(attrs.activityId)) return refuse('bad-h5p', 'รหัสกิจกรรม H5P ไม่ถูกต้อง', 'The H5P activity id is not valid.');
      return { activityId: attrs.activityId };
    default:
      return undefined;
  }
}

function cleanNode(raw: unknown, depth: number, count: { nodes: number }): RichTextNode {
  if (depth > maxDepth) return refuse('too-deep', 'เอกสารซ้อนกันลึกเกินไป', 'The document is nested too deeply.');
  if ((count.nodes += 1) > maxNodes) return refuse('too-large', 'เอกสารยาวเกินไป', 'The document is too long.');
  if (!isRecord(raw) || typeof raw.type !== 'string') return refuse('not-a-document', 'เอกสารมีรูปแบบไม่ถูกต้อง', 'The document is malformed.');
  const type = raw.type;
  if (!(nodeTypes as readonly string[]).includes(type) || (type === 'doc' && depth > 0)) {
    return refuse('forbidden-node', `ไม่อนุญาตเนื้อหาชนิด "${type.slice(0, 40)}"`, `Content of type "${type.slice(0, 40)}" is not allowed.`);
  }
  const node: RichTextNode = { type };
  if (type === 'text') {
    if (typeof raw.text !== 'string' || raw.text === '') return refuse('not-a-document', 'ข้อความว่างหรือไม่ถูกต้อง', 'A text node is empty or malformed.');
    node.text = raw.text;
    if (raw.marks !== undefined) {
      if (!Array.isArray(raw.marks)) return refuse('forbidden-mark', 'รูปแบบข้อความไม่ถูกต้อง', 'A text mark is malformed.');
      const marks = raw.marks.map(cleanMark);
      if (marks.length) node.marks = marks;
    }
    return node;
  }
  if (raw.marks !== undefined) return refuse('forbidden-mark', 'รูปแบบข้อความใช้ได้กับข้อความเท่านั้น', 'Marks are allowed on text only.');
  const attrs = cleanAttrs(type, isRecord(raw.attrs) ? raw.attrs : {});
  if (attrs) node.attrs = attrs;
  if (raw.content !== undefined) {
    if (!Array.isArray(raw.content)) return refuse('not-a-document', 'เอกสารมีรูปแบบไม่ถูกต้อง', 'The document is malformed.');
    node.content = raw.content.map((child) => cleanNode(child, depth + 1, count));
  }
  return node;
}

/** Check a document already parsed from JSON. */
export function validateRichText(value: unknown): RichTextResult {
  try {
    if (!isRecord(value) || value.type !== 'doc') refuse('not-a-document', 'ข้อมูลไม่ใช่เอกสาร', 'The data is not a document.');
    if (JSON.stringify(value).length > maxDocumentChars) {
      refuse('too-large', `เอกสารยาวเกิน ${maxDocumentChars.toLocaleString('th-TH')} ตัวอักษร`, `The document is longer than ${maxDocumentChars.toLocaleString('en')} characters.`);
    }
    return { ok: true, document: cleanNode(value, 0, { nodes: 0 }) as RichTextDocument };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.detail };
    throw error;
  }
}

/** Check a document posted as JSON text; the size is checked before the text is parsed. */
export function parseRichText(json: string): RichTextResult {
  if (json.length > maxDocumentChars) {
    return { ok: false, error: { code: 'too-large', th: `เอกสารยาวเกิน ${maxDocumentChars.toLocaleString('th-TH')} ตัวอักษร`, en: `The document is longer than ${maxDocumentChars.toLocaleString('en')} characters.` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: { code: 'invalid-json', th: 'เอกสารไม่ใช่ JSON ที่ถูกต้อง', en: 'The document is not valid JSON.' } };
  }
  return validateRichText(value);
}

/** An empty document: one empty paragraph. */
export const emptyDocument = (): RichTextDocument => ({ type: 'doc', content: [{ type: 'paragraph' }] });
