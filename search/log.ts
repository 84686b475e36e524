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

export function createSearchLog(db: BetterSqlite3.Database) {
  const insert = db.prepare('insert into search_log (at, query, filters, hits, engine, degraded) values (?, ?, ?, ?, ?, ?)');
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
    /** Count one search; cheap enough to call on every request. */
    record(entry: SearchRecord, at = Date.now()) {
      const filters = Object.fromEntries(Object.entries(entry.filters ?? {}).filter(([, v]) => Array.isArray(v) && v.length));
      insert.run(at, normalizeText(entry.q).trim().replace(/\s+/g, ' ').slice(0, 200), JSON.stringify(filters), entry.hits, entry.engine, entry.degraded ? 1 : 0);
    },
    /** The searches that found nothing since a time (and before `until`: a fiscal year's end), most frequent first. */
    searchesWithoutResults(since: Date, limit = 50, until?: Date): QueryCount[] {
      return withoutResults.all(since.getTime(), until?.getTime() ?? Number.MAX_SAFE_INTEGER, limit);
    },
    popularSearches(since: Date, limit = 50): QueryCount[] {
      return popular.all(since.getTime(), limit);
    },
  };
}
export type SearchLog = ReturnType<typeof createSearchLog>;
