// Catalog items and articles → search documents; and the catalog as content/ files hold it, for the CLI's reindex.
import type BetterSqlite3 from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fieldSchema, type Field } from '../src/lib/content/schemas/index.ts';
import { contentTypes, itemFacts, itemKey, schemaFor, type CatalogItem } from '../src/lib/content/types.ts';
import { markdownToText } from './text.ts';
import type { SearchDocument } from './types.ts';

/** Field slug → its names (Thai, English, specializations), so a field's name finds the items filed under it. */
export type FieldNames = ReadonlyMap<string, string[]>;

export function fieldNamesOf(fields: readonly Field[]): FieldNames {
  return new Map(
    fields.map((f) => [f.slug, [f.nameTh, f.nameEn, f.specializationTh, f.specializationEn].filter((n): n is string => Boolean(n))]),
  );
}

/**
 * The fields' Thai names as extra dictionary words, the way the server opens its search service, so that an index
 * built by the CLI segments text exactly as the server's queries do.
 */
export function fieldDictionaryWords(fields: readonly Field[]): string[] {
  return fields.flatMap((f) => [f.nameTh, f.specializationTh]).filter((n): n is string => Boolean(n));
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

const contentRoot = new URL('../content/', import.meta.url).pathname;

/** The 101 fields of excellence from content/fields/fields.yaml. */
export function readFields(root = contentRoot): Field[] {
  const raw = parse(readFileSync(join(root, 'fields/fields.yaml'), 'utf8')) as unknown[];
  return raw.map((f) => fieldSchema.parse(f));
}

/**
 * The curated items in content/, validated by their schemas, read without Astro so the CLI can reindex on its own.
 * The server's catalog (src/server/catalog) merges these with database items and calls `catalogItemDocument` alike.
 */
export function readContentItems(root = contentRoot): CatalogItem[] {
  const items: CatalogItem[] = [];
  for (const type of contentTypes) {
    const dir = join(root, type);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.mdx?$/.test(n));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`content/${type}/${name} has no frontmatter`);
      const parsed = schemaFor[type].safeParse(parse(match[1]!));
      if (!parsed.success) throw new Error(`content/${type}/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      items.push({ type, slug: name.replace(/\.mdx?$/, ''), data: parsed.data, body: match[2]!, source: 'file', status: 'published' } as CatalogItem);
    }
  }
  return items;
}

/**
 * Items admins created or edited on the web (the catalog_items table), valid ones only; none before that table's
 * migration has run. A row with a file's type and slug overrides the file, as in the server's catalog.
 */
export function readDatabaseItems(db: BetterSqlite3.Database): CatalogItem[] {
  const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'catalog_items'").get();
  if (!table) return [];
  const rows = db.prepare('select type, slug, data, body, status from catalog_items').all() as {
    type: CatalogItem['type']; slug: string; data: string; body: string; status: CatalogItem['status'];
  }[];
  return rows.flatMap((row) => {
    const parsed = schemaFor[row.type]?.safeParse(JSON.parse(row.data));
    return parsed?.success ? [{ type: row.type, slug: row.slug, data: parsed.data, body: row.body, source: 'database', status: row.status } as CatalogItem] : [];
  });
}

/** Every search document of the catalog: content/ files, overridden or extended by database items when given. */
export function catalogDocuments(options: { root?: string; database?: BetterSqlite3.Database } = {}): SearchDocument[] {
  const root = options.root ?? contentRoot;
  const names = fieldNamesOf(readFields(root));
  const items = new Map(readContentItems(root).map((item) => [itemKey(item), item]));
  for (const item of options.database ? readDatabaseItems(options.database) : []) items.set(itemKey(item), item);
  return [...items.values()].map((item) => catalogItemDocument(item, names)).filter((d): d is SearchDocument => d !== undefined);
}
