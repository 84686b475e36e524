// From what a person typed to the terms the embedded engine matches: synonym groups first, then segmented words.
import { Dictionary, hasThai, normalizeText, queryWords } from './text.ts';
import { synonymGroups } from './vocabulary.ts';

/** One thing the query asks for; a document matches it when it contains any alternative. */
export interface QueryTerm {
  alternatives: string[];
  /** The last word while typing: short alternatives match as word prefixes. */
  prefix: boolean;
}

/** Function words that find nearly every document; dropped unless nothing else is left. */
const stopWords = new Set([
  'การ', 'และ', 'ของ', 'ใน', 'ที่', 'ด้วย', 'เพื่อ', 'กับ', 'แบบ', 'ความ', 'เรื่อง', 'สำหรับ', 'หรือ', 'จาก', 'โดย', 'เป็น', 'ให้',
  'the', 'of', 'and', 'for', 'in', 'a', 'an', 'to', 'with', 'on',
]);

const normalizedGroups = synonymGroups
  .map((g) => g.map(normalizeText))
  .flatMap((group) => group.map((member) => ({ member, group })))
  .sort((a, b) => b.member.length - a.member.length);

const latinBoundary = (text: string, at: number, length: number) =>
  !/[a-z0-9]/.test(text[at - 1] ?? ' ') && !/[a-z0-9]/.test(text[at + length] ?? ' ');

/**
 * Thai pieces shorter than three characters joined to a neighbour: within what was typed without a space they are
 * adjacent anyway, and an unfinished word (มอเตอ, which ICU cuts มอ|เตอ) must stay one substring to be found.
 */
function joinShortThai(words: string[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const word of words) {
    const piece = carry + word;
    carry = '';
    if (hasThai(piece) && piece.length < 3) carry = piece;
    else out.push(piece);
  }
  if (carry) {
    if (out.length && hasThai(out.at(-1)!)) out[out.length - 1] += carry;
    else out.push(carry);
  }
  return out;
}

export function planQuery(query: string, dictionary: Dictionary): QueryTerm[] {
  let rest = normalizeText(query).replace(/\s+/g, ' ');
  const typingLastWord = !/\s$/.test(query);
  const groups: { at: number; alternatives: string[] }[] = [];
  // Synonyms may span spaces and hyphens ("work-based learning"), so they are found in the text before segmenting.
  for (const { member, group } of normalizedGroups) {
    for (let at = rest.indexOf(member); at >= 0; at = rest.indexOf(member, at + 1)) {
      if (!hasThai(member) && !latinBoundary(rest, at, member.length)) continue;
      groups.push({ at, alternatives: group });
      rest = rest.slice(0, at) + ' '.repeat(member.length) + rest.slice(at + member.length);
    }
  }
  // Words between the synonyms keep their position, so the last word typed is still known.
  const words: { at: number; alternatives: string[] }[] = [];
  for (const match of rest.matchAll(/\S+/g)) {
    let offset = 0;
    for (const word of joinShortThai(queryWords(match[0], dictionary))) {
      words.push({ at: match.index + offset, alternatives: [word] });
      offset += word.length;
    }
  }
  const all = [...groups, ...words].sort((a, b) => a.at - b.at);
  const meaningful = all.filter((t) => !(t.alternatives.length === 1 && stopWords.has(t.alternatives[0]!)));
  const kept = meaningful.length > 0 ? meaningful : all;
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  kept.forEach((t, i) => {
    const key = t.alternatives.join('|');
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ alternatives: [...new Set(t.alternatives)], prefix: typingLastWord && i === kept.length - 1 && t.alternatives.length === 1 });
  });
  return terms;
}

/** Every alternative of every term, for highlighting. */
export const planNeedles = (terms: QueryTerm[]) => terms.flatMap((t) => t.alternatives);
