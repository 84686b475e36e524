// Writing the catalog: catalog_items rows (web edits, imports) and catalog_entries, the one indexed store every page
// reads (db/schema/catalog-entries.ts). Every write goes through here, in one transaction with the entries it derives,
// and raises the store's version so cached counts are never stale.
import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.ts';
import { firstDayOfLast } from '../../lib/catalog/bangkok-day.ts';
import { entryColumns, type EntryColumns } from '../../lib/catalog/entry-columns.ts';
import type { CatalogItem, ContentType, ItemStatus } from '../../lib/content/types.ts';
import { itemFromRow, readContentItems } from './sources.ts';
import { rankInPlaceLimit, rankTitles, titleRanks } from './title-rank.ts';

export interface ItemToSave {
  type: ContentType;
  slug: string;
  data: Record<string, unknown>;
  body: string;
  status?: ItemStatus;
  createdBy?: number;
}

/** Raise when what entries derive from an item changes: the next start writes every entry again. */
const shapeVersion = '1';

/** "Most downloaded this month" counts the last 30 Bangkok days. */
export const downloadWindowDays = 30;

/** A download_counts row counts toward `downloads` when its day is in the window (catalog_meta 'downloadsFrom'). */
const inDownloadWindow = "day >= coalesce((select value from catalog_meta where key = 'downloadsFrom'), '')";

function statements(db: BetterSqlite3.Database) {
  return {
    meta: db.prepare<[string], string>('select value from catalog_meta where key = ?').pluck(),
    setMeta: db.prepare<[string, string], unknown>('insert into catalog_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value'),
    bump: db.prepare(
      "insert into catalog_meta (key, value) values ('version', '1') on conflict (key) do update set value = cast(value as integer) + 1",
    ),
    saveRow: db.prepare<[{ type: string; slug: string; data: string; body: string; status: string; createdBy: number | null }], number>(
      `insert into catalog_items (type, slug, data, body, status, created_by) values (@type, @slug, @data, @body, @status, @createdBy)
       on conflict (type, slug) do update set data = excluded.data, body = excluded.body, status = excluded.status,
         updated_at = (unixepoch('subsec') * 1000)
       returning id`,
    ).pluck(),
    removeEntry: db.prepare<[string], unknown>('delete from catalog_entries where key = ?'),
    insertEntry: db.prepare<[Record<string, unknown>], { id: number; downloads: number }>(
      `insert into catalog_entries (key, type, slug, source, row_id, data, body, status, title_th, title_en, rank_th, rank_en, published, day, year, language, levels, downloads)
       values (@key, @type, @slug, @source, @rowId, @data, @body, @status, @titleTh, @titleEn, @rankTh, @rankEn, @published, @day, @year, @language, @levels,
         (select coalesce(sum(count), 0) from download_counts where item_key = @key and ${inDownloadWindow}))
       returning id, downloads`,
    ),
    insertField: db.prepare<[string, number, string, number, number, number | null], unknown>(
      'insert into catalog_entry_fields (field, entry_id, type, published, downloads, rank_th) values (?, ?, ?, ?, ?, ?)',
    ),
    // What AUTOINCREMENT would give the next entry: past every id used, including deleted ones.
    nextEntryId: db
      .prepare<[], number>(
        "select max(coalesce((select seq from sqlite_sequence where name = 'catalog_entries'), 0), coalesce((select max(id) from catalog_entries), 0)) + 1",
      )
      .pluck(),
    hasDatabaseEntry: db.prepare<[string], number>("select 1 from catalog_entries where key = ? and source = 'database'").pluck(),
  };
}
type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<BetterSqlite3.Database, Statements>();
function statementsFor(db: BetterSqlite3.Database): Statements {
  let s = prepared.get(db);
  if (!s) prepared.set(db, (s = statements(db)));
  return s;
}

/** From this many items on, a write drops the store's sorting indexes and builds them again after. */
export const bulkWriteSize = 10_000;

/**
 * Run `write` with the store's non-unique indexes dropped and each built again after, in one sorted pass: for a
 * large batch that beats updating eight indexes row by row. The index deletes cascade through is kept.
 */
function withoutSortingIndexes(db: BetterSqlite3.Database, write: () => void): void {
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      `select name, sql from sqlite_master where type = 'index' and tbl_name in ('catalog_entries', 'catalog_entry_fields')
       and sql is not null and sql not like 'CREATE UNIQUE%' and name != 'catalog_entry_fields_entry'`,
    )
    .all();
  for (const { name } of indexes) db.exec(`drop index "${name}"`);
  // A large write touches far more pages than SQLite's default 2 MB cache holds: every spilled page was written to the
  // WAL and read back (a third of a 100,000-item rebuild's CPU time). 256 MB while it runs.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    write();
    for (const { sql } of indexes) db.exec(sql);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

/** A database item's row, or a content/ file's item (whose data the entry holds). */
type Origin = { rowId: number } | { file: CatalogItem };
interface Ranks {
  rankTh: number | null;
  rankEn: number | null;
}

/** The columns that say where an entry comes from: a database row, or a content/ file whose data and body it holds. */
function originColumns(origin: Origin): { source: 'file' | 'database'; rowId: number | null; data: string | null; body: string | null } {
  return 'file' in origin
    ? { source: 'file', rowId: null, data: JSON.stringify(origin.file.data), body: origin.file.body }
    : { source: 'database', rowId: origin.rowId, data: null, body: null };
}

/**
 * Write the entry of `item` (replacing the one of its type and slug); its title ranks are given (see writeEntries)
 * or left to the caller.
 */
function writeEntry(s: Statements, columns: EntryColumns, origin: Origin, ranks: Ranks = { rankTh: null, rankEn: null }): number {
  s.removeEntry.run(columns.key);
  const { id, downloads } = s.insertEntry.get({ ...columns, ...originColumns(origin), ...ranks, fields: undefined })!;
  if (columns.status === 'published') {
    for (const field of columns.fields) s.insertField.run(field, id, columns.type, columns.published, downloads, ranks.rankTh);
  }
  return id;
}

/** An entry's titles and their ranks, as stored before a rebuild. */
interface RankedTitles {
  th: string;
  en: string;
  rankTh: number | null;
  rankEn: number | null;
}

/** The collation titles are ranked under: a rebuild keeps the ranks only under the one they were computed with. */
const collation = `icu ${process.versions.icu ?? 'none'}`;

/** Every stored entry's titles and ranks. */
function storedTitles(db: BetterSqlite3.Database): (RankedTitles & { id: number; key: string })[] {
  return db
    .prepare<[], RankedTitles & { id: number; key: string }>(
      'select id, key, title_th as th, coalesce(title_en, title_th) as en, rank_th as rankTh, rank_en as rankEn from catalog_entries',
    )
    .all();
}

/** Every entry's titles and ranks by key, read before a rebuild empties the store. */
function rankedTitles(db: BetterSqlite3.Database): Map<string, RankedTitles> {
  return new Map(storedTitles(db).map((row) => [row.key, row]));
}

/**
 * The ranks the entries had before a rebuild, when each of them was stored with the same titles: ranks that ordered
 * a set of titles order any part of it, so the sort of every title (a second at 100,000) is skipped. Undefined when
 * any entry is new or retitled, or was never ranked.
 */
function ranksKept(written: readonly { columns: EntryColumns }[], ranked: Map<string, RankedTitles>): { th: number[]; en: number[] } | undefined {
  const th: number[] = [];
  const en: number[] = [];
  for (const { columns } of written) {
    const before = ranked.get(columns.key);
    if (!before || before.rankTh === null || before.rankEn === null) return undefined;
    if (before.th !== columns.titleTh || before.en !== (columns.titleEn ?? columns.titleTh)) return undefined;
    th.push(before.rankTh);
    en.push(before.rankEn);
  }
  return { th, en };
}

/** Entries inserted by one statement in a batch: fewer calls into SQLite, well under its limit of bound values. */
const rowsPerInsert = 100;
const entryInsertColumns = 'id, key, type, slug, source, row_id, data, body, status, title_th, title_en, rank_th, rank_en, published, day, year, language, levels, downloads';
const fieldInsertColumns = 'field, entry_id, type, published, downloads, rank_th';

/** `insert … values (?, …), (?, …)` for `rows` rows, prepared once per connection and size. */
const multiInserts = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
function multiInsert(db: BetterSqlite3.Database, table: string, columns: string, rows: number): BetterSqlite3.Statement {
  let byShape = multiInserts.get(db);
  if (!byShape) multiInserts.set(db, (byShape = new Map()));
  const shape = `${table} ${rows}`;
  let statement = byShape.get(shape);
  if (!statement) {
    const row = `(${columns.split(',').map(() => '?').join(', ')})`;
    byShape.set(shape, (statement = db.prepare(`insert into ${table} (${columns}) values ${Array.from({ length: rows }, () => row).join(', ')}`)));
  }
  return statement;
}

/** Run `insert` over `values` (each row's values in column order), `rowsPerInsert` rows a statement. */
function insertRows(db: BetterSqlite3.Database, table: string, columns: string, values: unknown[][]): void {
  for (let from = 0; from < values.length; from += rowsPerInsert) {
    const chunk = values.slice(from, from + rowsPerInsert);
    multiInsert(db, table, columns, chunk.length).run(chunk.flat());
  }
}

/**
 * Write many entries with their title ranks computed before inserting (one sort of every title, the store's and
 * theirs), rather than inserted without and numbered again after: updating every row's ranks afterwards was most of
 * a 100,000-item rebuild. Entries already stored get new ranks only where theirs changed. The new rows get their ids
 * here (as AUTOINCREMENT would) and this month's downloads from one grouped query, so they are inserted many to a
 * statement. Call inside a transaction; `emptied` when the store was just emptied (nothing to replace).
 */
function writeEntries(
  db: BetterSqlite3.Database,
  s: Statements,
  entries: Iterable<{ columns: EntryColumns; origin: Origin }>,
  emptied?: { ranked: Map<string, RankedTitles> },
): void {
  const byKey = new Map<string, { columns: EntryColumns; origin: Origin }>();
  for (const entry of entries) {
    byKey.delete(entry.columns.key);
    byKey.set(entry.columns.key, entry);
  }
  if (!emptied) for (const key of byKey.keys()) s.removeEntry.run(key);
  const stored = emptied ? [] : storedTitles(db);
  const written = [...byKey.values()];
  const titlesTh = [...stored.map((e) => e.th), ...written.map((e) => e.columns.titleTh)];
  const titlesEn = [...stored.map((e) => e.en), ...written.map((e) => e.columns.titleEn ?? e.columns.titleTh)];
  const { th, en } = (emptied && ranksKept(written, emptied.ranked)) ?? { th: titleRanks(titlesTh), en: titleRanks(titlesEn) };
  const setTh = db.prepare<[number, number], unknown>('update catalog_entries set rank_th = ? where id = ?');
  const setFieldsTh = db.prepare<[number, number], unknown>('update catalog_entry_fields set rank_th = ? where entry_id = ?');
  const setEn = db.prepare<[number, number], unknown>('update catalog_entries set rank_en = ? where id = ?');
  stored.forEach((entry, i) => {
    if (entry.rankTh !== th[i]) {
      setTh.run(th[i]!, entry.id);
      setFieldsTh.run(th[i]!, entry.id);
    }
    if (entry.rankEn !== en[i]) setEn.run(en[i]!, entry.id);
  });
  const downloads = new Map(
    db
      .prepare<[], [string, number]>(
        `select item_key, sum(count) from download_counts where ${inDownloadWindow} group by item_key`,
      )
      .raw()
      .all(),
  );
  let id = s.nextEntryId.get()!;
  const entryRows: unknown[][] = [];
  const fieldRows: unknown[][] = [];
  written.forEach(({ columns: c, origin }, j) => {
    const rankTh = th[stored.length + j]!;
    const count = downloads.get(c.key) ?? 0;
    const { source, rowId, data, body } = originColumns(origin);
    entryRows.push([
      id, c.key, c.type, c.slug, source, rowId, data, body, c.status, c.titleTh, c.titleEn, rankTh, en[stored.length + j]!,
      c.published, c.day, c.year, c.language, c.levels, count,
    ]);
    if (c.status === 'published') for (const field of c.fields) fieldRows.push([field, id, c.type, c.published, count, rankTh]);
    id++;
  });
  insertRows(db, 'catalog_entries', entryInsertColumns, entryRows);
  // In primary key order (field, entry): each row lands at the end of its field's run instead of anywhere in the tree.
  fieldRows.sort((a, b) => (a[0] === b[0] ? (a[1] as number) - (b[1] as number) : (a[0] as string) < (b[0] as string) ? -1 : 1));
  insertRows(db, 'catalog_entry_fields', fieldInsertColumns, fieldRows);
}

/**
 * Insert or replace items by type and slug, all in one transaction: a batch lands whole or not at all. A row that
 * its schema does not accept is stored but listed nowhere, as before the store existed. Returns the items as stored
 * and listed (validated), for the search index.
 */
export function saveItems(db: Db, items: readonly ItemToSave[]): CatalogItem[] {
  const sqlite = db.$client;
  const s = statementsFor(sqlite);
  const saved: CatalogItem[] = [];
  // A few items are placed among the ranked titles one by one; a batch is ranked with the store in one sort.
  const bulk = items.length > rankInPlaceLimit;
  const write = () => {
    const written: number[] = [];
    const pending = new Map<string, { columns: EntryColumns; origin: Origin }>();
    for (const item of items) {
      const status = item.status ?? 'published';
      const rowId = s.saveRow.get({ type: item.type, slug: item.slug, data: JSON.stringify(item.data), body: item.body, status, createdBy: item.createdBy ?? null })!;
      const valid = itemFromRow({ type: item.type, slug: item.slug, data: item.data, body: item.body, status });
      const key = `${item.type}/${item.slug}`;
      pending.delete(key);
      if (valid) {
        if (bulk) pending.set(key, { columns: entryColumns(valid), origin: { rowId } });
        else written.push(writeEntry(s, entryColumns(valid), { rowId }));
        saved.push(valid);
      } else s.removeEntry.run(key);
    }
    if (bulk) writeEntries(sqlite, s, pending.values());
    else rankTitles(sqlite, written);
  };
  sqlite.transaction(() => {
    if (items.length >= bulkWriteSize) withoutSortingIndexes(sqlite, write);
    else write();
    s.bump.run();
  })();
  return saved;
}

/** The store's version: raised by every write, so anything cached under it is current. */
export function catalogVersion(db: BetterSqlite3.Database): string {
  return statementsFor(db).meta.get('version') ?? '0';
}

/**
 * Bring the store up to date with content/ (run by the launcher, before the server answers): nothing happens when
 * the files are as last written; changed files replace the file entries; a new derivation rewrites every entry.
 * Returns what was done, for the log.
 */
export function syncCatalogStore(db: Db, contentDir: string): 'current' | 'content' | 'rebuilt' {
  const sqlite = db.$client;
  const s = statementsFor(sqlite);
  const files = readContentItems(contentDir);
  const fingerprint = createHash('sha256').update(JSON.stringify(files)).digest('hex');
  const rebuild = s.meta.get('shape') !== shapeVersion;
  if (!rebuild && s.meta.get('content') === fingerprint) return 'current';
  const filesToWrite = () => files.filter((item) => !s.hasDatabaseEntry.get(`${item.type}/${item.slug}`));
  sqlite.transaction(() => {
    if (rebuild) {
      withoutSortingIndexes(sqlite, () => {
        // Ranks kept from before are in the order of the collation they were computed under (ICU's, with Node).
        const ranked = s.meta.get('collation') === collation ? rankedTitles(sqlite) : new Map<string, RankedTitles>();
        // The field rows first, so deleting the entries has nothing to cascade to; with the sorting indexes dropped.
        sqlite.exec('delete from catalog_entry_fields; delete from catalog_entries');
        // Every item's columns read first, without its body (an entry of a database item does not hold it), then
        // written with their title ranks: the connection cannot write while a statement is still reading.
        const entries: { columns: EntryColumns; origin: Origin }[] = [];
        for (const row of sqlite
          .prepare<[], { id: number; type: string; slug: string; data: string; status: ItemStatus }>('select id, type, slug, data, status from catalog_items order by id')
          .iterate()) {
          const item = itemFromRow({ ...row, body: '', data: JSON.parse(row.data) });
          if (item) entries.push({ columns: entryColumns(item), origin: { rowId: row.id } });
        }
        // A web row wins over the file of its type and slug.
        const fromDatabase = new Set(entries.map((e) => e.columns.key));
        for (const item of files) {
          const columns = entryColumns(item);
          if (!fromDatabase.has(columns.key)) entries.push({ columns, origin: { file: item } });
        }
        writeEntries(sqlite, s, entries, { ranked });
      });
    } else {
      sqlite.exec("delete from catalog_entries where source = 'file'");
      const changed = filesToWrite();
      if (changed.length > rankInPlaceLimit) writeEntries(sqlite, s, changed.map((item) => ({ columns: entryColumns(item), origin: { file: item } })));
      else rankTitles(sqlite, changed.map((item) => writeEntry(s, entryColumns(item), { file: item })));
    }
    if (rebuild) s.setMeta.run('collation', collation);
    s.setMeta.run('shape', shapeVersion);
    s.setMeta.run('content', fingerprint);
    s.bump.run();
  })();
  refreshDownloadWindow(sqlite);
  return rebuild ? 'rebuilt' : 'content';
}

/**
 * Move the downloads window to the last 30 days when a day has passed since it was last moved: each entry's count
 * is summed again, only for entries downloaded in the window or counted before. Cheap to call on every request.
 */
export function refreshDownloadWindow(db: BetterSqlite3.Database, now = new Date()): void {
  const s = statementsFor(db);
  const from = firstDayOfLast(downloadWindowDays, now);
  if (s.meta.get('downloadsFrom') === from) return;
  db.transaction(() => {
    s.setMeta.run('downloadsFrom', from);
    db.prepare(
      `update catalog_entries set downloads = (select coalesce(sum(count), 0) from download_counts where item_key = catalog_entries.key and day >= @from)
       where downloads > 0 or key in (select item_key from download_counts where day >= @from)`,
    ).run({ from });
    db.prepare(
      `update catalog_entry_fields set downloads = (select downloads from catalog_entries where id = entry_id)
       where downloads > 0 or entry_id in (select id from catalog_entries where downloads > 0)`,
    ).run();
  })();
}
