// The production engine: Meilisearch through its official client. Writes are awaited and retried; a full reindex
// fills a fresh index and swaps it in, so searches never see an empty or half-filled index.
import { Meilisearch, type Settings, type Task } from 'meilisearch';
import { meilisearchSettings } from '../settings.ts';
import { meilisearchErrorCode, nodeHttpClient } from './http.ts';
import { cropHighlighted, hasThai } from '../text.ts';
import {
  facetNames,
  searchQuerySchema,
  type Highlighted,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQueryInput,
  type Suggestion,
} from '../types.ts';

const pre = '\u0001';
const post = '\u0002';

/** Meilisearch ids allow only [A-Za-z0-9_-]; catalog ids are `type/slug`, so the index's key is the id in base64url. */
export const meilisearchKey = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

type StoredDocument = SearchDocument & { key: string };

// Thai vowels and marks written above or below a consonant; they belong to the syllable before them.
const trailingMarks = /^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+/;

/**
 * Text with highlight markers → plain segments. Meilisearch's Thai tokenizer drops ุ ู ์ at the end of a token
 * (charabia #371), so a match on คอมพิวเตอร์ is marked คอมพิวเตอร|์: the marks after a match are moved into it.
 */
export function segments(text: string | undefined): Highlighted {
  if (!text) return [];
  const out: Highlighted = [];
  const push = (segment: { text: string; match: boolean }) => {
    const last = out.at(-1);
    if (last && last.match === segment.match) last.text += segment.text;
    else out.push(segment);
  };
  for (const part of text.split(pre)) {
    const end = part.indexOf(post);
    let plain = end < 0 ? part : part.slice(end + 1);
    if (end > 0) {
      const marks = trailingMarks.exec(plain)?.[0] ?? '';
      push({ text: part.slice(0, end) + marks, match: true });
      plain = plain.slice(marks.length);
    }
    if (plain) push({ text: plain, match: false });
  }
  return out;
}

const quoteFilter = (value: string | number) => (typeof value === 'number' ? String(value) : JSON.stringify(value));

export interface MeilisearchEngineOptions {
  url: string;
  key: string;
  /** Index uid; tests give each suite its own. */
  index?: string;
  /** Words segmentation keeps whole (`domainDictionaryWords`). */
  dictionary: string[];
  /** Settings to apply instead of ours; the benchmark's baseline passes {} for Meilisearch's defaults. */
  settings?: Settings;
  /** A search slower than this fails, so the caller can fall back. */
  timeoutMs?: number;
  /** Which words a document may lack when none has them all (Meilisearch's default is 'last'). */
  matchingStrategy?: 'last' | 'all' | 'frequency';
  /** Pauses before retrying a failed write; the indexing queue retries on its own, so it may pass none. */
  retryDelaysMs?: number[];
  log?: (message: string) => void;
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine & { client: Meilisearch; indexUid: string } {
  const indexUid = options.index ?? 'catalog';
  const log = options.log ?? ((message: string) => console.warn(message));
  const client = new Meilisearch({ host: options.url, apiKey: options.key, timeout: options.timeoutMs ?? 2000, httpClient: nodeHttpClient });
  const settings = options.settings ?? meilisearchSettings(options.dictionary);
  // Indexing a large batch can take minutes; the wait is not bounded by the search timeout.
  const waitOptions = { timeout: 600_000, interval: 50 };

  async function settle(promise: { waitTask: (o: typeof waitOptions) => Promise<Task> }, what: string): Promise<Task> {
    const task = await promise.waitTask(waitOptions);
    if (task.status !== 'succeeded') throw new Error(`meilisearch ${what} ${task.status}: ${task.error?.message ?? 'no reason given'}`);
    return task;
  }

  /** Writes are retried a few times with growing pauses, each failure logged. */
  const retryDelays = options.retryDelaysMs ?? [1000, 4000];
  async function retried<T>(what: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        const pause = retryDelays[attempt];
        log(`search: meilisearch ${what} failed (attempt ${attempt + 1}): ${(error as Error).message}`);
        if (pause === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  async function ensureIndex(uid: string) {
    try {
      await client.getIndex(uid);
    } catch {
      await settle(client.createIndex(uid, { primaryKey: 'key' }), `create index ${uid}`);
    }
    await settle(client.index(uid).updateSettings(settings), `settings of ${uid}`);
  }

  const stored = (docs: SearchDocument[]): StoredDocument[] => docs.map((d) => ({ ...d, key: meilisearchKey(d.id) }));

  async function addAll(uid: string, docs: SearchDocument[]) {
    const index = client.index<StoredDocument>(uid);
    for (let i = 0; i < docs.length; i += 10_000) {
      await settle(index.addDocuments(stored(docs.slice(i, i + 10_000)), { primaryKey: 'key' }), `add documents to ${uid}`);
    }
  }

  async function search(input: SearchQueryInput) {
    const started = performance.now();
    const query = searchQuerySchema.parse(input);
    const filter = facetNames
      .filter((f) => query.filters[f]?.length)
      .map((f) => `${f} IN [${query.filters[f]!.map(quoteFilter).join(', ')}]`);
    const response = await client.index<StoredDocument>(indexUid).search(query.q, {
      filter,
      facets: query.facets ? [...facetNames] : undefined,
      page: query.page,
      hitsPerPage: query.perPage,
      sort: query.q.trim() ? undefined : ['published:desc'],
      attributesToRetrieve: ['id', 'type', 'title', 'titleEn', 'fields', 'levels', 'lang', 'year', 'published'],
      // Whole texts, cropped here: Meilisearch crops at its own tokens, which split Thai words (…่องยนต์สันดา).
      attributesToHighlight: ['title', 'summary', 'body'],
      highlightPreTag: pre,
      highlightPostTag: post,
      locales: hasThai(query.q) ? ['tha'] : undefined,
      matchingStrategy: options.matchingStrategy,
    });
    const hits: SearchHit[] = response.hits.map((hit) => {
      const f = hit._formatted ?? {};
      const summary = f.summary as string | undefined;
      const text = summary?.includes(pre) || !f.body ? summary : (f.body as string);
      return {
        id: hit.id,
        type: hit.type,
        title: hit.title,
        titleEn: hit.titleEn,
        fields: hit.fields,
        levels: hit.levels,
        lang: hit.lang,
        year: hit.year,
        published: hit.published,
        highlight: { title: segments((f.title as string | undefined) ?? hit.title), snippet: cropHighlighted(segments(text)) },
      };
    });
    const facets: Record<string, Record<string, number>> = {};
    for (const [facet, counts] of Object.entries(response.facetDistribution ?? {})) if (Object.keys(counts).length) facets[facet] = counts;
    return {
      hits,
      total: response.totalHits ?? hits.length,
      page: query.page,
      perPage: query.perPage,
      facets,
      engine: 'meilisearch' as const,
      degraded: false,
      tookMs: performance.now() - started,
    };
  }

  return {
    name: 'meilisearch',
    client,
    indexUid,
    async prepare() {
      await retried('prepare', () => ensureIndex(indexUid));
    },
    async replaceAll(documents) {
      await retried('full reindex', async () => {
        await ensureIndex(indexUid);
        const fresh = `${indexUid}_reindex_${Date.now()}`;
        await ensureIndex(fresh);
        try {
          await addAll(fresh, documents);
          await settle(client.swapIndexes([{ indexes: [indexUid, fresh], rename: false }]), 'swap');
        } finally {
          // After the swap `fresh` holds the old documents; on failure the half-filled new ones. Either way it goes.
          await settle(client.deleteIndex(fresh), `delete ${fresh}`).catch((error: Error) => log(`search: ${error.message}`));
        }
      });
    },
    async upsert(documents) {
      if (documents.length) await retried('upsert', () => addAll(indexUid, documents));
    },
    async remove(ids) {
      if (ids.length) await retried('remove', () => settle(client.index(indexUid).deleteDocuments(ids.map(meilisearchKey)), 'remove'));
    },
    search,
    async suggest(prefix, limit = 5): Promise<Suggestion[]> {
      if (!prefix.trim()) return [];
      const response = await client.index<StoredDocument>(indexUid).search(prefix, {
        limit,
        attributesToRetrieve: ['id', 'type', 'title'],
        attributesToHighlight: ['title'],
        highlightPreTag: pre,
        highlightPostTag: post,
        locales: hasThai(prefix) ? ['tha'] : undefined,
      });
      return response.hits.map((h) => ({ id: h.id, type: h.type, title: h.title, highlight: segments((h._formatted?.title as string) ?? h.title) }));
    },
    async count() {
      try {
        return (await client.index(indexUid).getStats()).numberOfDocuments;
      } catch (error) {
        if (meilisearchErrorCode(error) === 'index_not_found') return 0;
        throw error;
      }
    },
    async close() {},
  };
}

/**
 * A key that can only search this index, for a browser that talks to Meilisearch directly; made once, then reused.
 * The server otherwise proxies searches and the browser never sees any key.
 */
export async function searchOnlyKey(client: Meilisearch, indexUid: string): Promise<string> {
  const name = `search-only-${indexUid}`;
  const existing = (await client.getKeys({ limit: 1000 })).results.find((k) => k.name === name);
  if (existing) return existing.key;
  const created = await client.createKey({ name, description: 'search only, for browsers', actions: ['search'], indexes: [indexUid], expiresAt: null });
  return created.key;
}
