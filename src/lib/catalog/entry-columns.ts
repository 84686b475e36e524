// What the catalog store keeps of an item besides its data: the columns lists filter, sort and count on; pure.
import { levels, type Level } from '../content/schemas/common.ts';
import { itemFacts, itemKey, type CatalogItem, type ContentType, type ItemStatus } from '../content/types.ts';
import { dayStamp } from '../metadata/xml.ts';

/** Titles in Thai dictionary order: leading vowels (เ แ โ ใ ไ) sort by the consonant after them; numbers by value. */
export const thaiOrder = new Intl.Collator('th', { sensitivity: 'base', numeric: true });

/** A level's bit in the `levels` column, so "has this level" is one AND. */
export const levelBit = (level: Level): number => 1 << levels.indexOf(level);

export interface EntryColumns {
  key: string;
  type: ContentType;
  slug: string;
  status: ItemStatus;
  titleTh: string;
  titleEn: string | null;
  published: number;
  day: string;
  year: number | null;
  language: string | null;
  levels: number;
  fields: string[];
}

export function entryColumns(item: CatalogItem): EntryColumns {
  const facts = itemFacts(item);
  return {
    key: itemKey(item),
    type: item.type,
    slug: item.slug,
    status: item.status,
    titleTh: facts.titleTh,
    titleEn: facts.titleEn ?? null,
    published: facts.published.getTime(),
    day: dayStamp(facts.published),
    year: facts.year ?? null,
    language: facts.language ?? null,
    levels: facts.levels.reduce((mask, level) => mask | levelBit(level), 0),
    fields: [...new Set(facts.fields)],
  };
}
