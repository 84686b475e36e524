// The content types of the knowledge repository and the schema that validates each, wherever the item lives.
import {
  courseSchema,
  curriculumSchema,
  ebookSchema,
  expertSchema,
  researchSchema,
  type Course,
  type Curriculum,
  type Ebook,
  type Expert,
  type Level,
  type Research,
} from './schemas/index.ts';

export const contentTypes = ['ebooks', 'curricula', 'courses', 'research', 'experts'] as const;
export type ContentType = (typeof contentTypes)[number];

export function isContentType(value: unknown): value is ContentType {
  return contentTypes.includes(value as ContentType);
}

export const schemaFor = {
  ebooks: ebookSchema,
  curricula: curriculumSchema,
  courses: courseSchema,
  research: researchSchema,
  experts: expertSchema,
} as const;

export interface ItemDataByType {
  ebooks: Ebook;
  curricula: Curriculum;
  courses: Course;
  research: Research;
  experts: Expert;
}

/**
 * Where an item stands: published items are public; unpublished ones were withdrawn; drafts were saved by an admin
 * and never published yet. Only published items are shown to anyone but admins (the rest answer 404).
 */
export const itemStatuses = ['published', 'unpublished', 'draft'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** One item of the repository, whether it came from content/ or from the database. */
export type CatalogItem = {
  [T in ContentType]: {
    type: T;
    slug: string;
    data: ItemDataByType[T];
    /** Markdown. */
    body: string;
    source: 'file' | 'database';
    status: ItemStatus;
  };
}[ContentType];

/** What lists, filters and sorting need of any item, whatever its type. */
export interface ItemFacts {
  titleTh: string;
  titleEn?: string;
  levels: Level[];
  language?: 'th' | 'en';
  year?: number;
  published: Date;
  fields: string[];
}

export function itemFacts(item: CatalogItem): ItemFacts {
  const base = { published: item.data.published, fields: item.data.fields };
  switch (item.type) {
    case 'ebooks':
      return { ...base, titleTh: item.data.titleTh, titleEn: item.data.titleEn, levels: item.data.levels, language: item.data.language, year: item.data.year };
    case 'curricula':
      return { ...base, titleTh: item.data.nameTh, titleEn: item.data.nameEn, levels: [item.data.level], year: item.data.year };
    case 'courses':
      return { ...base, titleTh: item.data.titleTh, titleEn: item.data.titleEn, levels: item.data.audience.filter((a) => a !== 'public') };
    case 'research':
      return { ...base, titleTh: item.data.titleTh, titleEn: item.data.titleEn, levels: [], year: item.data.year };
    case 'experts':
      return { ...base, titleTh: item.data.nameTh, titleEn: item.data.nameEn, levels: [] };
  }
}

/** The key an item is counted and indexed under: `type/slug`. */
export const itemKey = (item: { type: ContentType; slug: string }) => `${item.type}/${item.slug}`;

export interface ItemAttachment {
  path: string;
  label: string;
  kind: 'pdf' | 'epub' | 'slides' | 'worksheet' | 'video' | 'other';
}

/** The files an item offers for download, whatever its type calls them. */
export function itemAttachments(item: CatalogItem): ItemAttachment[] {
  switch (item.type) {
    case 'ebooks':
      return item.data.files;
    case 'curricula':
      return item.data.document ? [{ path: item.data.document, label: item.data.nameTh, kind: 'pdf' }] : [];
    case 'research':
      return item.data.paper ? [{ path: item.data.paper, label: item.data.titleTh, kind: 'pdf' }] : [];
    default:
      return [];
  }
}
