// The server's one database connection, opened on first use; the launcher (serve.ts) has migrated it already.
import { openDatabase, type Db } from '../../db/connection.ts';
import { env } from './env.ts';

let db: Db | undefined;

export function getDb(): Db {
  db ??= openDatabase(env.DATABASE_PATH);
  return db;
}
