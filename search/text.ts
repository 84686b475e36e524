// Text handling shared by the engines: normalization, Thai word segmentation with a domain dictionary, highlighting.
import type { Highlighted } from './types.ts';

const invisible = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** NFC, lower case, no zero-width characters, nikhahit + sara aa written as sara am (the two look the same). */
export function normalizeText(text: string): string {
  // toLowerCase, not toLocaleLowerCase('th'): the same letters (only Turkish, Azeri and Lithuanian lower differently),
  // several times faster on every document indexed.
  return text.normalize('NFC').replace(invisible, '').replace(/\u0e4d\u0e32/g, '\u0e33').toLowerCase();
}

const thaiChar = /[\u0e00-\u0e7f]/;
export const hasThai = (text: string) => thaiChar.test(text);

// A Thai word cannot start on a following vowel or a combining mark (U+0E30–0E3A, 0E45, 0E47–0E4E), nor right after a
// leading vowel (U+0E40–0E44). Compared as code units: these run for every letter of every document indexed.
const cannotStartWord = (code: number) => (code >= 0x0e30 && code <= 0x0e3a) || code === 0x0e45 || (code >= 0x0e47 && code <= 0x0e4e);
const isLeadingVowel = (code: number) => code >= 0x0e40 && code <= 0x0e44;

// Keyed by UTF-16 code unit rather than by one-character strings, which each lookup would otherwise make.
type TrieNode = { next: Map<number, TrieNode>; word: boolean };

/** Words that segmentation keeps whole, longest match first. */
export class Dictionary {
  readonly words: ReadonlySet<string>;
  // A character trie: finding the longest word at a position walks only as far as some word matches, which made
  // segmentation several times faster than trying every length from the longest word down.
  private readonly root: TrieNode = { next: new Map(), word: false };
  constructor(words: Iterable<string>) {
    const set = new Set<string>();
    for (const w of words) {
      const n = normalizeText(w.trim());
      if (n && hasThai(n) && !/\s/.test(n)) set.add(n);
    }
    this.words = set;
    for (const word of set) {
      let node = this.root;
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) node.next.set(code, (child = { next: new Map(), word: false }));
        node = child;
      }
      node.word = true;
    }
  }

  /** The longest dictionary word starting at `at`, if a word may start there. */
  longestAt(text: string, at: number): string | undefined {
    let node: TrieNode | undefined = this.root.next.get(text.charCodeAt(at));
    if (!node || (at > 0 && isLeadingVowel(text.charCodeAt(at - 1)))) return undefined;
    let longest = 0;
    for (let i = at; ; ) {
      // Not if the word would end before a mark or following vowel that belongs to its last syllable.
      const length = i + 1 - at;
      if (node.word && length >= 2 && !(i + 1 < text.length && cannotStartWord(text.charCodeAt(i + 1)))) longest = length;
      if (++i >= text.length) break;
      node = node.next.get(text.charCodeAt(i));
      if (!node) break;
    }
    return longest ? text.slice(at, at + longest) : undefined;
  }
}

const icu = new Intl.Segmenter('th', { granularity: 'word' });

// ICU's words of the stretches between dictionary words, remembered: the same short stretches (common words) come back
// in nearly every document, and ICU was most of the time of indexing. Bounded; emptied when full.
const icuCache = new Map<string, string[]>();
const icuCacheSize = 50_000;

/** ICU's word segments of a run of text, without spaces and punctuation. */
function icuWords(text: string): string[] {
  let words = icuCache.get(text);
  if (words) return words;
  words = [];
  for (const s of icu.segment(text)) if (s.isWordLike) words.push(s.segment);
  if (icuCache.size >= icuCacheSize) icuCache.clear();
  icuCache.set(text, words);
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

const wordBreaks = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Where words start and end between `from` and `to` in `text`. Segmented from a space before `from` to a space after
 * `to` (a Thai run is segmented on its own, so the breaks are those of the whole text) rather than the whole text,
 * which may be a long section.
 */
function wordBoundaries(text: string, from: number, to: number): number[] {
  const left = Math.max(0, text.lastIndexOf(' ', Math.max(0, from - 1)));
  const spaceAfter = text.indexOf(' ', to);
  const right = spaceAfter < 0 ? text.length : spaceAfter;
  const breaks = [left];
  for (const s of wordBreaks.segment(text.slice(left, right))) breaks.push(left + s.index + s.segment.length);
  return breaks;
}

/** The parts of highlighted text between two offsets. */
function sliceHighlighted(parts: Highlighted, start: number, end: number): Highlighted {
  const out: Highlighted = [];
  let at = 0;
  for (const part of parts) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + part.text.length);
    if (from < to) out.push({ text: part.text.slice(from - at, to - at), match: part.match });
    at += part.text.length;
  }
  return out;
}

/**
 * A window of about `length` characters of highlighted text around its first match (its start when nothing matched),
 * cut only where a word starts or ends (Intl.Segmenter, which never breaks a grapheme cluster): a snippet never
 * begins on a floating tone mark nor ends inside a Thai word. Both engines crop with it.
 */
export function cropHighlighted(parts: Highlighted, length = 160): Highlighted {
  const text = parts.map((p) => p.text).join('');
  if (text.length <= length) return parts.filter((p) => p.text);
  let first = -1;
  let firstEnd = 0;
  let at = 0;
  for (const part of parts) {
    if (part.match && first < 0) [first, firstEnd] = [at, at + part.text.length];
    at += part.text.length;
  }
  let start = Math.max(0, Math.min(first - Math.floor(length / 3), text.length - length));
  let end = Math.min(text.length, start + length);
  const breaks = wordBoundaries(text, start, end);
  if (start > 0) start = breaks.filter((b) => b <= start).at(-1) ?? start;
  if (end < text.length) end = breaks.filter((b) => b <= end && b > start && b >= firstEnd).at(-1) ?? breaks.find((b) => b >= end) ?? text.length;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const out = sliceHighlighted(parts, start, end);
  if (start > 0) out.unshift({ text: '…', match: false });
  if (end < text.length) out.push({ text: '…', match: false });
  return out;
}

/** A window of about `length` characters around the first match, highlighted; the start of the text when none matches. */
export function snippet(text: string, needles: string[], length = 160): Highlighted {
  return cropHighlighted(highlight(text, needles), length);
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
