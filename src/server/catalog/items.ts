// What each field holds: the items of every content type, summarized the same way whatever their type.
import { getCollection } from 'astro:content';

export const contentTypes = ['ebooks', 'curricula', 'courses', 'research', 'experts'] as const;
export type ContentType = (typeof contentTypes)[number];

export interface ItemSummary {
  type: ContentType;
  id: string;
  titleTh: string;
  titleEn?: string;
  fields: string[];
  published: Date;
}

async function listItems(type: ContentType): Promise<ItemSummary[]> {
  const entries = await getCollection(type);
  return entries.map(({ id, data }) => ({
    type,
    id,
    // Curricula and experts have names, the other types titles.
    ...('nameTh' in data ? { titleTh: data.nameTh, titleEn: data.nameEn } : { titleTh: data.titleTh, titleEn: data.titleEn }),
    fields: data.fields,
    published: data.published,
  }));
}

export interface Holding {
  type: ContentType;
  count: number;
  latest: ItemSummary[];
}

/** For one field: how many items of each type it holds, and the newest few. */
export async function fieldHoldings(fieldSlug: string, latestCount = 3): Promise<Holding[]> {
  return Promise.all(
    contentTypes.map(async (type) => {
      const items = (await listItems(type))
        .filter((item) => item.fields.includes(fieldSlug))
        .sort((a, b) => b.published.getTime() - a.published.getTime());
      return { type, count: items.length, latest: items.slice(0, latestCount) };
    }),
  );
}

/** How many items of any type each field holds, by field slug. */
export async function itemCountsByField(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const type of contentTypes) {
    for (const item of await listItems(type)) {
      for (const slug of item.fields) counts.set(slug, (counts.get(slug) ?? 0) + 1);
    }
  }
  return counts;
}
