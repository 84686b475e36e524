// Paging is a view of one result: on both engines, for any query and page size, every page reports the same total,
// pages never share a hit, and together they hold exactly `total` documents. Property-tested over the demo catalog.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJudgedQueries } from '../../bench/search/quality.ts';
import { catalogDocuments } from '../../search/documents.ts';
import type { SearchEngine, SearchQueryInput } from '../../search/types.ts';
import { useSearchEngines } from '../helpers/search-engines.ts';

const documents = catalogDocuments();
// Queries as teachers type them (the benchmark's judged set), plus words and pieces of titles, so both strict and
// loose plans (every word, some words, a spelling correction) are met.
const titleWords = [...new Set(documents.flatMap((d) => d.title.split(/\s+/)).filter((w) => w.length >= 2))];
const queries = [...new Set([...readJudgedQueries().map((q) => q.q), ...titleWords, 'ไฟฟ้า', 'ไฟฟ้า ยานยนต์', 'การ', 'มอเตอร์ ดีเซล'])];

const both = useSearchEngines('paging');
const engines: [string, () => SearchEngine][] = [
  ['sqlite', () => both.sqlite()],
  // Large results are ordered in tiers rather than ranked one by one; with the limit at 0 every result is.
  ['sqlite, tiers', () => both.sqlite({ rankOneByOneUpTo: 0 })],
  ['sqlite, two-thread reindex', () => both.sqlite({ parallelBuildFrom: 1 })],
  ['meilisearch', () => both.meilisearch()],
];

/** Every page of a query, in order, with the totals each reported. */
async function allPages(engine: SearchEngine, query: SearchQueryInput, perPage: number) {
  const first = await engine.search({ ...query, perPage, page: 1, facets: false });
  const pages = [first];
  const last = Math.ceil(first.total / perPage);
  for (let page = 2; page <= last + 1; page++) pages.push(await engine.search({ ...query, perPage, page, facets: false }));
  return pages;
}

describe.each(engines)('paging on %s', (_name, make) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = make();
    await engine.prepare();
    await engine.replaceAll(documents);
  });

  it('gives ไฟฟ้า one total on every page, and every match on exactly one page', async () => {
    const pages = await allPages(engine, { q: 'ไฟฟ้า' }, 10);
    const total = pages[0]!.total;
    expect(total).toBeGreaterThan(10);
    expect(pages.map((p) => p.total)).toEqual(pages.map(() => total));
    const ids = pages.flatMap((p) => p.hits.map((h) => h.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(total);
  });

  it('keeps totals equal, pages disjoint and their union whole, for any query, filter and page size', async () => {
    const types = [...new Set(documents.map((d) => d.type))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.constantFrom(...types), { nil: undefined }),
        async (q, perPage, type) => {
          const pages = await allPages(engine, { q, filters: type ? { type: [type] } : {} }, perPage);
          const total = pages[0]!.total;
          for (const page of pages) expect(page.total, `${q} per ${perPage}`).toBe(total);
          const ids = pages.flatMap((p) => p.hits.map((h) => h.id));
          expect(new Set(ids).size, `${q} per ${perPage}: a hit on two pages`).toBe(ids.length);
          expect(ids.length, `${q} per ${perPage}: pages hold all of the total`).toBe(total);
          expect(pages.at(-1)!.hits).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  }, 120_000);
});
