// The search service pages and the CLI use: Meilisearch when configured, the embedded SQLite engine always (as the
// default, and as the fallback that keeps searches answering when Meilisearch is down or slow).
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'astro/zod';
import { createMeilisearchEngine } from './engines/meilisearch.ts';
import { createSqliteEngine } from './engines/sqlite.ts';
import { createSearchLog, type SearchLog } from './log.ts';
import { createIndexingQueue, type IndexingQueue, type QueueOptions } from './queue.ts';
import { Dictionary } from './text.ts';
import {
  searchQuerySchema,
  type SearchDocument,
  type SearchEngine,
  type SearchQueryInput,
  type SearchResult,
  type Suggestion,
} from './types.ts';
import { domainDictionaryWords } from './vocabulary.ts';

export * from './types.ts';
export { articleDocument, catalogItemDocument, fieldNamesOf, type ArticleInput, type FieldNames } from './documents.ts';

const searchEnvSchema = z.object({
  MEILISEARCH_URL: z.url().optional(),
  MEILISEARCH_KEY: z.string().min(1).optional(),
  MEILISEARCH_INDEX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('catalog'),
  /** A Meilisearch search slower than this falls back to the embedded engine. */
  SEARCH_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
});
export type SearchEnv = z.infer<typeof searchEnvSchema>;

export function readSearchEnv(source: Record<string, string | undefined> = process.env): SearchEnv {
  const parsed = searchEnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new Error(`Invalid search configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

export interface SearchService {
  /** Never throws: a failing Meilisearch gives the embedded engine's results with `degraded: true`. */
  search(query: SearchQueryInput): Promise<SearchResult>;
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  /** Changes from the web UI; written within about a second, never blocking the request. */
  queue: IndexingQueue;
  /** Every engine emptied and filled with these documents; searches see the old set until the new one is whole. */
  reindex(documents: SearchDocument[]): Promise<void>;
  log: SearchLog;
  engines: { primary: SearchEngine; embedded: SearchEngine };
  close(): Promise<void>;
}

export interface SearchServiceOptions {
  /** The application's database (`openDatabase(path).$client`): the embedded index and the search log live there. */
  database: BetterSqlite3.Database;
  env?: SearchEnv;
  queue?: QueueOptions;
  /** Count searches in the search log (on by default). */
  recordSearches?: boolean;
  log?: (message: string) => void;
}

const timeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });

export function createSearchService(options: SearchServiceOptions): SearchService {
  const env = options.env ?? readSearchEnv();
  const log = options.log ?? ((message: string) => console.warn(message));
  const words = domainDictionaryWords();
  const embedded = createSqliteEngine({ database: options.database, dictionary: new Dictionary(words) });
  const meilisearch =
    env.MEILISEARCH_URL && env.MEILISEARCH_KEY
      ? createMeilisearchEngine({
          url: env.MEILISEARCH_URL,
          key: env.MEILISEARCH_KEY,
          index: env.MEILISEARCH_INDEX,
          dictionary: words,
          timeoutMs: env.SEARCH_TIMEOUT_MS,
          // The queue retries writes itself, and a search must fall back at once rather than wait for retries.
          retryDelaysMs: [],
          log,
        })
      : undefined;
  const primary = meilisearch ?? embedded;
  const searchLog = createSearchLog(options.database);
  const queue = createIndexingQueue(meilisearch ? [meilisearch, embedded] : [embedded], { log, ...options.queue });
  let prepared: Promise<void> | undefined;
  // Settings are applied once, lazily; a Meilisearch that is down now is tried again on the next search.
  const prepare = () =>
    (prepared ??= primary.prepare().catch((error: Error) => {
      prepared = undefined;
      throw error;
    }));

  async function search(input: SearchQueryInput): Promise<SearchResult> {
    const query = searchQuerySchema.parse(input);
    let result: SearchResult;
    try {
      if (primary === embedded) result = await embedded.search(query);
      else result = await timeout(prepare().then(() => primary.search(query)), env.SEARCH_TIMEOUT_MS);
    } catch (error) {
      if (primary !== embedded) log(`search: meilisearch failed, answering from the embedded index: ${(error as Error).message}`);
      try {
        result = { ...(await embedded.search(query)), degraded: primary !== embedded };
      } catch (fallbackError) {
        log(`search: the embedded index failed too: ${(fallbackError as Error).message}`);
        result = { hits: [], total: 0, page: query.page, perPage: query.perPage, facets: {}, engine: 'sqlite', degraded: true, tookMs: 0 };
      }
    }
    if (options.recordSearches !== false) {
      try {
        searchLog.record({ q: query.q, filters: query.filters, hits: result.total, engine: result.engine, degraded: result.degraded });
      } catch (error) {
        log(`search: could not count a search: ${(error as Error).message}`);
      }
    }
    return result;
  }

  return {
    search,
    async suggest(prefix, limit = 5) {
      try {
        return await timeout(prepare().then(() => primary.suggest(prefix, limit)), env.SEARCH_TIMEOUT_MS);
      } catch {
        return embedded.suggest(prefix, limit).catch(() => []);
      }
    },
    queue,
    async reindex(documents) {
      await embedded.replaceAll(documents);
      if (meilisearch) await meilisearch.replaceAll(documents);
    },
    log: searchLog,
    engines: { primary, embedded },
    async close() {
      await queue.close();
    },
  };
}
