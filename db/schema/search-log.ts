import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each search, counted for the center (search/log.ts): the query, its filters as JSON and how many it found.
 * Nothing about who searched. Unlike the search index, this is data the center keeps, so it is migrated.
 */
export const searchLog = sqliteTable(
  'search_log',
  {
    id: integer('id').primaryKey(),
    at: integer('at').notNull(),
    query: text('query').notNull(),
    filters: text('filters').notNull(),
    hits: integer('hits').notNull(),
    engine: text('engine').notNull(),
    degraded: integer('degraded').notNull(),
  },
  (t) => [index('search_log_by_query').on(t.query, t.at), index('search_log_by_time').on(t.at)],
);
