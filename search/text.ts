// Text handling shared by the engines: normalization, Thai word segmentation with a domain dictionary, highlighting.
import type { Highlighted } from './types.ts';

const invisible = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** NFC, lower case, no zero-width characters, nikhahit + sara aa written as sara am (the two look the same). */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(invisible, '').replace(/\u0e4d\u0e32/g, '\u0e33').toLocaleLowerCase('th');
}

const thaiChar = /[\u0e00-\u0e7f]/;
export const hasThai = (text: string) => thaiChar.test(text);

// A Thai word cannot start on a following vowel or a combining mark, nor right after a leading vowel.
const cannotStartWord = /[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]/;
const leadingVowel = /[\u0e40-\u0e44]/;

/** Words that segmentation keeps whole, longest match first. */
export class Dictionary {
  readonly words: ReadonlySet<string>;
  private readonly maxLength: number;
  constructor(words: Iterable<string>) {
    const set = new Set<string>();
    for (const w of words) {
      const n = normalizeText(w.trim());
      if (n && hasThai(n) && !/\s/.test(n)) set.add(n);
    }
    this.words = set;
    this.maxLength = Math.max(0, ...[...set].map((w) => w.length));
  }

  /** The longest dictionary word starting at `at`, if a word may start there. */
  longestAt(text: string, at: number): string | undefined {
    if (cannotStartWord.test(text[at]!) || (at > 0 && leadingVowel.test(text[at - 1]!))) return undefined;
    for (let len = Math.min(this.maxLength, text.length - at); len >= 2; len--) {
      const candidate = text.slice(at, at + len);
      if (!this.words.has(candidate)) continue;
      // Not if the word would end before a mark or following vowel that belongs to its last syllable.
      const next = text[at + len];
      if (next && cannotStartWord.test(next)) continue;
      return candidate;
    }
    return undefined;
  }
}

const icu = new Intl.Segmenter('th', { granularity: 'word' });

/** ICU's word segments of a run of text, without spaces and punctuation. */
function icuWords(text: string): string[] {
  const words: string[] = [];
  for (const s of icu.segment(text)) if (s.isWordLike) words.push(s.segment);
  return words;
}

/**
 * Words of normalized text: dictionary words kept whole (ICU alone splits ช่างไฟฟ้ากำลัง as ช่างไฟ|ฟ้า|กำลัง), the
 * stretches between them segmented by ICU, Latin words and numbers as they are.
 */
export function segmentWords(text: string, dictionary: Dictionary): string[] {
  const words: string[] = [];
  for (const run of text.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (!run) continue;
    if (!hasThai(run)) {
      words.push(run);
      continue;
    }
    let pending = 0;
    let i = 0;
    while (i < run.length) {
      const word = dictionary.longestAt(run, i);
      if (!word) {
        i++;
        continue;
      }
      if (pending < i) words.push(...icuWords(run.slice(pending, i)));
      words.push(word);
      i += word.length;
      pending = i;
    }
    if (pending < run.length) words.push(...icuWords(run.slice(pending)));
  }
  return words;
}

/** The words of a query as a person typed them, normalized and segmented. */
export function queryWords(query: string, dictionary: Dictionary): string[] {
  return segmentWords(normalizeText(query), dictionary).filter((w) => w.length > 0);
}

/** Split text into plain and matched segments, matching any of the needles case-insensitively as substrings. */
export function highlight(text: string, needles: string[]): Highlighted {
  const lower = normalizeText(text);
  // normalizeText may change length (ZWSP, nikhahit); then highlighting falls back to none rather than misplacing marks.
  const usable = needles.map(normalizeText).filter((n) => n.length > 0);
  if (lower.length !== text.length || usable.length === 0) return text ? [{ text, match: false }] : [];
  const marked = new Uint8Array(text.length);
  for (const needle of usable) {
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) marked.fill(1, at, at + needle.length);
  }
  const out: Highlighted = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      out.push({ text: text.slice(start, i), match: marked[start] === 1 });
      start = i;
    }
  }
  return out;
}

/** A window of about `length` characters around the first match, highlighted; the start of the text when none matches. */
export function snippet(text: string, needles: string[], length = 160): Highlighted {
  const lower = normalizeText(text);
  let first = -1;
  for (const n of needles.map(normalizeText)) {
    const at = n ? lower.indexOf(n) : -1;
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  let start = Math.max(0, first - Math.floor(length / 3));
  // Start at a space when one is near, so the window does not begin mid-word.
  const space = text.lastIndexOf(' ', start);
  if (start > 0 && space >= 0 && start - space < 30) start = space + 1;
  const end = Math.min(text.length, start + length);
  const parts = highlight(text.slice(start, end), needles);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}

/** Plain text of Markdown, for indexing: no headings marks, emphasis, link targets, HTML or code fences. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
