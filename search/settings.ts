// Meilisearch index settings, kept in code and applied on every start (applying the same settings twice is a no-op).
import type { Settings } from 'meilisearch';
import { normalizeText } from './text.ts';
import { synonymGroups } from './vocabulary.ts';

/** Attributes in the order their matches rank (Meilisearch's `attribute` rule). */
export const searchableAttributes = ['title', 'titleEn', 'keywords', 'fieldNames', 'summary', 'people', 'body'];

/** Every member of a group finds the others. */
export function meilisearchSynonyms(groups: string[][] = synonymGroups): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    const members = group.map(normalizeText);
    for (const member of members) synonyms[member] = members.filter((m) => m !== member);
  }
  return synonyms;
}

export function meilisearchSettings(dictionary: string[]): Settings {
  return {
    searchableAttributes,
    displayedAttributes: ['*'],
    filterableAttributes: ['type', 'fields', 'levels', 'lang', 'year'],
    sortableAttributes: ['published', 'year'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: meilisearchSynonyms(),
    // Words Thai segmentation keeps whole; without them ช่างไฟฟ้ากำลัง is split ช่างไฟ|ฟ้า|กำลัง and ไฟฟ้า is not found.
    dictionary: [...new Set(dictionary.map(normalizeText))].sort(),
    // Thai text is segmented as Thai even when a document also holds English terms; the English title as English.
    localizedAttributes: [
      { attributePatterns: ['title', 'keywords', 'fieldNames', 'summary', 'people', 'body'], locales: ['tha', 'eng'] },
      { attributePatterns: ['titleEn'], locales: ['eng'] },
    ],
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: 1000 },
  };
}
