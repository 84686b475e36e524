import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed attempts per key (`sign-in-account:<email>`, `sign-in-address:<ip>`, …) in a fixed window, kept in
 * SQLite so a restart does not hand an attacker a fresh set of guesses.
 */
export const throttleCounters = sqliteTable(
  'throttle_counters',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('throttle_counters_window').on(t.windowStartedAt)],
);
