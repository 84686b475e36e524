// The search service: fallback when Meilisearch is down or hangs, the indexing queue, the search log.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createMeilisearchEngine, searchOnlyKey } from '../../search/engines/meilisearch.ts';
import { createSearchService, readSearchEnv, type SearchService } from '../../search/index.ts';
import { createIndexingQueue } from '../../search/queue.ts';
import { searchDocumentSchema } from '../../search/types.ts';
import { startMeilisearch, type RunningMeilisearch } from '../helpers/meilisearch.ts';
import { freePort, tempDir } from '../helpers/server.ts';

const docs = [
  { id: 'ebooks/diesel', type: 'ebooks', title: 'งานบริการเครื่องยนต์ดีเซลคอมมอนเรล', body: 'หัวฉีดและปั๊มแรงดันสูง', fields: ['mechanical-technology'] },
  { id: 'ebooks/plc', type: 'ebooks', title: 'ระบบควบคุมแบบโปรแกรมได้ PLC', body: 'แลดเดอร์ไดอะแกรม', fields: ['electrical-technology'] },
].map((d) => searchDocumentSchema.parse(d));

const dir = tempDir('ic-search-service-');
const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
let meilisearch: RunningMeilisearch;
let hanging: Server;
let hangingPort: number;
const messages: string[] = [];
const log = (m: string) => messages.push(m);

beforeAll(async () => {
  meilisearch = await startMeilisearch();
  // A peer that accepts connections and never answers: a Meilisearch that is "slow".
  hanging = createServer(() => {});
  hangingPort = await freePort();
  await new Promise<void>((resolve) => hanging.listen(hangingPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  hanging?.close();
  await meilisearch?.stop();
  dir.remove();
});

/** The application database the service lives in, migrated as the launcher does. */
function migratedDatabase(path: string) {
  const db = openDatabase(path);
  migrateDatabase(db);
  return db.$client;
}

function service(name: string, env: Record<string, string>): SearchService {
  return createSearchService({ database: migratedDatabase(`${dir.path}/${name}.db`), env: readSearchEnv(env), log, queue: { delayMs: 50 } });
}

describe('search service with Meilisearch', () => {
  let search: SearchService;
  beforeAll(async () => {
    search = service('up', { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key, MEILISEARCH_INDEX: 'service' });
    await search.reindex(docs);
  });
  afterAll(() => search.close());

  it('answers from Meilisearch, not degraded', async () => {
    const result = await search.search({ q: 'ดีเซล' });
    expect(result).toMatchObject({ engine: 'meilisearch', degraded: false });
    expect(result.hits[0]?.id).toBe('ebooks/diesel');
  });

  it('makes an item created, edited or unpublished on the web findable or gone within 5 seconds, in both engines', async () => {
    const started = Date.now();
    search.queue.upsert(searchDocumentSchema.parse({ id: 'courses/ev', type: 'courses', title: 'ช่างยานยนต์ไฟฟ้า', fields: ['ev'] }));
    expect(search.queue.pending()).toEqual({ meilisearch: 1, sqlite: 1 });
    await search.queue.flush();
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await search.search({ q: 'ยานยนต์ไฟฟ้า' })).hits[0]?.id).toBe('courses/ev');
    expect((await search.engines.embedded.search({ q: 'ยานยนต์ไฟฟ้า' })).hits[0]?.id).toBe('courses/ev');

    search.queue.remove('courses/ev');
    await search.queue.flush();
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await search.search({ q: 'ยานยนต์ไฟฟ้า' })).total).toBe(0);
    expect((await search.engines.embedded.search({ q: 'ยานยนต์ไฟฟ้า' })).total).toBe(0);
  });

  it('skips a full reindex when the index already holds the catalog, and refills a Meilisearch that lost documents', async () => {
    const fresh = service('unchanged', { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key, MEILISEARCH_INDEX: 'unchanged' });
    expect(await fresh.reindexIfChanged(docs)).toBe(true);
    expect(await fresh.reindexIfChanged(docs)).toBe(false);
    const edited = [docs[0]!, { ...docs[1]!, title: 'ระบบควบคุมแบบโปรแกรมได้ PLC ฉบับปรับปรุง' }];
    expect(await fresh.reindexIfChanged(edited)).toBe(true);
    expect((await fresh.search({ q: 'ฉบับปรับปรุง' })).total).toBe(1);

    const client = new Meilisearch({ host: meilisearch.url, apiKey: meilisearch.key });
    await client.index('unchanged').deleteAllDocuments().waitTask();
    expect(await fresh.reindexIfChanged(edited)).toBe(false);
    expect(await fresh.engines.primary.count()).toBe(2);
    await fresh.close();
  });

  it('adds imported documents in batches to both engines, and keeps the index whole under the catalog key only when it was', async () => {
    const fresh = service('imported', { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key, MEILISEARCH_INDEX: 'imported' });
    let read = 0;
    const catalog = () => (read++, docs);
    expect(await fresh.reindexIfChanged(catalog, 'version 1')).toBe(true);
    expect(await fresh.reindexIfChanged(catalog, 'version 1')).toBe(false);
    expect(read).toBe(1);

    const imported = Array.from({ length: 5 }, (_, i) =>
      searchDocumentSchema.parse({ id: `ebooks/imported-${i}`, type: 'ebooks', title: `คู่มือหุ่นยนต์อุตสาหกรรม เล่ม ${i}`, fields: ['robotics'] }),
    );
    await fresh.addDocuments(imported, { batchSize: 2, catalogKey: { before: 'version 1', after: 'version 2' } });
    expect((await fresh.engines.embedded.search({ q: 'หุ่นยนต์อุตสาหกรรม' })).total).toBe(5);
    expect((await fresh.search({ q: 'หุ่นยนต์อุตสาหกรรม' })).total).toBe(5);
    expect(await fresh.reindexIfChanged(catalog, 'version 2')).toBe(false);
    expect(read).toBe(1);

    // An index that did not hold the catalog under the key before is not declared whole after: the next start rebuilds.
    await fresh.addDocuments(imported.slice(0, 1), { catalogKey: { before: 'version 7', after: 'version 8' } });
    expect(await fresh.reindexIfChanged(catalog, 'version 8')).toBe(true);
    expect(read).toBe(2);
    await fresh.close();
  });

  it('makes a key that can search the index and nothing else', async () => {
    const engine = search.engines.primary as ReturnType<typeof createMeilisearchEngine>;
    const key = await searchOnlyKey(engine.client, 'service');
    expect(await searchOnlyKey(engine.client, 'service')).toBe(key);
    const browser = new Meilisearch({ host: meilisearch.url, apiKey: key });
    expect((await browser.index('service').search('ดีเซล')).hits).toHaveLength(1);
    await expect(browser.index('service').addDocuments([{ key: 'x' }])).rejects.toThrow();
  });

  it('counts each search without personal data, and lists those that found nothing', async () => {
    await search.search({ q: 'หุ่นยนต์ใต้น้ำ' });
    await search.search({ q: '  หุ่นยนต์ใต้น้ำ ' });
    await search.search({ q: 'PLC', filters: { fields: ['electrical-technology'] } });
    const since = new Date(Date.now() - 60_000);
    expect(search.log.searchesWithoutResults(since)).toContainEqual(expect.objectContaining({ query: 'หุ่นยนต์ใต้น้ำ', searches: 2 }));
    expect(search.log.popularSearches(since)).toContainEqual(expect.objectContaining({ query: 'plc', lastHits: 1 }));
  });
});

describe('search results kept in memory', () => {
  /** An embedded-only service whose engine counts the searches it answers. */
  function counted(name: string) {
    const search = service(name, {});
    const engine = search.engines.embedded;
    const answer = engine.search.bind(engine);
    const asked = { count: 0 };
    engine.search = (query) => (asked.count++, answer(query));
    return { search, asked };
  }

  it('answers a search asked again from memory, and every search still counts in the log', async () => {
    const { search, asked } = counted('cached');
    await search.reindex(docs);
    const first = await search.search({ q: 'PLC' });
    const again = await search.search({ q: 'PLC' });
    expect(again).toEqual(first);
    expect(asked.count).toBe(1);
    await search.search({ q: 'PLC', page: 2 });
    await search.search({ q: 'PLC', filters: { fields: ['electrical-technology'] } });
    expect(asked.count).toBe(3);
    // Asked at once, one answer from the engine for both.
    const [a, b] = await Promise.all([search.search({ q: 'ดีเซล' }), search.search({ q: 'ดีเซล' })]);
    expect(a).toBe(b);
    expect(asked.count).toBe(4);
    expect(search.log.popularSearches(new Date(Date.now() - 60_000))).toContainEqual(expect.objectContaining({ query: 'plc', searches: 4 }));

    const engine = search.engines.embedded;
    const suggest = engine.suggest.bind(engine);
    let suggested = 0;
    engine.suggest = (prefix, limit) => (suggested++, suggest(prefix, limit));
    expect(await search.suggest('ระบบควบ')).toEqual(await search.suggest('ระบบควบ'));
    expect(suggested).toBe(1);
    await search.close();
  });

  it('never gives out an answer from before a change, whether written here or by another process', async () => {
    const { search, asked } = counted('cached-fresh');
    await search.reindex(docs);
    expect((await search.search({ q: 'ยานยนต์ไฟฟ้า' })).total).toBe(0);
    search.queue.upsert(searchDocumentSchema.parse({ id: 'courses/ev', type: 'courses', title: 'ช่างยานยนต์ไฟฟ้า', fields: ['ev'] }));
    await search.queue.flush();
    expect((await search.search({ q: 'ยานยนต์ไฟฟ้า' })).hits.map((h) => h.id)).toEqual(['courses/ev']);

    // A second server process on the same database file (a cluster worker) unpublishes it.
    const other = service('cached-fresh', {});
    await other.engines.embedded.remove(['courses/ev']);
    expect((await search.search({ q: 'ยานยนต์ไฟฟ้า' })).total).toBe(0);
    expect(asked.count).toBe(3);
    await other.close();
    await search.close();
  });

  it('keeps its answers and facet values when another connection commits elsewhere, and sees another process index at once', async () => {
    const database = `${dir.path}/cached-version.db`;
    const client = migratedDatabase(database);
    // Facet values are loaded by one statement over search_facets: count how often the service's connection makes it.
    const facetLoads = { count: 0 };
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => (sql.includes('select rowid, facet, value from search_facets') && facetLoads.count++, prepare(sql))) as typeof client.prepare;
    const search = createSearchService({ database: client, env: readSearchEnv({}), log, queue: { delayMs: 50 } });
    const engine = search.engines.embedded;
    const answer = engine.search.bind(engine);
    const asked = { count: 0 };
    engine.search = (query) => (asked.count++, answer(query));
    await search.reindex(docs);
    const own = openDatabase(database).$client;
    expect((await search.search({ q: 'PLC' })).total).toBe(1);
    expect(asked.count).toBe(1);
    expect(facetLoads.count).toBe(1);

    // A progress post, a session, the catalog's bookkeeping, another worker's search-log batch: commits by other
    // connections to tables the index does not hold (each raised pragma data_version, which the caches were keyed by).
    own.prepare("insert or replace into catalog_meta (key, value) values ('version', '42')").run();
    own.prepare("insert into search_log (at, query, filters, hits, engine, degraded) values (0, 'x', '{}', 0, 'sqlite', 0)").run();
    expect((await search.search({ q: 'PLC' })).total).toBe(1);
    expect(asked.count).toBe(1);
    expect((await search.search({ q: 'ดีเซล' })).total).toBe(1);
    expect(asked.count).toBe(2);
    expect(facetLoads.count).toBe(1);

    // Another process (the search CLI, as an import or a second server would) replaces the index: seen at the next search.
    writeFileSync(`${dir.path}/other.jsonl`, JSON.stringify({ id: 'courses/ev', type: 'courses', title: 'ช่างยานยนต์ไฟฟ้า PLC', fields: ['ev'] }));
    await run(process.execPath, ['search/cli.ts', 'index', '--jsonl', `${dir.path}/other.jsonl`, '--engine', 'sqlite'], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: database, MEILISEARCH_URL: '', MEILISEARCH_KEY: '' },
    });
    const after = await search.search({ q: 'PLC' });
    expect(after.hits.map((h) => h.id)).toEqual(['courses/ev']);
    expect(after.facets.fields).toEqual({ ev: 1 });
    expect(facetLoads.count).toBe(2);
    expect((await search.search({ q: 'ดีเซล' })).total).toBe(0);
    own.close();
    await search.close();
  });

  it('writes counted searches in batches, and the ones still waiting when the service closes', async () => {
    const search = service('log-batches', {});
    await search.reindex(docs);
    const rows = openDatabase(`${dir.path}/log-batches.db`).$client.prepare("select count(*) from search_log where query = 'plc'").pluck();
    await search.search({ q: 'PLC' });
    await search.search({ q: 'PLC' });
    expect(rows.get()).toBe(0);
    await expect.poll(() => rows.get(), { timeout: 5000 }).toBe(2);
    await search.search({ q: 'PLC' });
    await search.close();
    expect(rows.get()).toBe(3);
  });
});

describe('search service when Meilisearch fails', () => {
  it('falls back to the embedded index when Meilisearch is down, flagging the results', async () => {
    const port = await freePort();
    const search = service('down', { MEILISEARCH_URL: `http://127.0.0.1:${port}`, MEILISEARCH_KEY: 'k', SEARCH_TIMEOUT_MS: '2000' });
    await search.engines.embedded.replaceAll(docs);
    const result = await search.search({ q: 'PLC' });
    expect(result).toMatchObject({ engine: 'sqlite', degraded: true });
    expect(result.hits[0]?.id).toBe('ebooks/plc');
    expect(await search.suggest('ระบบควบ')).toHaveLength(1);
    expect(messages.some((m) => m.includes('answering from the embedded index'))).toBe(true);
  });

  it('falls back when Meilisearch does not answer in time', async () => {
    const search = service('slow', { MEILISEARCH_URL: `http://127.0.0.1:${hangingPort}`, MEILISEARCH_KEY: 'k', SEARCH_TIMEOUT_MS: '300' });
    await search.engines.embedded.replaceAll(docs);
    const started = Date.now();
    const result = await search.search({ q: 'ดีเซล' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ engine: 'sqlite', degraded: true, total: 1 });
  });

  it('retries a failed write, logs each failure, and gives up after the last retry', async () => {
    const port = await freePort();
    const down = createMeilisearchEngine({ url: `http://127.0.0.1:${port}`, key: 'k', dictionary: [], retryDelaysMs: [], log });
    const queue = createIndexingQueue([down], { delayMs: 10, retryDelaysMs: [10, 10], log });
    queue.upsert(docs[0]!);
    await queue.flush();
    expect(messages.filter((m) => m.includes('failed, retrying')).length).toBeGreaterThanOrEqual(2);
    expect(messages.some((m) => m.includes('gave up writing 1 change(s) to meilisearch'))).toBe(true);
    await queue.close();
  }, 60_000);
});

describe('search service when Meilisearch loses its data', () => {
  /** Search until Meilisearch itself answers again, or give up after `ms`; every answer meanwhile must find the item. */
  async function searchUntilHealed(search: SearchService, ms: number) {
    const answers = [];
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const result = await search.search({ q: 'ดีเซล' });
      answers.push(result);
      expect(result.hits.map((h) => h.id)).toEqual(['ebooks/diesel']);
      if (!result.degraded) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return answers;
  }

  /** A service over its own database that rebuilds from `docs`, and what it logged. */
  function healing(name: string, server: RunningMeilisearch, index: string) {
    const heard: string[] = [];
    const search = createSearchService({
      database: migratedDatabase(`${dir.path}/${name}.db`),
      env: readSearchEnv({ MEILISEARCH_URL: server.url, MEILISEARCH_KEY: server.key, MEILISEARCH_INDEX: index }),
      catalog: () => docs,
      log: (m) => heard.push(m),
      // A kept answer from before the loss would be given out (right, and not degraded) until the index changes or
      // it ages out; these tests watch what the engines do, so every search here asks them.
      cachedResults: 0,
    });
    return { search, heard };
  }

  it('rebuilds a deleted index from the catalog in the background, saying why meanwhile', async () => {
    const { search, heard } = healing('heal-deleted', meilisearch, 'heal_deleted');
    await search.reindex(docs);
    expect(await search.search({ q: 'ดีเซล' })).toMatchObject({ engine: 'meilisearch', degraded: false });
    const client = new Meilisearch({ host: meilisearch.url, apiKey: meilisearch.key });
    await client.deleteIndex('heal_deleted').waitTask();

    const answers = await searchUntilHealed(search, 10_000);
    expect(answers[0]).toMatchObject({ engine: 'sqlite', degraded: true, degradedBecause: 'rebuilding' });
    expect(answers.at(-1)).toMatchObject({ engine: 'meilisearch', degraded: false });
    expect(heard.some((m) => m.includes('is missing (index_not_found); rebuilding it from the catalog'))).toBe(true);
    expect(heard.some((m) => m.includes('rebuilt with 2 documents'))).toBe(true);
    expect(heard.some((m) => m.includes('did not answer') || m.includes('answering from the embedded index'))).toBe(false);
    expect(await search.engines.primary.count()).toBe(2);
    await search.close();
  });

  it('refills a Meilisearch restarted on an empty data directory', async () => {
    const own = await startMeilisearch();
    const url = new URL(own.url);
    const { search, heard } = healing('heal-restarted', own, 'catalog');
    let restarted: RunningMeilisearch | undefined;
    try {
      await search.reindex(docs);
      expect(await search.search({ q: 'ดีเซล' })).toMatchObject({ engine: 'meilisearch', degraded: false });
      await own.stop();
      restarted = await startMeilisearch({ port: Number(url.port), key: own.key });

      const answers = await searchUntilHealed(search, 10_000);
      expect(answers.some((a) => a.degradedBecause === 'rebuilding')).toBe(true);
      expect(answers.at(-1)).toMatchObject({ engine: 'meilisearch', degraded: false });
      expect(heard.some((m) => m.includes('rebuilding it from the catalog in the background'))).toBe(true);
    } finally {
      await search.close();
      await restarted?.stop();
    }
  });
});
