// The search service pages and the CLI use: Meilisearch when configured, the embedded SQLite engine always (as the
// default, and as the fallback that keeps searches answering when Meilisearch is down or slow).
import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import { meilisearchErrorCode } from './engines/http.ts';
import { createMeilisearchEngine } from './engines/meilisearch.ts';
import { createSqliteEngine } from './engines/sqlite.ts';
import { createSearchLog, type SearchLog } from './log.ts';
import { createIndexingQueue, type IndexingQueue, type QueueOptions } from './queue.ts';
import { createResultCache } from './result-cache.ts';
import { Dictionary } from './text.ts';
import {
  searchQuerySchema,
  type SearchDocument,
  type SearchEngine,
  type SearchQuery,
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
  /**
   * The same, unless the embedded index already holds exactly these documents, segmented with the same dictionary
   * (a fingerprint kept with it); Meilisearch is then refilled only when its count differs from the embedded index's.
   * True when it reindexed. With `catalogKey` (something that changes whenever the documents would, such as the
   * catalog's version), the fingerprint is taken from it and the documents are read only when a reindex is needed.
   */
  reindexIfChanged(documents: SearchDocument[] | (() => SearchDocument[]), catalogKey?: string): Promise<boolean>;
  /**
   * Add or replace these documents in every engine, `batchSize` at a time (one transaction each in the embedded
   * engine): what an import does instead of a full reindex. When the index held the whole catalog as `catalogKey.before`
   * says, it is then marked as holding it as `catalogKey.after`, so the next start does not reindex.
   */
  addDocuments(documents: SearchDocument[], options?: { batchSize?: number; catalogKey?: { before: string; after: string } }): Promise<void>;
  log: SearchLog;
  engines: { primary: SearchEngine; embedded: SearchEngine };
  close(): Promise<void>;
}

export interface SearchServiceOptions {
  /** The application's database (`openDatabase(path).$client`): the embedded index and the search log live there. */
  database: BetterSqlite3.Database;
  env?: SearchEnv;
  queue?: QueueOptions;
  /**
   * The catalog's documents, read when Meilisearch turns out empty or without its index (a new data directory, a
   * lost volume): it is then refilled from them in the background. Without it such a Meilisearch stays degraded.
   */
  catalog?: () => SearchDocument[];
  /** Count searches in the search log (on by default). */
  recordSearches?: boolean;
  /** Results kept in memory for searches asked again (500 by default; 0 turns the cache off). */
  cachedResults?: number;
  log?: (message: string) => void;
}

/**
 * Make `engine`'s writes call `changed` as they start and as they end, so that results read before, during and after
 * a write belong to different versions of the index. The engine is changed in place (its methods are plain functions).
 */
function watchWrites<E extends SearchEngine>(engine: E, changed: (phase: 'start' | 'end') => void): E {
  for (const method of ['replaceAll', 'upsert', 'remove'] as const) {
    const write = engine[method] as (...args: unknown[]) => Promise<void>;
    (engine as Record<typeof method, unknown>)[method] = async (...args: unknown[]) => {
      changed('start');
      try {
        await write.apply(engine, args);
      } finally {
        changed('end');
      }
    };
  }
  return engine;
}

/**
 * How long a fallback answer (Meilisearch down, slow or rebuilding) is given out again: long enough that a stopped
 * Meilisearch is not waited for by every visitor, short enough that its return is noticed within seconds.
 */
const degradedKeptMs = 5_000;

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
  // Every write to an engine through this service (the indexing queue, reindexing, imports) makes a new version of
  // the index here as it starts and as it ends; every process's writes raise the embedded index's version (kept in
  // the database), which another commit (progress, sessions, the search log) leaves as it is. Results are cached
  // per version.
  let writes = 0;
  const changed = () => void writes++;
  const indexVersion = () => `${writes} ${embedded.version()}`;
  const results = createResultCache<SearchResult>({ entries: options.cachedResults ?? 500 });
  // Titles offered while typing: asked at every keystroke, by fewer distinct prefixes than searches.
  const suggestions = createResultCache<{ suggestions: Suggestion[]; degraded: boolean }>({ entries: options.cachedResults ?? 500 });
  const embedded = watchWrites(createSqliteEngine({ database: options.database, dictionary: new Dictionary(words), log }), changed);
  /** After a write to Meilisearch: raise the shared version too, so other processes drop what they answered from it. */
  const meilisearchChanged = (phase: 'start' | 'end') => {
    changed();
    if (phase === 'end') {
      try {
        embedded.touch();
      } catch (error) {
        log(`search: could not mark the index changed for other processes: ${(error as Error).message}`);
      }
    }
  };
  const meilisearch =
    env.MEILISEARCH_URL && env.MEILISEARCH_KEY
      ? watchWrites(createMeilisearchEngine({
          url: env.MEILISEARCH_URL,
          key: env.MEILISEARCH_KEY,
          index: env.MEILISEARCH_INDEX,
          dictionary: words,
          timeoutMs: env.SEARCH_TIMEOUT_MS,
          // The queue retries writes itself, and a search must fall back at once rather than wait for retries.
          retryDelaysMs: [],
          log,
        }), meilisearchChanged)
      : undefined;
  const primary = meilisearch ?? embedded;
  const searchLog = createSearchLog(options.database);
  const queue = createIndexingQueue(meilisearch ? [meilisearch, embedded] : [embedded], { log, ...options.queue });
  let rebuilding: Promise<void> | undefined;
  /** Refill an empty or missing Meilisearch index from the catalog, once at a time; searches meanwhile stay embedded. */
  function rebuild(reason: string) {
    if (!meilisearch || rebuilding) return;
    if (!options.catalog) {
      log(`search: meilisearch index ${env.MEILISEARCH_INDEX} ${reason}; run npm run search:reindex to refill it`);
      return;
    }
    const catalog = options.catalog;
    log(`search: meilisearch index ${env.MEILISEARCH_INDEX} ${reason}; rebuilding it from the catalog in the background`);
    const started = performance.now();
    rebuilding = (async () => {
      const documents = catalog();
      await meilisearch.replaceAll(documents);
      log(`search: meilisearch index ${env.MEILISEARCH_INDEX} rebuilt with ${documents.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s; searches answer from it again`);
    })()
      .catch((error: Error) => log(`search: rebuilding the meilisearch index failed, will try again: ${error.message}`))
      .finally(() => {
        rebuilding = undefined;
        prepared = undefined;
      });
  }

  /** Deleted, or Meilisearch restarted on an empty data directory: its settings and documents are gone. */
  function rebuildWhenMissing(error: unknown) {
    if (meilisearchErrorCode(error) !== 'index_not_found') return;
    prepared = undefined;
    rebuild('is missing (index_not_found)');
  }

  /** An empty Meilisearch beside a filled embedded index has lost its data (new data directory, lost volume). */
  async function checkNotEmpty() {
    if (meilisearch && (await meilisearch.count()) === 0 && (await embedded.count()) > 0) rebuild('is empty');
  }

  let prepared: Promise<void> | undefined;
  // Settings are applied once, lazily, and Meilisearch's contents checked; a Meilisearch that is down now is tried
  // again on the next search.
  const prepare = () =>
    (prepared ??= primary
      .prepare()
      .then(checkNotEmpty)
      .catch((error: Error) => {
        prepared = undefined;
        throw error;
      }));

  // When a search finds nothing, whether Meilisearch is empty is checked again, at most this often.
  let emptyCheckedAt = 0;
  async function meilisearchSearch(query: SearchQuery): Promise<SearchResult> {
    await prepare();
    if (rebuilding) throw new Error('its index is being rebuilt');
    const result = await primary.search(query);
    if (result.total === 0 && Date.now() - emptyCheckedAt > 10_000) {
      emptyCheckedAt = Date.now();
      await checkNotEmpty();
      if (rebuilding) throw new Error('its index is empty');
    }
    return result;
  }

  async function search(input: SearchQueryInput): Promise<SearchResult> {
    const query = searchQuerySchema.parse(input);
    const result =
      options.cachedResults === 0
        ? await answer(query)
        : await results.get(JSON.stringify(query), indexVersion, () => answer(query), (made) => (made.degraded ? degradedKeptMs : Number.POSITIVE_INFINITY));
    if (options.recordSearches !== false) {
      try {
        searchLog.record({ q: query.q, filters: query.filters, hits: result.total, engine: result.engine, degraded: result.degraded });
      } catch (error) {
        log(`search: could not count a search: ${(error as Error).message}`);
      }
    }
    return result;
  }

  /** The engines' answer to one search: Meilisearch's, or the embedded index's when Meilisearch fails or is slow. */
  async function answer(query: SearchQuery): Promise<SearchResult> {
    let result: SearchResult;
    try {
      if (primary === embedded) result = await embedded.search(query);
      else result = await timeout(meilisearchSearch(query), env.SEARCH_TIMEOUT_MS);
    } catch (error) {
      rebuildWhenMissing(error);
      const because = rebuilding ? 'rebuilding' : 'unanswered';
      if (primary !== embedded && because === 'unanswered') log(`search: meilisearch failed, answering from the embedded index: ${(error as Error).message}`);
      try {
        result = { ...(await embedded.search(query)), degraded: primary !== embedded, ...(primary !== embedded && { degradedBecause: because }) };
      } catch (fallbackError) {
        log(`search: the embedded index failed too: ${(fallbackError as Error).message}`);
        result = { hits: [], total: 0, page: query.page, perPage: query.perPage, facets: {}, engine: 'sqlite', degraded: true, degradedBecause: 'unanswered', tookMs: 0 };
      }
    }
    return result;
  }

  /** What an index built from these documents with this dictionary holds, hashed: equal means nothing to rebuild. */
  function fingerprintOf(documents: SearchDocument[]): string {
    const hash = createHash('sha256').update(JSON.stringify(words));
    for (const document of documents) hash.update(JSON.stringify(document)).update('\n');
    return hash.digest('base64url');
  }
  /** The same from a key that stands for the catalog's documents, without reading them. */
  const fingerprintOfKey = (key: string) => createHash('sha256').update(JSON.stringify(words)).update(`\ncatalog ${key}`).digest('base64url');

  async function reindex(documents: SearchDocument[], fingerprint = fingerprintOf(documents)) {
    await embedded.replaceAll(documents, fingerprint);
    if (meilisearch) await meilisearch.replaceAll(documents);
  }

  return {
    search,
    async suggest(prefix, limit = 5) {
      const answer = async () => {
        try {
          if (rebuilding) throw new Error('its index is being rebuilt');
          return { suggestions: await timeout(prepare().then(() => primary.suggest(prefix, limit)), env.SEARCH_TIMEOUT_MS), degraded: false };
        } catch (error) {
          rebuildWhenMissing(error);
          return { suggestions: await embedded.suggest(prefix, limit).catch(() => []), degraded: primary !== embedded };
        }
      };
      if (options.cachedResults === 0) return (await answer()).suggestions;
      const made = await suggestions.get(`${limit} ${prefix}`, indexVersion, answer, (m) => (m.degraded ? degradedKeptMs : Number.POSITIVE_INFINITY));
      return made.suggestions;
    },
    queue,
    reindex,
    async reindexIfChanged(source, catalogKey) {
      let documents = typeof source === 'function' ? undefined : source;
      const read = () => (documents ??= (source as () => SearchDocument[])());
      const fingerprint = catalogKey === undefined ? fingerprintOf(read()) : fingerprintOfKey(catalogKey);
      if (embedded.fingerprint() !== fingerprint) {
        // At start a Meilisearch that is down or too slow to take the documents must not keep the site from
        // starting: the embedded index answers meanwhile, and the next start (or search:reindex) fills it.
        await embedded.replaceAll(read(), fingerprint);
        if (meilisearch) {
          try {
            await meilisearch.replaceAll(read());
          } catch (error) {
            log(`search: meilisearch could not be filled, the embedded index answers until it is: ${(error as Error).message}`);
          }
        }
        return true;
      }
      if (meilisearch) {
        let held: number | undefined;
        try {
          held = await meilisearch.count();
        } catch (error) {
          log(`search: meilisearch did not answer, left as it is: ${(error as Error).message}`);
        }
        if (held !== undefined && held !== (await embedded.count())) {
          try {
            await meilisearch.replaceAll(read());
          } catch (error) {
            log(`search: meilisearch could not be refilled, the embedded index answers until it is: ${(error as Error).message}`);
          }
        }
      }
      return false;
    },
    async addDocuments(documents, { batchSize = 1000, catalogKey } = {}) {
      const wasWhole = catalogKey !== undefined && embedded.fingerprint() === fingerprintOfKey(catalogKey.before);
      for (let i = 0; i < documents.length; i += batchSize) await embedded.upsert(documents.slice(i, i + batchSize));
      if (meilisearch) {
        for (let i = 0; i < documents.length; i += 10 * batchSize) await meilisearch.upsert(documents.slice(i, i + 10 * batchSize));
      }
      if (wasWhole) embedded.setFingerprint(fingerprintOfKey(catalogKey.after));
    },
    log: searchLog,
    engines: { primary, embedded },
    async close() {
      await rebuilding;
      await queue.close();
      searchLog.flush();
    },
  };
}
