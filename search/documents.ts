// Catalog items and articles → search documents; and the catalog as content/ files and the database hold it, for reindexing.
import type BetterSqlite3 from 'better-sqlite3';
import type { Field } from '../src/lib/content/schemas/index.ts';
import { itemFacts, itemKey, type CatalogItem } from '../src/lib/content/types.ts';
import {
  mergeItems,
  readContentItems as readContentItemsIn,
  readDatabaseItems,
  readFields as readFieldsIn,
} from '../src/server/catalog/sources.ts';
import { markdownToText } from './text.ts';
import type { SearchDocument } from './types.ts';

/** Raise when what a document derives from an item or article changes: the next start reindexes everything. */
export const documentsVersion = 1;

/** Field slug → its names (Thai, English, specializations), so a field's name finds the items filed under it. */
export type FieldNames = ReadonlyMap<string, string[]>;

export function fieldNamesOf(fields: readonly Field[]): FieldNames {
  return new Map(
    fields.map((f) => [f.slug, [f.nameTh, f.nameEn, f.specializationTh, f.specializationEn].filter((n): n is string => Boolean(n))]),
  );
}

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];

/** The search document of a catalog item, or undefined when it must not be found (unpublished). */
export function catalogItemDocument(item: CatalogItem, fieldNames: FieldNames): SearchDocument | undefined {
  if (item.status !== 'published') return undefined;
  const facts = itemFacts(item);
  let summary: string | undefined;
  let keywords: string[] = [];
  let people: string[] = [];
  switch (item.type) {
    case 'ebooks':
      summary = item.data.summary;
      keywords = item.data.keywords;
      people = [...item.data.authors, item.data.publisher];
      break;
    case 'curricula':
      keywords = item.data.units.flatMap((u) => [u.nameTh, u.tpqiRef]).filter((k): k is string => Boolean(k));
      keywords.push(item.data.code);
      break;
    case 'courses':
      summary = item.data.summary;
      people = item.data.partner ? [item.data.partner] : [];
      break;
    case 'research':
      keywords = item.data.keywords;
      people = [...item.data.authors, item.data.institution];
      break;
    case 'experts':
      summary = item.data.titleTh;
      keywords = item.data.expertise;
      people = [item.data.organization];
      break;
  }
  return {
    id: itemKey(item),
    type: item.type,
    title: facts.titleTh,
    titleEn: facts.titleEn,
    summary,
    body: markdownToText(item.body),
    keywords: unique(keywords),
    people: unique(people),
    fields: facts.fields,
    fieldNames: unique(facts.fields.flatMap((slug) => fieldNames.get(slug) ?? [])),
    levels: facts.levels,
    lang: facts.language ?? 'th',
    year: facts.year,
    published: facts.published.toISOString().slice(0, 10),
  };
}

/** What the articles feature will hand over; only published articles become documents. */
export interface ArticleInput {
  slug: string;
  title: string;
  titleEn?: string;
  summary?: string;
  /** Markdown or plain text. */
  body: string;
  fields: string[];
  tags?: string[];
  author?: string;
  lang?: 'th' | 'en';
  published: Date;
  status: 'published' | 'draft' | 'unpublished';
}

export function articleDocument(article: ArticleInput, fieldNames: FieldNames): SearchDocument | undefined {
  if (article.status !== 'published') return undefined;
  return {
    id: `articles/${article.slug}`,
    type: 'articles',
    title: article.title,
    titleEn: article.titleEn,
    summary: article.summary,
    body: markdownToText(article.body),
    keywords: article.tags ?? [],
    people: article.author ? [article.author] : [],
    fields: article.fields,
    fieldNames: unique(article.fields.flatMap((slug) => fieldNames.get(slug) ?? [])),
    levels: [],
    lang: article.lang ?? 'th',
    published: article.published.toISOString().slice(0, 10),
  };
}

/** Listed articles as their published revision says (one article when `slug` is given), read without Astro. */
export function publishedArticleInputs(database: BetterSqlite3.Database, slug?: string): ArticleInput[] {
  const rows = database
    .prepare(
      `select a.slug, r.title, r.summary, r.text, r.fields, r.tags, u.name_th as author, r.published_at as published
       from articles a join article_revisions r on r.id = a.published_revision_id join users u on u.id = a.author_id
       where a.listed = 1 and (? is null or a.slug = ?)`,
    )
    .all(slug ?? null, slug ?? null) as { slug: string; title: string; summary: string; text: string; fields: string; tags: string; author: string; published: number }[];
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    summary: row.summary || undefined,
    body: row.text,
    fields: JSON.parse(row.fields) as string[],
    tags: JSON.parse(row.tags) as string[],
    author: row.author,
    published: new Date(row.published),
    status: 'published',
  }));
}

const contentRoot = new URL('../content/', import.meta.url).pathname;

/** The 101 fields of excellence from content/fields/fields.yaml. */
export const readFields = (root = contentRoot): Field[] => readFieldsIn(root);

/** The curated items in content/, read without Astro so the CLI can reindex on its own. */
export const readContentItems = (root = contentRoot): CatalogItem[] => readContentItemsIn(root);

/** Every search document of the catalog: content/ files, overridden or extended by database items when given. */
export function catalogDocuments(options: { root?: string; database?: BetterSqlite3.Database } = {}): SearchDocument[] {
  const root = options.root ?? contentRoot;
  const names = fieldNamesOf(readFields(root));
  const items = mergeItems(readContentItems(root), options.database ? readDatabaseItems(options.database) : []);
  const articles = options.database ? publishedArticleInputs(options.database).map((article) => articleDocument(article, names)) : [];
  return [...items.map((item) => catalogItemDocument(item, names)), ...articles].filter((d): d is SearchDocument => d !== undefined);
}
