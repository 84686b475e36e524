// A full reindex on two threads (the trigram table built by a worker into a scratch file, its FTS5 shadow tables then
// copied in) must give the same index as one built row by row on one thread: the same hits, totals and facet counts
// for every query, FTS5's own integrity-check passing, and later writes landing on it as on any other index.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocuments } from '../../bench/search/corpus.ts';
import { readJudgedQueries } from '../../bench/search/quality.ts';
import { createSqliteEngine, type SqliteEngine } from '../../search/engines/sqlite.ts';
import { Dictionary } from '../../search/text.ts';
import type { SearchDocument, SearchQueryInput } from '../../search/types.ts';
import { domainDictionaryWords } from '../../search/vocabulary.ts';
import { tempDir } from '../helpers/server.ts';

const dir = tempDir('ic-parallel-build-');
const dictionary = new Dictionary(domainDictionaryWords());
const generated = generateDocuments(1000, 7);
// Two documents with one id: the last one wins, in its place.
const documents: SearchDocument[] = [...generated, { ...generated[10]!, title: 'คู่มือซ่อมบำรุงเครื่องจักร ฉบับ Zanzibarite' }];

const queries: SearchQueryInput[] = [
  ...readJudgedQueries().map((q) => ({ q: q.q })),
  { q: 'ไฟฟ้า', page: 3 },
  { q: 'ไฟ' },
  { q: 'zanzibarite' },
  { q: '', filters: { type: ['ebooks'] } },
  { q: 'เครื่องยนต์', filters: { levels: ['hvc'] }, page: 2 },
];

function open(name: string, parallelBuildFrom: number) {
  const database = new Database(`${dir.path}/${name}.db`);
  database.pragma('journal_mode = WAL');
  return { database, engine: createSqliteEngine({ database, dictionary, parallelBuildFrom }) };
}

function integrityCheck(database: Database.Database) {
  for (const table of ['search_text', 'search_words']) database.prepare(`insert into ${table} (${table}) values ('integrity-check')`).run();
}

async function answers(engine: SqliteEngine) {
  return Promise.all(
    queries.map(async (query) => {
      const { hits, total, facets, suggestion } = await engine.search({ ...query, facets: true });
      return { q: query.q, ids: hits.map((h) => h.id), total, facets, suggestion };
    }),
  );
}

describe('a full reindex on two threads', () => {
  const serial = open('serial', Infinity);
  const parallel = open('parallel', 1);
  beforeAll(async () => {
    await serial.engine.replaceAll(documents, 'fingerprint');
    await parallel.engine.replaceAll(documents, 'fingerprint');
  });
  afterAll(() => {
    serial.database.close();
    parallel.database.close();
    dir.remove();
  });

  it('builds the trigram table in a worker and copies it in', () => {
    const report = parallel.engine.lastBuild();
    expect(report).toMatchObject({ parallel: true, documents: generated.length, worker: { ok: true, rows: generated.length } });
    expect(serial.engine.lastBuild()).toMatchObject({ parallel: false, documents: generated.length });
    expect(parallel.engine.fingerprint()).toBe('fingerprint');
    // Nothing of the worker's file is left attached.
    expect(parallel.database.prepare('pragma database_list').all().map((d) => (d as { name: string }).name)).toEqual(['main']);
  });

  it('passes FTS5 integrity-check', () => {
    integrityCheck(parallel.database);
    // Another connection (another process, as the server's is) reads the copied index as well.
    const other = new Database(`${dir.path}/parallel.db`, { readonly: true });
    try {
      expect(other.prepare(`select count(*) as n from search_text where search_text match '"ซ่อมบำรุง"'`).get()).toEqual(
        serial.database.prepare(`select count(*) as n from search_text where search_text match '"ซ่อมบำรุง"'`).get(),
      );
    } finally {
      other.close();
    }
  });

  it('gives the same hits, totals and facet counts as the one-thread build', async () => {
    const expected = await answers(serial.engine);
    expect(expected.filter((a) => a.total > 0).length).toBeGreaterThan(queries.length / 2);
    expect(await answers(parallel.engine)).toEqual(expected);
    expect((await parallel.engine.search({ q: 'zanzibarite' })).hits.map((h) => h.id)).toEqual([generated[10]!.id]);
  });

  it('takes later writes as an index built row by row does', async () => {
    const changed = documents.slice(0, 50).map((d) => ({ ...d, title: `${d.title} xylophonist` }));
    const removed = documents.slice(100, 150).map((d) => d.id);
    for (const { engine } of [serial, parallel]) {
      await engine.upsert(changed);
      await engine.remove(removed);
    }
    integrityCheck(parallel.database);
    expect((await parallel.engine.search({ q: 'xylophonist' })).total).toBe(50);
    expect(await answers(parallel.engine)).toEqual(await answers(serial.engine));
  });

  it('leaves no scratch file behind, and removes one left by a process that died', async () => {
    expect(readdirSync(dir.path).filter((name) => name.includes('search-build'))).toEqual([]);
    // No process has this id (above the kernel's largest pid).
    mkdirSync(`${dir.path}/parallel.db-search-build-99999999-abc123`);
    mkdirSync(`${dir.path}/other.db-search-build-99999999-abc123`);
    await parallel.engine.replaceAll(documents.slice(0, 5));
    expect(readdirSync(dir.path).filter((name) => name.includes('search-build'))).toEqual(['other.db-search-build-99999999-abc123']);
  });

  it('replaces a built index whole, again on two threads', async () => {
    const fewer = generated.slice(0, 500);
    await serial.engine.replaceAll(fewer);
    await parallel.engine.replaceAll(fewer);
    expect(parallel.engine.lastBuild()?.parallel).toBe(true);
    integrityCheck(parallel.database);
    expect(await parallel.engine.count()).toBe(500);
    expect(await answers(parallel.engine)).toEqual(await answers(serial.engine));
  });
});
