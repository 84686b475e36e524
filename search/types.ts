// The one search interface both engines implement: what goes in (documents, queries) and what comes out.
import { z } from 'astro/zod';

/**
 * A search document: one catalog item or article flattened into text the engines index.
 * `type` is open (the CLI indexes evaluation corpora of any type); the catalog uses its content types plus 'articles'.
 * Only published items become documents, so a search can never show a draft.
 */
export const searchDocumentSchema = z.object({
  id: z.string().min(1).max(400),
  type: z.string().min(1),
  title: z.string().default(''),
  titleEn: z.string().optional(),
  summary: z.string().optional(),
  body: z.string().default(''),
  keywords: z.array(z.string()).default([]),
  /** Authors, expert names, organizations. */
  people: z.array(z.string()).default([]),
  /** Field-of-excellence slugs, for filtering and facets. */
  fields: z.array(z.string()).default([]),
  /** Those fields' names in Thai and English, so a field's name finds its items. */
  fieldNames: z.array(z.string()).default([]),
  levels: z.array(z.string()).default([]),
  lang: z.string().default('th'),
  year: z.number().int().optional(),
  /** ISO date. */
  published: z.string().optional(),
});
export type SearchDocument = z.output<typeof searchDocumentSchema>;
export type SearchDocumentInput = z.input<typeof searchDocumentSchema>;

/** The facets every result counts; `fields` and `levels` are multi-valued. */
export const facetNames = ['type', 'fields', 'levels', 'lang', 'year'] as const;
export type FacetName = (typeof facetNames)[number];

export const maxPerPage = 50;

export const searchQuerySchema = z.object({
  q: z.string().max(200).default(''),
  /** Each filter keeps documents having any of the values; filters combine with AND. */
  filters: z
    .object({
      type: z.array(z.string()).optional(),
      fields: z.array(z.string()).optional(),
      levels: z.array(z.string()).optional(),
      lang: z.array(z.string()).optional(),
      year: z.array(z.number().int()).optional(),
    })
    .default({}),
  page: z.number().int().min(1).default(1),
  perPage: z.number().int().min(1).max(maxPerPage).default(10),
  /** Facet counts cost time; suggestions and batch evaluation turn them off. */
  facets: z.boolean().default(true),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** Highlighted text as plain segments, so a page renders it without HTML from the index. */
export type Highlighted = { text: string; match: boolean }[];

export interface SearchHit {
  id: string;
  type: string;
  title: string;
  titleEn?: string;
  fields: string[];
  levels: string[];
  lang: string;
  year?: number;
  published?: string;
  highlight: { title: Highlighted; snippet: Highlighted };
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching documents (an estimate from Meilisearch above 1000). */
  total: number;
  page: number;
  perPage: number;
  /** Per facet, value → count among the matches (filters of that facet left out, so the UI can offer the others). */
  facets: Partial<Record<FacetName, Record<string, number>>>;
  engine: EngineName;
  /** True when the preferred engine failed and these results came from the fallback: they may be incomplete. */
  degraded: boolean;
  /** Why, when degraded: Meilisearch did not answer, or it lost its index and is being refilled from the catalog. */
  degradedBecause?: 'unanswered' | 'rebuilding';
  /** A corrected query when the words as typed found nothing ("did you mean"). */
  suggestion?: string;
  tookMs: number;
}

export interface Suggestion {
  id: string;
  type: string;
  title: string;
  highlight: Highlighted;
}

export type EngineName = 'meilisearch' | 'sqlite';

export interface SearchEngine {
  readonly name: EngineName;
  /** Create tables or apply index settings; idempotent. */
  prepare(): Promise<void>;
  /** Replace everything the index holds with these documents; searches see the old set until the new one is whole. */
  replaceAll(documents: SearchDocument[]): Promise<void>;
  /** Add or replace documents by id. */
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQueryInput): Promise<SearchResult>;
  /** Few fast prefix matches on titles, for search-as-you-type. */
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}
