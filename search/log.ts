// What people search for: each search counted (query, filters, number of hits; nothing about who searched), so the
// center sees which searches found nothing. The table is kept data, so a migration creates it (db/schema/search-log.ts).
import type BetterSqlite3 from 'better-sqlite3';
import { normalizeText } from './text.ts';
import type { EngineName, SearchQuery } from './types.ts';

export interface SearchRecord {
  q: string;
  filters?: SearchQuery['filters'];
  hits: number;
  engine: EngineName;
  degraded?: boolean;
}

export interface QueryCount {
  query: string;
  searches: number;
  /** Hits of the latest search of it. */
  lastHits: number;
}

/** Rows gather this long (or up to `batchRows`) and are then written in one transaction. */
const batchMs = 250;
const batchRows = 200;

const logs = new WeakMap<BetterSqlite3.Database, ReturnType<typeof openSearchLog>>();

/** The search log of `db`: one per connection, so whoever reads it (the reports) sees the rows still waiting. */
export function createSearchLog(db: BetterSqlite3.Database) {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = openSearchLog(db)));
  return log;
}

function openSearchLog(db: BetterSqlite3.Database) {
  const insert = db.prepare('insert into search_log (at, query, filters, hits, engine, degraded) values (?, ?, ?, ?, ?, ?)');
  // Under load, one commit per search held the write lock (and, with several workers, the other workers' event loops
  // in their busy handlers) once per request; the rows are written a batch at a time instead. A batch lost in a crash
  // costs a quarter of a second of counts, never a learner's record; a clean shutdown writes it (`flush`).
  let waiting: Parameters<typeof insert.run>[] = [];
  let timer: NodeJS.Timeout | undefined;
  const insertAll = db.transaction((rows: Parameters<typeof insert.run>[]) => {
    for (const row of rows) insert.run(...row);
  });
  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0) return;
    const rows = waiting;
    waiting = [];
    insertAll(rows);
  }
  function flushLater() {
    const rows = waiting;
    try {
      flush();
    } catch (error) {
      // Locked past the busy timeout, or the disk full: tried again with the next batch, up to a bound.
      if (waiting.length + rows.length <= 10 * batchRows) waiting = rows.concat(waiting);
      console.warn(`search: could not write ${rows.length} counted search(es): ${(error as Error).message}`);
      if (waiting.length > 0 && !timer) {
        timer = setTimeout(flushLater, batchMs);
        timer.unref?.();
      }
    }
  }
  const withoutResults = db.prepare<[number, number, number], QueryCount>(
    `select query, count(*) as searches, 0 as lastHits from search_log
      where at >= ? and at < ? and hits = 0 and query != '' group by query order by searches desc, query limit ?`,
  );
  const popular = db.prepare<[number, number], QueryCount>(
    `select query, count(*) as searches,
        (select hits from search_log l2 where l2.query = l.query order by at desc limit 1) as lastHits
       from search_log l where at >= ? and query != '' group by query order by searches desc, query limit ?`,
  );
  return {
    /** Count one search; written with the others of the next quarter second (`flush` writes them now). */
    record(entry: SearchRecord, at = Date.now()) {
      const filters = Object.fromEntries(Object.entries(entry.filters ?? {}).filter(([, v]) => Array.isArray(v) && v.length));
      waiting.push([at, normalizeText(entry.q).trim().replace(/\s+/g, ' ').slice(0, 200), JSON.stringify(filters), entry.hits, entry.engine, entry.degraded ? 1 : 0]);
      if (waiting.length >= batchRows) flushLater();
      else if (!timer) {
        timer = setTimeout(flushLater, batchMs);
        timer.unref?.();
      }
    },
    /** Write the searches counted so far; at shutdown, and before this log is read. */
    flush,
    /** The searches that found nothing since a time (and before `until`: a fiscal year's end), most frequent first. */
    searchesWithoutResults(since: Date, limit = 50, until?: Date): QueryCount[] {
      flush();
      return withoutResults.all(since.getTime(), until?.getTime() ?? Number.MAX_SAFE_INTEGER, limit);
    },
    popularSearches(since: Date, limit = 50): QueryCount[] {
      flush();
      return popular.all(since.getTime(), limit);
    },
  };
}
export type SearchLog = ReturnType<typeof createSearchLog>;
