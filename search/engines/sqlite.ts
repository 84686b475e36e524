// The embedded engine: SQLite FTS5 in the application's database file, with a trigram index so any Thai word inside
// a compound is found, and a table of segmented words, which also answers terms shorter than three characters.
import type BetterSqlite3 from 'better-sqlite3';
import { planNeedles, planQuery, type QueryTerm } from '../query-plan.ts';
import { startTrigramBuild, trigramShadowTables, trigramTableSql, type TrigramBuild, type WorkerReport } from './sqlite-parallel.ts';
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

// Derived tables, rebuilt by a reindex: created here, idempotently, not by migrations (docs/decisions/005).
// Changing them means raising schemaVersion: the old tables are then dropped and the next reindex fills the new ones.
const schemaVersion = 4;
const derivedTables = ['search_vocabulary', 'search_words', 'search_text', 'search_facets', 'search_documents'];

function createSchema(db: BetterSqlite3.Database) {
  db.exec('create table if not exists search_meta (key text primary key, value text not null)');
  const current = db.prepare<[], { value: string }>("select value from search_meta where key = 'schema'").get();
  if (current?.value !== String(schemaVersion)) {
    db.transaction(() => {
      for (const table of derivedTables) db.exec(`drop table if exists ${table}`);
      db.exec(schema);
      db.prepare("insert or replace into search_meta (key, value) values ('schema', ?)").run(String(schemaVersion));
      db.exec("delete from search_meta where key = 'fingerprint'");
      db.prepare(raiseVersionSql).get();
    })();
  }
}

/**
 * The index's version: a counter in search_meta that every write to the index raises in the write's own transaction
 * (and a write to Meilisearch through the service after it, see `touch`). What the caches of search results, facet
 * values and words are kept under: unlike `pragma data_version`, it does not change when another connection commits
 * anything else (a progress post, a session, a search-log batch), and it changes at once for every process on the file.
 */
const raiseVersionSql = `insert into search_meta (key, value) values ('version', '1')
  on conflict (key) do update set value = cast(value as integer) + 1 returning cast(value as integer)`;

const schema = `
create table if not exists search_documents (
  rowid integer primary key,
  id text not null unique,
  title text not null,
  published text,
  doc text not null
);
create index if not exists search_documents_by_published on search_documents (published);
create table if not exists search_facets (
  rowid integer not null,
  facet text not null,
  value text not null
);
create index if not exists search_facets_by_value on search_facets (facet, value, rowid);
create index if not exists search_facets_by_rowid on search_facets (rowid);
${trigramTableSql};
create virtual table if not exists search_words using fts5 (
  title, keywords, body,
  tokenize = "unicode61 categories 'L* N* Co M*'", content = '', contentless_delete = 1
);
create virtual table if not exists search_vocabulary using fts5vocab (search_words, 'row');
`;

// Title matches count most, then keywords (with field names, authors), then the text.
const weights = 'bm25(search_text, 10.0, 4.0, 1.0)';
const wordWeights = 'bm25(search_words, 10.0, 4.0, 1.0)';

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * How many matches make a cheaper or stricter plan enough. Fixed, never the page asked for: a plan chosen per page
 * (once by `page × perPage`) gave page 2 another result set than page 1, with another total.
 */
const enoughMatches = 10;

/**
 * Up to this many matches are ranked one by one (bm25). Past it, ranking every match took most of a search's time
 * (100 ms for 50,000 matches), so matches are ordered in two tiers: every term in the title, then the others; newest
 * first within a tier. Only broad queries get there, where bm25's order among thousands of
 * matches says little.
 */
const defaultRankOneByOneUpTo = 2000;

/** See SqliteEngineOptions.parallelBuildFrom: starting the worker takes 0.1–0.2 s, a thousand trigram rows about 0.4 s. */
const defaultParallelBuildFrom = 2000;

/** The worker's scratch file, attached to the site database's connection for the copy. */
const buildSchema = 'search_build';

/** What each full-text table indexes of a document. */
function indexedTexts(doc: SearchDocument): { title: string; keywords: string; body: string } {
  return {
    title: [doc.title, doc.titleEn].filter(Boolean).join('\n'),
    keywords: [...doc.keywords, ...doc.fieldNames, ...doc.people].join('\n'),
    body: [doc.summary, doc.body].filter(Boolean).join('\n'),
  };
}


/**
 * The same term over segmented words (search_words): whole words, in order, the last one a prefix while typing. The
 * alternative unsegmented too, as one word, in case the query alone is cut where the text is not (หุ่นยน → หุ่น|ยน).
 */
function wordsTermExpression(term: QueryTerm, dictionary: Dictionary): string | undefined {
  const parts = term.alternatives.flatMap((alternative) => {
    const words = segmentWords(alternative, dictionary);
    if (!words.length || (term.prefix && words.at(-1)!.length < 2)) return [];
    const forms = new Set([words.join(' ')]);
    if (words.length > 1 && !/[^\p{L}\p{M}\p{N}]/u.test(alternative)) forms.add(alternative);
    return [...forms].map((form) => `${quote(form)}${term.prefix ? '*' : ''}`);
  });
  return parts.length ? `(${parts.join(' OR ')})` : undefined;
}

/**
 * How the trigram index answers a term: its alternatives as substrings. A term with an alternative shorter than three
 * letters (ai, ไฟ while typing) is not for trigrams: it is answered from the segmented words, where it is a whole word
 * or, while typing, a word's beginning (`short`: a condition on rowid). Trigrams of short words, or a column of
 * short-word keys in the trigram table, took a third of the indexing time.
 */
function termExpression(term: QueryTerm, dictionary: Dictionary): { trigram: string } | { short: string } | undefined {
  if (term.alternatives.every((a) => a.length >= 3)) return { trigram: `(${term.alternatives.map(quote).join(' OR ')})` };
  const short = wordsTermExpression(term, dictionary);
  return short === undefined ? undefined : { short };
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

/**
 * Facet values of every document, in memory: counting them over tens of thousands of matches in SQL took most of a
 * search's time. Kept current by this connection's writes, reloaded when another connection (the CLI, another
 * worker) changed the index: when the index's version is not the one it holds.
 */
class FacetCache {
  private readonly codes = new Map<string, number>();
  private readonly values: [FacetName, string][] = [];
  private readonly byRow = new Map<number, Uint32Array>();

  private code(facet: FacetName, value: string): number {
    const key = `${facet}\u0000${value}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(key, code);
      this.values.push([facet, value]);
    }
    return code;
  }

  set(rowid: number, rows: [FacetName, string][]) {
    this.byRow.set(rowid, Uint32Array.from(rows, ([f, v]) => this.code(f, v)));
    this.changed();
  }

  delete(rowid: number) {
    this.byRow.delete(rowid);
    this.changed();
  }

  clear() {
    this.byRow.clear();
    this.changed();
  }

  /** Views derived from the rows, rebuilt when next needed. */
  private changed() {
    this.newest = undefined;
    this.packed = undefined;
  }

  // The codes of every row in two flat arrays (row r's codes are codes[start[r]] up to codes[start[r + 1]]): counting
  // over them is several times faster than looking each row up in a Map.
  private packed: { start: Uint32Array; codes: Uint32Array } | undefined;
  private pack() {
    let max = 0;
    let total = 0;
    for (const [rowid, codes] of this.byRow) {
      if (rowid > max) max = rowid;
      total += codes.length;
    }
    const start = new Uint32Array(max + 2);
    for (const [rowid, codes] of this.byRow) start[rowid + 1] = codes.length;
    for (let r = 1; r < start.length; r++) start[r]! += start[r - 1]!;
    const codes = new Uint32Array(total);
    for (const [rowid, rowCodes] of this.byRow) codes.set(rowCodes, start[rowid]!);
    return (this.packed = { start, codes });
  }

  /** The index's version these rows are of (-1: not loaded). */
  version = -1;

  /** Reload everything unless the rows are of this version of the index. */
  refresh(db: BetterSqlite3.Database, version: number) {
    if (version === this.version) return;
    this.byRow.clear();
    const grouped = new Map<number, [FacetName, string][]>();
    for (const row of db.prepare('select rowid, facet, value from search_facets').iterate() as Iterable<{ rowid: number; facet: FacetName; value: string }>) {
      let list = grouped.get(row.rowid);
      if (!list) grouped.set(row.rowid, (list = []));
      list.push([row.facet, row.value]);
    }
    for (const [rowid, rows] of grouped) this.set(rowid, rows);
    this.version = version;
  }

  private newest: { order: Uint32Array; titles: string[] } | undefined;
  /**
   * Every document's rowid, newest first, and its normalized title by rowid: what orders a result too large to rank
   * one by one (title matches first, newest first within each tier).
   */
  newestFirst(db: BetterSqlite3.Database, version: number): { order: Uint32Array; titles: string[] } {
    this.refresh(db, version);
    if (!this.newest) {
      const rows = db.prepare('select rowid, title from search_documents order by published desc, rowid').raw().all() as [number, string][];
      const titles: string[] = [];
      for (const [rowid, title] of rows) titles[rowid] = title;
      this.newest = { order: Uint32Array.from(rows, ([rowid]) => rowid), titles };
    }
    return this.newest;
  }

  count(rowids: Iterable<number>): SearchResult['facets'] {
    const counts = new Uint32Array(this.values.length);
    const { start, codes } = this.packed ?? this.pack();
    const rows = start.length - 1;
    for (const rowid of rowids) {
      if (rowid >= rows) continue;
      for (let i = start[rowid]!, end = start[rowid + 1]!; i < end; i++) counts[codes[i]!]!++;
    }
    const facets: SearchResult['facets'] = {};
    counts.forEach((n, c) => {
      if (!n) return;
      const [facet, value] = this.values[c]!;
      (facets[facet] ??= {})[value] = n;
    });
    return facets;
  }
}

export interface SqliteEngineOptions {
  /** The raw better-sqlite3 handle (`openDatabase(path).$client`). */
  database: BetterSqlite3.Database;
  dictionary: Dictionary;
  /** Matches ranked one by one up to this many, in tiers past it; tests lower it to page through tiers. */
  rankOneByOneUpTo?: number;
  /**
   * A full reindex of at least this many documents builds the trigram table in a worker thread, on another core
   * (docs/decisions/028); `Infinity` never. Tests lower it; a file database is needed (not `:memory:`).
   */
  parallelBuildFrom?: number;
  /** Where a full reindex says that its worker failed (it then builds on one thread); console.warn by default. */
  log?: (message: string) => void;
}

/** What the last full reindex did, for benchmarks: on one thread or two, and each thread's CPU time in µs. */
export interface BuildReport {
  parallel: boolean;
  documents: number;
  /** This thread's CPU time for the whole reindex (copy included). */
  mainCpu: { user: number; system: number };
  /** The worker's, when there was one (its start, the trigram rows, its commit). */
  worker?: WorkerReport;
  /** Wall ms this thread waited for the worker after writing its own part. */
  waitMs?: number;
  /** The copy of the worker's shadow tables into the site database, wall ms. */
  copyMs?: number;
}

export interface SqliteEngine extends SearchEngine {
  /** What the last full reindex was given (see `replaceAll`), so a start with the same catalog can skip it. */
  fingerprint(): string | undefined;
  /** A full reindex, remembering `fingerprint` with it in the same transaction. */
  replaceAll(documents: SearchDocument[], fingerprint?: string): Promise<void>;
  /** How the last full reindex through this engine ran (for benchmarks). */
  lastBuild(): BuildReport | undefined;
  /** After documents were added or replaced: the whole catalog they now make up (see `fingerprint`). */
  setFingerprint(fingerprint: string): void;
  /** The index's version (see raiseVersionSql): read on every search, a lookup by primary key. */
  version(): number;
  /** Raise the version after a write to another engine sharing it (Meilisearch), so every process sees the change. */
  touch(): void;
}

export function createSqliteEngine({
  database: db,
  dictionary,
  rankOneByOneUpTo = defaultRankOneByOneUpTo,
  parallelBuildFrom = defaultParallelBuildFrom,
  log = (message: string) => console.warn(message),
}: SqliteEngineOptions): SqliteEngine {
  createSchema(db);
  const statements = {
    rowidOf: db.prepare<[string], { rowid: number }>('select rowid from search_documents where id = ?'),
    insertDoc: db.prepare('insert into search_documents (id, title, published, doc) values (?, ?, ?, ?)'),
    insertDocAt: db.prepare('insert into search_documents (rowid, id, title, published, doc) values (?, ?, ?, ?, ?)'),
    insertFacet: db.prepare('insert into search_facets (rowid, facet, value) values (?, ?, ?)'),
    insertText: db.prepare('insert into search_text (rowid, title, keywords, body) values (?, ?, ?, ?)'),
    insertWords: db.prepare('insert into search_words (rowid, title, keywords, body) values (?, ?, ?, ?)'),
    deleteDoc: db.prepare('delete from search_documents where rowid = ?'),
    deleteFacets: db.prepare('delete from search_facets where rowid = ?'),
    deleteText: db.prepare('delete from search_text where rowid = ?'),
    deleteWords: db.prepare('delete from search_words where rowid = ?'),
    count: db.prepare<[], { n: number }>('select count(*) as n from search_documents'),
    version: db.prepare<[], number>("select cast(value as integer) from search_meta where key = 'version'").pluck(),
    raiseVersion: db.prepare<[], number>(raiseVersionSql).pluck(),
    vocabulary: db.prepare<[], { term: string; doc: number }>('select term, doc from search_vocabulary'),
  };

  const facetCache = new FacetCache();
  // Cache changes wait for the transaction's commit; a rolled-back write leaves the cache as it was.
  let pendingFacets: (() => void)[] = [];

  function removeRow(rowid: number) {
    pendingFacets.push(() => facetCache.delete(rowid));
    statements.deleteDoc.run(rowid);
    statements.deleteFacets.run(rowid);
    statements.deleteText.run(rowid);
    statements.deleteWords.run(rowid);
  }

  function insert(doc: SearchDocument) {
    const existing = statements.rowidOf.get(doc.id);
    if (existing) removeRow(existing.rowid);
    const { lastInsertRowid } = statements.insertDoc.run(doc.id, normalizeText(doc.title), doc.published ?? null, JSON.stringify(doc));
    insertIndexRows(Number(lastInsertRowid), doc);
  }

  /** A document's facet, trigram and word rows; its trigram row to `trigrams` (a worker) when given. */
  function insertIndexRows(rowid: number, doc: SearchDocument, trigrams?: TrigramBuild) {
    const rows = facetRows(doc);
    for (const [facet, value] of rows) statements.insertFacet.run(rowid, facet, value);
    pendingFacets.push(() => facetCache.set(rowid, rows));
    const { title, keywords, body } = indexedTexts(doc);
    if (trigrams) trigrams.add(rowid, title, keywords, body);
    else statements.insertText.run(rowid, title, keywords, body);
    const segmented = [title, keywords, body].map((text) => segmentWords(normalizeText(text), dictionary));
    statements.insertWords.run(rowid, ...segmented.map((words) => words.join(' ')));
  }

  const version = () => statements.version.get() ?? 0;

  /**
   * Run a write in one transaction that first raises the index's version (taking the write lock, so no other write
   * lands between), then apply its facet changes to the cache: when the cache held the version just before this
   * write, it is current after them; else another process wrote since, and it is reloaded when next needed.
   */
  function writing<A extends unknown[]>(write: (...args: A) => void) {
    let raised = 0;
    const transaction = db.transaction((...args: A) => {
      raised = statements.raiseVersion.get()!;
      write(...args);
    });
    return (...args: A) => {
      pendingFacets = [];
      try {
        transaction(...args);
      } catch (error) {
        pendingFacets = [];
        throw error;
      }
      if (facetCache.version === raised - 1) {
        for (const apply of pendingFacets) apply();
        facetCache.version = raised;
      }
      pendingFacets = [];
      vocabulary = undefined;
    };
  }
  const upsertMany = writing((docs: SearchDocument[]) => docs.forEach(insert));
  const setFingerprint = (fingerprint: string | undefined) => {
    db.prepare("delete from search_meta where key = 'fingerprint'").run();
    if (fingerprint) db.prepare("insert into search_meta (key, value) values ('fingerprint', ?)").run(fingerprint);
  };
  let lastBuild: BuildReport | undefined;
  /**
   * A full reindex in one transaction. The documents get rowids 1, 2, … in the order of each id's last occurrence
   * (the last of two documents with one id wins), which is the order the one-by-one inserts gave them. With
   * `trigrams`, the trigram rows go to the worker and its finished shadow tables are copied in at the end; if the
   * worker failed, this thread writes them after all.
   */
  const replaceEverything = writing((docs: SearchDocument[], fingerprint: string | undefined, trigrams?: TrigramBuild) => {
    const cpu = process.threadCpuUsage();
    setFingerprint(fingerprint);
    // With a worker, the emptied trigram table's shadow tables are overwritten by the worker's below.
    db.exec(`delete from search_documents; delete from search_facets;
      insert into search_text (search_text) values ('delete-all'); insert into search_words (search_words) values ('delete-all');`);
    pendingFacets.push(() => facetCache.clear());
    const latest = new Map<string, SearchDocument>();
    for (const doc of docs) {
      latest.delete(doc.id);
      latest.set(doc.id, doc);
    }
    let rowid = 0;
    for (const doc of latest.values()) {
      statements.insertDocAt.run(++rowid, doc.id, normalizeText(doc.title), doc.published ?? null, JSON.stringify(doc));
      insertIndexRows(rowid, doc, trigrams);
    }
    const report: BuildReport = { parallel: false, documents: latest.size, mainCpu: { user: 0, system: 0 } };
    if (trigrams) {
      // Generous: the worker does about as much as this thread, which has just finished its part.
      const waiting = performance.now();
      report.worker = trigrams.finish(60_000 + latest.size * 5);
      report.waitMs = performance.now() - waiting;
      if (report.worker.ok && report.worker.rows === latest.size) {
        const started = performance.now();
        // FTS5's shadow tables are read-only to SQL in defensive mode, which better-sqlite3 turns on.
        db.unsafeMode(true);
        try {
          for (const table of trigramShadowTables) db.exec(`delete from main.${table}; insert into main.${table} select * from ${buildSchema}.${table}`);
        } finally {
          db.unsafeMode(false);
        }
        // This connection's FTS5 still holds the structure it read after 'delete-all' (an empty index) and would go on
        // using it, since only another connection's commit tells it the file changed. Rolling back to a savepoint taken
        // after the copy undoes nothing but makes FTS5 drop what it cached of its tables (xRollbackTo), so the copied
        // structure is read next.
        db.exec('savepoint search_copied; rollback to search_copied; release search_copied');
        report.copyMs = performance.now() - started;
        report.parallel = true;
      } else {
        log(`search: the worker building the trigram table failed (${report.worker.ok ? `${report.worker.rows} of ${latest.size} rows` : report.worker.error}); built on one thread instead`);
        rowid = 0;
        for (const doc of latest.values()) {
          const { title, keywords, body } = indexedTexts(doc);
          statements.insertText.run(++rowid, title, keywords, body);
        }
      }
    }
    report.mainCpu = process.threadCpuUsage(cpu);
    lastBuild = report;
  });

  /** A full reindex: on two threads when large enough and possible (a file database, no transaction open). */
  async function replaceAll(docs: SearchDocument[], fingerprint: string | undefined) {
    if (docs.length < parallelBuildFrom || !db.name || db.memory || db.inTransaction) return replaceEverything(docs, fingerprint);
    let trigrams: TrigramBuild | undefined;
    try {
      trigrams = startTrigramBuild(db.name);
      // Before the transaction: SQLite attaches no database inside one. The file has its table already.
      db.prepare(`attach database ? as ${buildSchema}`).run(trigrams.path);
    } catch (error) {
      log(`search: no worker for the trigram table (${String(error)}); a full reindex on one thread`);
      await trigrams?.dispose();
      return replaceEverything(docs, fingerprint);
    }
    try {
      replaceEverything(docs, fingerprint, trigrams);
    } finally {
      db.exec(`detach database ${buildSchema}`);
      await trigrams.dispose();
    }
  }
  const removeMany = writing((ids: string[]) => {
    for (const id of ids) {
      const row = statements.rowidOf.get(id);
      if (row) removeRow(row.rowid);
    }
  });

  /** SQL conditions on `rowid` for the filters, with their parameters. */
  /** The filters as `and …` clauses on `rowid`; `fts` for a full-text table's query (see below). */
  function filterSql(filters: SearchQuery['filters'], table: 'fts' | 'documents' = 'fts'): { sql: string; params: string[] } {
    const clauses: string[] = [];
    const params: string[] = [];
    for (const facet of facetNames) {
      const values = filters[facet];
      if (!values?.length) continue;
      // `+rowid` on a full-text table: given `rowid in (…)`, SQLite hands the list to FTS5, which then runs the whole
      // MATCH once per listed rowid (`INDEX 0:=M4` in the query plan): a filtered search took seconds at 2,000
      // documents and grew with every document of the filter's value. As an expression it is checked on the matches
      // instead. On search_documents the list is what finds the rows, so it stays a constraint there.
      clauses.push(`${table === 'fts' ? '+' : ''}rowid in (select rowid from search_facets where facet = '${facet}' and value in (${values.map(() => '?').join(', ')}))`);
      params.push(...values.map(String));
    }
    return { sql: clauses.map((c) => ` and ${c}`).join(''), params };
  }

  // The indexed words (with how many documents have each) for spelling corrections; reading them walks the whole
  // index, so they are kept until a write here or in another process changes the index's version.
  let vocabulary: { version: number; words: Map<string, number> } | undefined;
  function indexedWords(): Map<string, number> {
    const now = version();
    if (vocabulary?.version !== now) {
      const words = new Map<string, number>();
      for (const { term, doc } of statements.vocabulary.iterate()) if (!/\d/.test(term)) words.set(term, doc);
      vocabulary = { version: now, words };
    }
    return vocabulary.words;
  }

  /** A better-spelled query when some of its words are not in the index at all, or undefined. */
  function correction(terms: QueryTerm[]): string | undefined {
    let changed = false;
    const known = indexedWords();
    const words = terms.map((term) => {
      const word = term.alternatives[0]!;
      if (term.alternatives.length > 1 || word.length < 4 || known.has(word)) return word;
      const max = word.length >= 8 ? 2 : 1;
      let best: { term: string; distance: number; doc: number } | undefined;
      for (const [candidate, doc] of known) {
        if (Math.abs(candidate.length - word.length) > max) continue;
        const distance = editDistance(word, candidate, max);
        if (distance <= max && (!best || distance < best.distance || (distance === best.distance && doc > best.doc))) {
          best = { term: candidate, distance, doc };
        }
      }
      if (!best) return word;
      changed = true;
      return best.term;
    });
    return changed ? words.join(' ') : undefined;
  }

  type Rows = { rowid: number; doc: string }[];
  const rowids = (sql: string, params: unknown[]) => db.prepare(sql).pluck().all(...params) as number[];

  /**
   * Matching over trigrams: any substring, so a word inside an unsegmented compound or a word being typed is found;
   * terms shorter than three letters (`shortTerms`) over segmented words. Every term first; when too few documents
   * have them all, those with any follow; when none has any, a spelling correction is tried.
   */
  function trigramSearch(
    query: SearchQuery,
    terms: QueryTerm[],
    expressions: string[],
    shortTerms: string[],
    wordExpressions: (string | undefined)[],
    filter: { sql: string; params: string[] },
    offset: number,
    started: number,
  ): SearchResult | { matched: number[]; rows: Rows } {
    const wanted = query.page * query.perPage;
    const wordsMatchSql = `select rowid from search_words where search_words match ?`;
    // Every term: the long ones matched over trigrams, each short one a condition on rowid (or, with no long term,
    // the short ones together over segmented words).
    const [strictTable, strictWeighting, all, strict]: [string, string, string, { sql: string; params: string[] }] = expressions.length
      ? [
          'search_text',
          weights,
          expressions.join(' AND '),
          { sql: filter.sql + shortTerms.map(() => ` and rowid in (${wordsMatchSql})`).join(''), params: [...filter.params, ...shortTerms] },
        ]
      : ['search_words', wordWeights, shortTerms.map((e) => `(${e})`).join(' AND '), filter];
    let matched = rowids(`select rowid from ${strictTable} where ${strictTable} match ?${strict.sql}`, [all, ...strict.params]);
    if (matched.length > 0 && (expressions.length + shortTerms.length === 1 || matched.length >= enoughMatches)) {
      return { matched, rows: page(strictTable, strictWeighting, all, strict, terms, matched, offset, query.perPage) };
    }
    // Too few have every term: those having some follow. Over segmented words when that finds enough (it is faster),
    // or when trigrams find none (a short term is only in segmented words).
    const wordsAny = wordExpressions.filter(Boolean).join(' OR ');
    const wordsMatched = wordsAny ? rowids(`${wordsMatchSql}${filter.sql}`, [wordsAny, ...filter.params]) : [];
    const trigramAny = expressions.join(' OR ');
    let anyMatched =
      wordsMatched.length >= enoughMatches || !trigramAny ? [] : rowids(`select rowid from search_text where search_text match ?${filter.sql}`, [trigramAny, ...filter.params]);
    const [table, weighting, any] = anyMatched.length === 0 ? ['search_words', wordWeights, wordsAny] : ['search_text', weights, trigramAny];
    if (anyMatched.length === 0) anyMatched = wordsMatched;
    if (anyMatched.length === 0) {
      const corrected = correction(terms);
      if (corrected && corrected !== query.q) {
        const result = run({ ...query, q: corrected }, started);
        if (result.total > 0) return { ...result, suggestion: corrected };
      }
      return { hits: [], total: 0, page: query.page, perPage: query.perPage, facets: {}, engine: 'sqlite', degraded: false, tookMs: performance.now() - started };
    }
    // The few with every term first, then the best of the others, up to the end of the page asked for.
    const head = matched.length ? ranked(strictTable, strictWeighting, all, strict, 0, wanted) : [];
    const tail = page(table, weighting, any, filter, terms, anyMatched, 0, wanted - head.length, head.map((r) => r.rowid));
    return { matched: [...new Set([...matched, ...anyMatched])], rows: [...head, ...tail].slice(offset, offset + query.perPage) };
  }

  /**
   * One page of the documents (`matched`) that match an expression in a table, best first, leaving out some rowids:
   * ranked by bm25 when there are few enough, else in tiers (see defaultRankOneByOneUpTo).
   */
  function page(
    table: string,
    weighting: string,
    expression: string,
    filter: { sql: string; params: string[] },
    terms: QueryTerm[],
    matched: number[],
    offset: number,
    limit: number,
    exclude: number[] = [],
  ): Rows {
    if (limit <= 0) return [];
    if (matched.length - exclude.length <= rankOneByOneUpTo) return ranked(table, weighting, expression, filter, offset, limit, exclude);
    const { order: newest, titles } = facetCache.newestFirst(db, version());
    // The title tier by the titles in memory rather than by FTS (a second pass over the index cost as much as the first).
    const alternatives = terms.map((term) => term.alternatives);
    const inTitle = (title: string) => alternatives.every((any) => any.some((a) => title.includes(a)));
    let max = 0;
    for (const rowid of matched) if (rowid > max) max = rowid;
    // 0: not a match (or left out), 1: every term in the title, 2: the others, 3: a match whose title is not read yet.
    // A title is read when the walk below first reaches its row, so a page near the start of a broad result reads the
    // titles of the newest matches only (testing every match's title was a tenth of such a search's time).
    const tier = new Uint8Array(max + 1);
    for (const rowid of matched) tier[rowid] = 3;
    for (const rowid of exclude) if (rowid <= max) tier[rowid] = 0;
    const tierOf = (rowid: number) => {
      if (tier[rowid] === 3) tier[rowid] = inTitle(titles[rowid] ?? '') ? 1 : 2;
      return tier[rowid];
    };
    const chosen: number[] = [];
    let skip = offset;
    for (let t = 1; t <= 2 && chosen.length < limit; t++) {
      for (let i = 0; i < newest.length && chosen.length < limit; i++) {
        const rowid = newest[i]!;
        if (rowid > max || tier[rowid] === 0 || tierOf(rowid) !== t) continue;
        if (skip > 0) skip--;
        else chosen.push(rowid);
      }
    }
    if (!chosen.length) return [];
    const docs = new Map(
      (db.prepare(`select rowid, doc from search_documents where rowid in (${chosen.join(', ')})`).all() as Rows).map((r) => [r.rowid, r]),
    );
    return chosen.map((rowid) => docs.get(rowid)!);
  }

  /** One page of documents matching an expression in a table, ranked by bm25, leaving out some rowids. */
  function ranked(table: string, weighting: string, expression: string, filter: { sql: string; params: string[] }, offset: number, limit: number, exclude: number[] = []): Rows {
    if (limit <= 0) return [];
    const excluded = exclude.length ? ` and rowid not in (${exclude.map(Number).join(', ')})` : '';
    return db
      .prepare(
        `select d.rowid, d.doc from (select rowid, ${weighting} as score from ${table}
           where ${table} match ?${filter.sql}${excluded} order by score, rowid limit ? offset ?) m
         join search_documents d on d.rowid = m.rowid order by m.score, m.rowid`,
      )
      .all(expression, ...filter.params, limit, offset) as Rows;
  }

  function run(query: SearchQuery, started: number): SearchResult {
    const terms = planQuery(query.q, dictionary);
    const planned = terms.map((term) => termExpression(term, dictionary));
    const expressions = planned.flatMap((e) => (e && 'trigram' in e ? [e.trigram] : []));
    const shortTerms = planned.flatMap((e) => (e && 'short' in e ? [e.short] : []));
    const filter = filterSql(query.filters);
    const empty: SearchResult = { hits: [], total: 0, page: query.page, perPage: query.perPage, facets: {}, engine: 'sqlite', degraded: false, tookMs: 0 };
    const offset = (query.page - 1) * query.perPage;
    let rows: Rows;
    let matched: number[];

    if (expressions.length + shortTerms.length === 0) {
      const q = normalizeText(query.q).trim();
      if (q && terms.length === 0) return { ...empty, tookMs: performance.now() - started };
      const byFacets = filterSql(query.filters, 'documents');
      // An empty query (browsing with filters) or a single character: newest first, titles starting with it.
      const titleFilter = q ? ` and title like ? escape '\\'` : '';
      const params = [...(q ? [`${q.replace(/[%_\\]/g, '\\$&')}%`] : []), ...byFacets.params];
      matched = rowids(`select rowid from search_documents where 1${titleFilter}${byFacets.sql}`, params);
      rows = db
        .prepare(`select rowid, doc from search_documents where 1${titleFilter}${byFacets.sql} order by published desc, rowid limit ? offset ?`)
        .all(...params, query.perPage, offset) as typeof rows;
    } else {
      const wordExpressions = terms.map((term) => wordsTermExpression(term, dictionary));
      const wordsAll = wordExpressions.every(Boolean) ? wordExpressions.join(' AND ') : undefined;
      matched = wordsAll ? rowids(`select rowid from search_words where search_words match ?${filter.sql}`, [wordsAll, ...filter.params]) : [];
      if (wordsAll && matched.length >= enoughMatches) {
        // Enough documents have every query word as a word of its own: ranking segmented words is several times
        // faster than ranking trigrams, and substrings of unsegmented compounds would only lengthen a long list.
        rows = page('search_words', wordWeights, wordsAll, filter, terms, matched, offset, query.perPage);
      } else {
        const trigrams = trigramSearch(query, terms, expressions, shortTerms, wordExpressions, filter, offset, started);
        if ('hits' in trigrams) return trigrams;
        ({ matched, rows } = trigrams);
      }
    }

    let facets: SearchResult['facets'] = {};
    if (query.facets) {
      facetCache.refresh(db, version());
      facets = facetCache.count(matched);
    }
    const total = matched.length;

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
      createSchema(db);
    },
    async replaceAll(documents, fingerprint) {
      await replaceAll(documents, fingerprint);
    },
    lastBuild() {
      return lastBuild;
    },
    setFingerprint(fingerprint) {
      setFingerprint(fingerprint);
    },
    version,
    touch() {
      statements.raiseVersion.get();
    },
    fingerprint() {
      return db.prepare<[], { value: string }>("select value from search_meta where key = 'fingerprint'").get()?.value;
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
      const terms = planQuery(prefix, dictionary);
      if (!prefix.trim() || !terms.length) return [];
      // Titles only, ranked among the first 200 that match: a suggestion must come while the person types, and a
      // prefix such as ระบบ is in tens of thousands of titles.
      const sample = (table: string, weighting: string, expression: string, exclude: number[]) =>
        db
          .prepare(
            `select d.rowid, d.doc from (select rowid, ${weighting} as score from ${table} where ${table} match ?
               ${exclude.length ? `and rowid not in (${exclude.join(', ')})` : ''} limit 200) m
             join search_documents d on d.rowid = m.rowid order by m.score limit ?`,
          )
          .all(expression, limit) as Rows;
      const words = terms.map((term) => wordsTermExpression(term, dictionary));
      let rows = words.every(Boolean) ? sample('search_words', wordWeights, `{title} : (${words.join(' AND ')})`, []) : [];
      const substrings = terms.map((term) => {
        const long = term.alternatives.filter((a) => a.length >= 3);
        return long.length ? `(${long.map((a) => `{title} : ${quote(a)}`).join(' OR ')})` : undefined;
      });
      if (rows.length < limit && substrings.every(Boolean)) {
        rows = [...rows, ...sample('search_text', weights, substrings.join(' AND '), rows.map((r) => r.rowid))];
      }
      const needles = planNeedles(terms);
      return rows.slice(0, limit).map(({ doc }) => {
        const d = JSON.parse(doc) as SearchDocument;
        return { id: d.id, type: d.type, title: d.title, highlight: highlight(d.title, needles) };
      });
    },
    async count() {
      return statements.count.get()!.n;
    },
    async close() {},
  };
}
