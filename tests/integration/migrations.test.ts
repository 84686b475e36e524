import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function freshDatabase() {
  const dir = tempDir('ic-migrate-');
  dirs.push(dir);
  return openDatabase(join(dir.path, 'nested', 'fresh.db'));
}

describe('migrations', () => {
  it('apply to a fresh database file, and again without change', () => {
    const db = freshDatabase();
    migrateDatabase(db);
    migrateDatabase(db);
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['sessions', 'user_fields', 'users']));
    db.$client.close();
  });

  it('take over a search_log the search code created before it had a migration', () => {
    const db = freshDatabase();
    db.$client.exec('create table search_log (id integer primary key, at integer not null, query text not null, filters text not null, hits integer not null, engine text not null, degraded integer not null)');
    db.$client.prepare("insert into search_log (at, query, filters, hits, engine, degraded) values (1, 'ไฟฟ้า', '{}', 3, 'sqlite', 0)").run();
    migrateDatabase(db);
    expect(db.$client.prepare('select query, hits from search_log').all()).toEqual([{ query: 'ไฟฟ้า', hits: 3 }]);
    db.$client.close();
  });

  it('open the database in WAL mode with foreign keys enforced', () => {
    const db = freshDatabase();
    migrateDatabase(db);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() =>
      db.$client.prepare("insert into sessions (id, user_id, expires_at) values ('x', 999, 0)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.$client.close();
  });
});
