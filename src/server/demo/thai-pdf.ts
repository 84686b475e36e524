// Writes simple A4 PDFs in Sarabun for the demo learning materials; Thai has no spaces between words, so lines are laid out here rather than by pdfkit.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export interface ThaiPdfContent {
  title: string;
  subtitle?: string;
  /** Short lines under the title: authors, publisher, year, licence. */
  meta: string[];
  /** Paragraphs; `# heading` lines are set bold and `- item` lines become bullets. */
  body: string[];
  /** A picture after the body (a certificate's QR code), with a line of text beside it. */
  figure?: { png: Buffer; size: number; caption: string[] };
}

type Face = 'thai' | 'latin' | 'latinExt';
type Weight = 400 | 700;
type Doc = InstanceType<typeof PDFDocument>;

// @fontsource ships Sarabun split by script, so one string may need several files.
const FACE_FILES: Record<Face, string> = { thai: 'thai', latin: 'latin', latinExt: 'latin-ext' };
const FALLBACK_ORDER: Face[] = ['latin', 'latinExt', 'thai'];

interface LoadedFace {
  bytes: Uint8Array;
  has: (codePoint: number) => boolean;
}

let loaded: Map<string, LoadedFace> | undefined;

// fontkit is pdfkit's own parser; it is resolved from pdfkit so both read the fonts the same way.
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

function faces(): Map<string, LoadedFace> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
    create(bytes: Uint8Array): FontkitFont;
  };
  loaded = new Map();
  for (const weight of [400, 700] as const) {
    for (const face of Object.keys(FACE_FILES) as Face[]) {
      const file = require.resolve(`@fontsource/sarabun/files/sarabun-${FACE_FILES[face]}-${weight}-normal.woff`);
      const bytes = sfntFromWoff(readFileSync(file));
      const font = fontkit.create(bytes);
      const cache = new Map<number, boolean>();
      const has = (cp: number): boolean => {
        let hit = cache.get(cp);
        if (hit === undefined) cache.set(cp, (hit = font.hasGlyphForCodePoint(cp)));
        return hit;
      };
      loaded.set(fontName(face, weight), { bytes, has });
    }
  }
  return loaded;
}

/**
 * Unpacks a WOFF 1 file into the plain TrueType font inside it. fontkit reads WOFF too, but
 * inflates it in JavaScript for every document, which made a PDF take ~60 ms instead of ~10.
 */
function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF 1 font');
  const numTables = woff.readUInt16BE(12);
  const out = Buffer.alloc(woff.readUInt32BE(16));
  out.writeUInt32BE(woff.readUInt32BE(4), 0);
  out.writeUInt16BE(numTables, 4);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = 12 + numTables * 16;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const tableOffset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(tableOffset, tableOffset + compLength);
    const table = compLength < origLength ? inflateSync(stored) : stored;
    const record = 12 + i * 16;
    out.writeUInt32BE(woff.readUInt32BE(entry), record);
    out.writeUInt32BE(woff.readUInt32BE(entry + 16), record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(origLength, record + 12);
    table.copy(out, offset);
    offset += (origLength + 3) & ~3;
  }
  return out;
}

function fontName(face: Face, weight: Weight): string {
  return `sarabun-${face}-${weight}`;
}

const isThai = (cp: number): boolean => cp >= 0x0e00 && cp <= 0x0e7f;
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const words = new Intl.Segmenter('th', { granularity: 'word' });

interface Run {
  face: Face;
  text: string;
}

/** Splits text into runs, each drawable by one Sarabun subset; a grapheme never straddles two runs. */
function runsOf(text: string, weight: Weight): Run[] {
  const fonts = faces();
  const covers = (face: Face, cp: number): boolean => fonts.get(fontName(face, weight))!.has(cp);
  const runs: Run[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const cp = segment.codePointAt(0)!;
    const current = runs.at(-1);
    let face: Face;
    if (isThai(cp)) face = 'thai';
    // Spaces and the like stay in the run they sit in, so Thai text is not cut into many runs.
    else if (current && covers(current.face, cp)) face = current.face;
    else face = FALLBACK_ORDER.find((f) => covers(f, cp)) ?? 'latin';
    if (current?.face === face) current.text += segment;
    else runs.push({ face, text: segment });
  }
  return runs;
}

interface Style {
  weight: Weight;
  size: number;
  color: string;
}

function widthOf(doc: Doc, text: string, style: Style): number {
  let width = 0;
  for (const run of runsOf(text, style.weight)) {
    width += doc.font(fontName(run.face, style.weight)).fontSize(style.size).widthOfString(run.text);
  }
  return width;
}

function drawLine(doc: Doc, text: string, x: number, y: number, style: Style): void {
  doc.fillColor(style.color);
  // Sarabun draws ำ as two glyphs (so a tone mark can sit between them), which text extraction
  // reads back as "ำา"; ActualText gives copy, search and screen readers the line as written.
  doc.markContent('Span', { actual: text });
  for (const run of runsOf(text, style.weight)) {
    doc.font(fontName(run.face, style.weight)).fontSize(style.size);
    doc.text(run.text, x, y, { lineBreak: false });
    x += doc.widthOfString(run.text);
  }
  doc.endMarkedContent();
}

const NO_BREAK_BEFORE = new Set([...'.,;:!?)]}%”’…ๆฯ']);
const NO_BREAK_AFTER = new Set([...'([{“‘']);

/**
 * Words and the spaces between them, as units a line may break between. Thai word boundaries
 * come from Intl.Segmenter; Latin text breaks only at spaces, and punctuation stays with its word.
 */
function tokensOf(text: string): { text: string; space: boolean }[] {
  const tokens: { text: string; space: boolean }[] = [];
  for (const { segment } of words.segment(text)) {
    const space = /^\s+$/.test(segment);
    const prev = tokens.at(-1);
    if (space || !prev || prev.space) {
      tokens.push({ text: segment, space });
      continue;
    }
    const last = [...prev.text].at(-1)!;
    const first = [...segment][0]!;
    const thaiBoundary = isThai(last.codePointAt(0)!) || isThai(first.codePointAt(0)!);
    if (thaiBoundary && !NO_BREAK_BEFORE.has(first) && !NO_BREAK_AFTER.has(last)) {
      tokens.push({ text: segment, space: false });
    } else {
      prev.text += segment;
    }
  }
  return tokens;
}

/** Fills lines up to `width`; a word wider than a whole line is broken between graphemes. */
function wrap(doc: Doc, text: string, style: Style, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let gap = '';
  const push = (): void => {
    lines.push(line);
    line = '';
    lineWidth = 0;
  };
  for (const token of tokensOf(text)) {
    if (token.space) {
      if (line) gap = ' ';
      continue;
    }
    const w = widthOf(doc, token.text, style);
    const gapWidth = line && gap ? widthOf(doc, gap, style) : 0;
    if (line && lineWidth + gapWidth + w <= width) {
      line += gap + token.text;
      lineWidth += gapWidth + w;
    } else {
      if (line) push();
      if (w <= width) {
        line = token.text;
        lineWidth = w;
      } else {
        for (const { segment } of graphemes.segment(token.text)) {
          const gw = widthOf(doc, segment, style);
          if (line && lineWidth + gw > width) push();
          line += segment;
          lineWidth += gw;
        }
      }
    }
    gap = '';
  }
  if (line) lines.push(line);
  return lines;
}

const PAGE = { margin: 64, bottom: 72, footer: 40 } as const;
const TITLE: Style = { weight: 700, size: 22, color: '#111111' };
const SUBTITLE: Style = { weight: 400, size: 14, color: '#333333' };
const META: Style = { weight: 400, size: 11, color: '#555555' };
const HEADING: Style = { weight: 700, size: 15, color: '#111111' };
const BODY: Style = { weight: 400, size: 13, color: '#111111' };
const FOOTER: Style = { weight: 400, size: 10, color: '#666666' };
// Thai stacks vowels and tone marks above and below the line, so lines need more air than Latin.
const LEADING = 1.6;

type Block = { kind: 'heading' | 'paragraph' | 'bullet'; text: string };

function blocksOf(body: string[]): Block[] {
  const blocks: Block[] = [];
  for (const raw of body.flatMap((p) => p.split('\n'))) {
    const line = raw.replace(/\*\*|__|`/g, '').trim();
    if (!line) continue;
    const heading = /^#{1,6}\s*(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    if (heading) blocks.push({ kind: 'heading', text: heading[1]! });
    else if (bullet) blocks.push({ kind: 'bullet', text: bullet[1]! });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

function layOut(doc: Doc, content: ThaiPdfContent): void {
  const left = PAGE.margin;
  const width = doc.page.width - 2 * PAGE.margin;
  const bottom = doc.page.height - PAGE.bottom;
  let y = PAGE.margin;

  const lineHeight = (style: Style): number => style.size * LEADING;
  const ensure = (height: number): void => {
    if (y + height > bottom) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const lines = (text: string, style: Style, x: number = left, w: number = width, prefix = ''): void => {
    wrap(doc, text, style, w).forEach((line, i) => {
      ensure(lineHeight(style));
      if (i === 0 && prefix) drawLine(doc, prefix + line, x - widthOf(doc, prefix, style), y, style);
      else drawLine(doc, line, x, y, style);
      y += lineHeight(style);
    });
  };

  lines(content.title, TITLE);
  if (content.subtitle) lines(content.subtitle, SUBTITLE);
  y += 6;
  for (const meta of content.meta) lines(meta, META);
  y += 8;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('#999999').stroke();
  y += 14;

  const bullet = '• ';
  const indent = widthOf(doc, bullet, BODY) + 4;
  for (const block of blocksOf(content.body)) {
    if (block.kind === 'heading') {
      y += 6;
      // Keep a heading with the first line under it.
      ensure(lineHeight(HEADING) + lineHeight(BODY));
      lines(block.text, HEADING);
    } else if (block.kind === 'bullet') {
      lines(block.text, BODY, left + indent, width - indent, bullet);
      y += 2;
    } else {
      lines(block.text, BODY);
      y += 6;
    }
  }

  if (content.figure) {
    const { png, size, caption } = content.figure;
    y += 12;
    ensure(size);
    doc.image(png, left, y, { width: size, height: size });
    const captionLeft = left + size + 16;
    let captionY = y + 8;
    for (const line of caption) {
      for (const part of wrap(doc, line, META, width - size - 16)) {
        drawLine(doc, part, captionLeft, captionY, META);
        captionY += lineHeight(META);
      }
    }
    y += size;
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const label = `หน้า ${i - start + 1} / ${count}`;
    const x = (doc.page.width - widthOf(doc, label, FOOTER)) / 2;
    drawLine(doc, label, x, doc.page.height - PAGE.footer, FOOTER);
  }
}

/** `content` as an A4 PDF in Sarabun. */
export function renderThaiPdf(content: ThaiPdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    lang: 'th',
    displayTitle: true,
    // pdfkit hashes every info key, so an absent subtitle must be left out rather than undefined.
    info: {
      Title: content.title,
      ...(content.subtitle ? { Subject: content.subtitle } : {}),
      Creator: 'คลังปัญญาอาชีวศึกษา',
    },
  });
  for (const [name, { bytes }] of faces()) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      layOut(doc, content);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * Writes `content` as a PDF at `path`, replacing any file there only once the new one is complete. The temporary name
 * is this call's own: two processes starting on one fresh checkout (two test servers, two app instances) may write
 * the same demo file at once, and the second rename must not find the first one's temporary file gone.
 */
export async function writeThaiPdf(path: string, content: ThaiPdfContent): Promise<void> {
  const bytes = await renderThaiPdf(content);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}-${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
