// The embedded engine: SQLite FTS5 in the application's database file, with a trigram index so any Thai word inside
// a compound is found, and a column of segmented words for queries shorter than three characters.
import type BetterSqlite3 from 'better-sqlite3';
import { planNeedles, planQuery, type QueryTerm } from '../query-plan.ts';
import { Dictionary, highlight, normalizeText, segmentWords, snippet } from '../text.ts';
import {
  facetNames,
  searchQuerySchema,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchQueryInput,
  type SearchResult,
  type Suggestion,
} from '../types.ts';

// Derived tables, rebuilt by a reindex: created here, idempotently, not by migrations (docs/decisions).
const schema = `
create table if not exists search_documents (
  rowid integer primary key,
  id text not null unique,
  doc text not null
);
create table if not exists search_facets (
  rowid integer not null,
  facet text not null,
  value text not null
);
create index if not exists search_facets_by_value on search_facets (facet, value, rowid);
create index if not exists search_facets_by_rowid on search_facets (rowid);
create virtual table if not exists search_text using fts5 (
  title, keywords, body, words,
  tokenize = 'trigram', content = '', contentless_delete = 1
);
create virtual table if not exists search_words using fts5 (
  words,
  tokenize = "unicode61 categories 'L* N* Co M*'", content = '', contentless_delete = 1
);
create virtual table if not exists search_vocabulary using fts5vocab (search_words, 'row');
`;

// Title matches count most, then keywords (with field names, authors), then the text; `words` only serves short terms.
const weights = 'bm25(search_text, 10.0, 4.0, 1.0, 1.0)';
const textColumns = '{title keywords body}';

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The FTS5 expression for one alternative, or undefined when it is too short to match anything. */
function alternativeExpression(alternative: string, prefix: boolean): string | undefined {
  if (alternative.length >= 3) return `${textColumns} : ${quote(alternative)}`;
  // `words` holds each distinct word between spaces, so " ai " is the whole word and " ไฟ" any word starting so.
  if (prefix) return alternative.length === 2 ? `{words} : ${quote(` ${alternative}`)}` : undefined;
  return `{words} : ${quote(` ${alternative} `)}`;
}

function termExpression(term: QueryTerm): string | undefined {
  const parts = term.alternatives.map((a) => alternativeExpression(a, term.prefix)).filter((e): e is string => Boolean(e));
  return parts.length ? `(${parts.join(' OR ')})` : undefined;
}

function facetRows(doc: SearchDocument): [FacetName, string][] {
  return [
    ['type', doc.type],
    ['lang', doc.lang],
    ...(doc.year === undefined ? [] : ([['year', String(doc.year)]] as [FacetName, string][])),
    ...[...new Set(doc.fields)].map((v): [FacetName, string] => ['fields', v]),
    ...[...new Set(doc.levels)].map((v): [FacetName, string] => ['levels', v]),
  ];
}

/** Damerau-free edit distance, stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

export interface SqliteEngineOptions {
  /** The raw better-sqlite3 handle (`openDatabase(path).$client`). */
  database: BetterSqlite3.Database;
  dictionary: Dictionary;
}

export function createSqliteEngine({ database: db, dictionary }: SqliteEngineOptions): SearchEngine {
  db.exec(schema);
  const statements = {
    rowidOf: db.prepare<[string], { rowid: number }>('select rowid from search_documents where id = ?'),
    insertDoc: db.prepare('insert into search_documents (id, doc) values (?, ?)'),
    insertFacet: db.prepare('insert into search_facets (rowid, facet, value) values (?, ?, ?)'),
    insertText: db.prepare('insert into search_text (rowid, title, keywords, body, words) values (?, ?, ?, ?, ?)'),
    insertWords: db.prepare('insert into search_words (rowid, words) values (?, ?)'),
    deleteDoc: db.prepare('delete from search_documents where rowid = ?'),
    deleteFacets: db.prepare('delete from search_facets where rowid = ?'),
    deleteText: db.prepare('delete from search_text where rowid = ?'),
    deleteWords: db.prepare('delete from search_words where rowid = ?'),
    count: db.prepare<[], { n: number }>('select count(*) as n from search_documents'),
    hasWord: db.prepare<[string], { term: string }>('select term from search_vocabulary where term = ?'),
    wordsOfLength: db.prepare<[number, number], { term: string; doc: number }>(
      'select term, doc from search_vocabulary where length(term) between ? and ?',
    ),
  };

  function removeRow(rowid: number) {
    statements.deleteDoc.run(rowid);
    statements.deleteFacets.run(rowid);
    statements.deleteText.run(rowid);
    statements.deleteWords.run(rowid);
  }

  function insert(doc: SearchDocument) {
    const existing = statements.rowidOf.get(doc.id);
    if (existing) removeRow(existing.rowid);
    const { lastInsertRowid } = statements.insertDoc.run(doc.id, JSON.stringify(doc));
    const rowid = Number(lastInsertRowid);
    for (const [facet, value] of facetRows(doc)) statements.insertFacet.run(rowid, facet, value);
    const title = [doc.title, doc.titleEn].filter(Boolean).join('\n');
    const keywords = [...doc.keywords, ...doc.fieldNames, ...doc.people].join('\n');
    const body = [doc.summary, doc.body].filter(Boolean).join('\n');
    const words = [...new Set(segmentWords(normalizeText(`${title} ${keywords} ${body}`), dictionary))].join(' ');
    statements.insertText.run(rowid, title, keywords, body, ` ${words} `);
    statements.insertWords.run(rowid, words);
  }

  const upsertMany = db.transaction((docs: SearchDocument[]) => docs.forEach(insert));
  const replaceEverything = db.transaction((docs: SearchDocument[]) => {
    db.exec(`delete from search_documents; delete from search_facets;
      insert into search_text (search_text) values ('delete-all'); insert into search_words (search_words) values ('delete-all');`);
    docs.forEach(insert);
  });
  const removeMany = db.transaction((ids: string[]) => {
    for (const id of ids) {
      const row = statements.rowidOf.get(id);
      if (row) removeRow(row.rowid);
    }
  });

  /** SQL conditions on `rowid` for the filters, with their parameters. */
  function filterSql(filters: SearchQuery['filters']): { sql: string; params: string[] } {
    const clauses: string[] = [];
    const params: string[] = [];
    for (const facet of facetNames) {
      const values = filters[facet];
      if (!values?.length) continue;
      clauses.push(`rowid in (select rowid from search_facets where facet = '${facet}' and value in (${values.map(() => '?').join(', ')}))`);
      params.push(...values.map(String));
    }
    return { sql: clauses.map((c) => ` and ${c}`).join(''), params };
  }

  /** A better-spelled query when some of its words are not in the index at all, or undefined. */
  function correction(terms: QueryTerm[]): string | undefined {
    let changed = false;
    const words = terms.map((term) => {
      const word = term.alternatives[0]!;
      if (term.alternatives.length > 1 || word.length < 4 || statements.hasWord.get(word)) return word;
      const max = word.length >= 8 ? 2 : 1;
      let best: { term: string; distance: number; doc: number } | undefined;
      for (const candidate of statements.wordsOfLength.all(word.length - max, word.length + max)) {
        const distance = editDistance(word, candidate.term, max);
        if (distance <= max && (!best || distance < best.distance || (distance === best.distance && candidate.doc > best.doc))) {
          best = { ...candidate, distance };
        }
      }
      if (!best) return word;
      changed = true;
      return best.term;
    });
    return changed ? words.join(' ') : undefined;
  }

  function run(query: SearchQuery, started: number): SearchResult {
    const terms = planQuery(query.q, dictionary);
    const expressions = terms.map(termExpression).filter((e): e is string => Boolean(e));
    const filter = filterSql(query.filters);
    const empty: SearchResult = { hits: [], total: 0, page: query.page, perPage: query.perPage, facets: {}, engine: 'sqlite', degraded: false, tookMs: 0 };
    const offset = (query.page - 1) * query.perPage;
    let rows: { rowid: number; doc: string }[];
    let matchSql: string;
    let matchParams: unknown[];

    if (expressions.length === 0) {
      const q = normalizeText(query.q).trim();
      if (q && terms.length === 0) return { ...empty, tookMs: performance.now() - started };
      // An empty query (browsing with filters) or a single character: newest first, titles starting with it.
      const titleFilter = q ? ` and lower(json_extract(doc, '$.title')) like ? escape '\\'` : '';
      const titleParam = q ? [`${q.replace(/[%_\\]/g, '\\$&')}%`] : [];
      matchSql = `select rowid from search_documents where 1${titleFilter}${filter.sql}`;
      matchParams = [...titleParam, ...filter.params];
      rows = db
        .prepare(`select rowid, doc from search_documents where rowid in (${matchSql}) order by json_extract(doc, '$.published') desc, rowid limit ? offset ?`)
        .all(...matchParams, query.perPage, offset) as typeof rows;
    } else {
      const all = expressions.join(' AND ');
      const any = expressions.join(' OR ');
      // Like Meilisearch, documents having some of the words follow those having all of them.
      if (!db.prepare(`select rowid from search_text where search_text match ?${filter.sql} limit 1`).get(any, ...filter.params)) {
        const corrected = correction(terms);
        if (corrected && corrected !== query.q) {
          const result = run({ ...query, q: corrected }, started);
          if (result.total > 0) return { ...result, suggestion: corrected };
        }
        return { ...empty, tookMs: performance.now() - started };
      }
      matchSql = `select rowid from search_text where search_text match ?${filter.sql}`;
      matchParams = [any, ...filter.params];
      const allFirst = expressions.length > 1 ? '(rowid not in (select rowid from search_text where search_text match ?))' : '0';
      rows = db
        .prepare(
          `select d.rowid, d.doc from (select rowid, ${allFirst} as partial, ${weights} as score from search_text
             where search_text match ?${filter.sql} order by partial, score limit ? offset ?) m
           join search_documents d on d.rowid = m.rowid order by m.partial, m.score`,
        )
        .all(...(expressions.length > 1 ? [all] : []), any, ...filter.params, query.perPage, offset) as typeof rows;
    }

    let total: number;
    const facets: SearchResult['facets'] = {};
    if (query.facets) {
      const counts = db
        .prepare(`select facet, value, count(*) as n from search_facets where rowid in (${matchSql}) group by facet, value`)
        .all(...matchParams) as { facet: FacetName; value: string; n: number }[];
      for (const { facet, value, n } of counts) (facets[facet] ??= {})[value] = n;
      total = Object.values(facets.type ?? {}).reduce((a, b) => a + b, 0);
    } else {
      total = (db.prepare(`select count(*) as n from (${matchSql})`).get(...matchParams) as { n: number }).n;
    }

    const needles = planNeedles(terms);
    const hits: SearchHit[] = rows.map(({ doc }) => {
      const d = JSON.parse(doc) as SearchDocument;
      return {
        id: d.id,
        type: d.type,
        title: d.title,
        titleEn: d.titleEn,
        fields: d.fields,
        levels: d.levels,
        lang: d.lang,
        year: d.year,
        published: d.published,
        highlight: { title: highlight(d.title, needles), snippet: snippet([d.summary, d.body].filter(Boolean).join(' '), needles) },
      };
    });
    return { hits, total, page: query.page, perPage: query.perPage, facets, engine: 'sqlite', degraded: false, tookMs: performance.now() - started };
  }

  return {
    name: 'sqlite',
    async prepare() {
      db.exec(schema);
    },
    async replaceAll(documents) {
      replaceEverything(documents);
    },
    async upsert(documents) {
      upsertMany(documents);
    },
    async remove(ids) {
      removeMany(ids);
    },
    async search(input: SearchQueryInput) {
      const started = performance.now();
      return run(searchQuerySchema.parse(input), started);
    },
    async suggest(prefix, limit = 5): Promise<Suggestion[]> {
      if (!prefix.trim()) return [];
      const result = run(searchQuerySchema.parse({ q: prefix, perPage: limit, facets: false }), performance.now());
      return result.hits.map((h) => ({ id: h.id, type: h.type, title: h.title, highlight: h.highlight.title }));
    },
    async count() {
      return statements.count.get()!.n;
    },
    async close() {},
  };
}
