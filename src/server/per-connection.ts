// Hot queries prepared once per connection: on a request path run hundreds of times a second, building a query with
// drizzle and preparing it in SQLite each time costs more than running it.
import type { Db } from '../../db/connection.ts';

/** `build` run once per connection, its result kept for that connection (typically drizzle's `.prepare()`). */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) built.set(db, (value = build(db)));
    return value;
  };
}
