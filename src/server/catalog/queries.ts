// Reading the catalog store (catalog_entries): each page asks SQL for exactly what it shows, through indexes, and
// reads only the items it shows. Counts that need a scan are cached under the store's version, which every write raises.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../../db/connection.ts';
import { levelBit } from '../../lib/catalog/entry-columns.ts';
import { pageSize as listPageSize, pageWithin, type ListPage, type ListQuery } from '../../lib/catalog/list-query.ts';
import { contentTypes, isContentType, itemFacts, schemaFor, type CatalogItem, type ContentType, type ItemStatus } from '../../lib/content/types.ts';
import { catalogVersion, refreshDownloadWindow } from './store.ts';

interface EntryRow {
  id: number;
  type: string;
  slug: string;
  source: 'file' | 'database';
  status: ItemStatus;
  data: string;
  body: string;
  downloads: number;
}

export interface Holding {
  type: ContentType;
  count: number;
  latest: CatalogItem[];
}

/** What OAI-PMH list requests select: a datestamp range and a set. */
export interface RecordSelection {
  from?: string;
  until?: string;
  set?: string;
}

export interface ListOptions {
  /** Admins see unpublished items too; everyone else never does. */
  includeUnpublished?: boolean;
  pageSize?: number;
  /** Only items whose Thai or English title or slug holds this text (admins' list: a scan, fine at their scale). */
  titleContains?: string;
  /** Only items filed under at least one of these fields (a field staff member's list). */
  inFields?: readonly string[] | undefined;
}

/** An entry's item; lists leave out its Markdown body (an item page alone shows it), the larger part of most rows. */
const selectEntry = (withBody: boolean) => `select e.id, e.type, e.slug, e.source, e.status, coalesce(e.data, c.data) as data,
  ${withBody ? 'coalesce(e.body, c.body)' : "''"} as body, e.downloads
  from catalog_entries e left join catalog_items c on c.id = e.row_id`;

/** An entry as an item; its data was validated when written, and is parsed again to revive dates and defaults. */
function entryItem(row: EntryRow): CatalogItem | undefined {
  if (!isContentType(row.type)) return undefined;
  const parsed = schemaFor[row.type].safeParse(JSON.parse(row.data));
  if (!parsed.success) return undefined;
  return { type: row.type, slug: row.slug, data: parsed.data, body: row.body, source: row.source, status: row.status } as CatalogItem;
}

function createStore(db: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = <R>(source: string) => {
    let statement = statements.get(source);
    if (!statement) statements.set(source, (statement = db.prepare(source)));
    return statement as BetterSqlite3.Statement<unknown[], R>;
  };

  let cachedVersion = '';
  const cache = new Map<string, unknown>();
  /** `compute()` once per store version; bounded, as keys may come from requests (a feed's host). */
  const cached = <T>(key: string, compute: () => T): T => {
    const version = catalogVersion(db);
    if (version !== cachedVersion || (cache.size >= 2000 && !cache.has(key))) {
      cache.clear();
      cachedVersion = version;
    }
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };

  /** Items parsed under the current version, by key: parsing (zod) is most of what showing an item costs. */
  const parsedItems = () => cached('items', () => new Map<string, CatalogItem | undefined>());
  const itemKey = (row: { type: string; slug: string }, withBody: boolean) => `${withBody ? 'full' : 'listed'} ${row.type}/${row.slug}`;
  const rowItem = (row: EntryRow, withBody: boolean, items = parsedItems()) => {
    const key = itemKey(row, withBody);
    if (items.has(key)) return items.get(key);
    if (items.size >= 5000) items.clear();
    const item = entryItem(row);
    items.set(key, item);
    return item;
  };

  /**
   * The entries of `ids`, in that order, as items (with their bodies only when asked), with their downloads. Items
   * already parsed under this version are not read again: a database item's data is in its catalog_items row, whose
   * pages at 100,000 items are rarely in SQLite's cache, and reading 20 of them cost 7 times the rest of the query.
   */
  const entriesById = (ids: readonly number[], withBody = false): { item: CatalogItem; downloads: number }[] => {
    if (ids.length === 0) return [];
    type Head = { id: number; type: string; slug: string; downloads: number };
    const heads = prepare<Head>('select e.id, e.type, e.slug, e.downloads from catalog_entries e join json_each(?) j on j.value = e.id order by j.key').all(JSON.stringify(ids));
    // One version check for the page's rows, not one per row.
    const items = parsedItems();
    const found = new Map<number, CatalogItem | undefined>();
    for (const head of heads) {
      const key = itemKey(head, withBody);
      if (items.has(key)) found.set(head.id, items.get(key));
    }
    const missing = heads.filter((head) => !found.has(head.id)).map((head) => head.id);
    if (missing.length > 0) {
      for (const row of prepare<EntryRow>(`${selectEntry(withBody)} join json_each(?) j on j.value = e.id`).all(JSON.stringify(missing))) found.set(row.id, rowItem(row, withBody, items));
    }
    return heads.flatMap((head) => {
      const item = found.get(head.id);
      return item ? [{ item, downloads: head.downloads }] : [];
    });
  };
  const itemsById = (ids: readonly number[], withBody = false) => entriesById(ids, withBody).map((e) => e.item);
  /** The download window moves once a day (Bangkok midnight): checked once a minute, not on every list request. */
  let windowCheckedAt = Number.NEGATIVE_INFINITY;
  const refreshWindow = () => {
    const now = Date.now();
    if (now - windowCheckedAt < 60_000) return;
    windowCheckedAt = now;
    refreshDownloadWindow(db);
  };
  const ids = (source: string, ...params: unknown[]) => prepare<number>(source).pluck().all(...params) as number[];

  /**
   * Ids of items sharing a field with `item`, most shared fields first, then newest. Those sharing two or more fields
   * are found by checking each row of one field against the others through the primary key; the rest are the newest
   * of each field, read through its index, so no field's rows are all grouped.
   */
  const relatedIds = (item: CatalogItem, limit: number): number[] => {
    const self = prepare<number>('select id from catalog_entries where key = ?').pluck().get(`${item.type}/${item.slug}`) as number | undefined;
    const fields = JSON.stringify([...new Set(item.data.fields)]);
    type Candidate = { id: number; shared: number; published: number };
    const several = prepare<Candidate>(
      `select f.entry_id as id, count(*) as shared, max(f.published) as published from catalog_entry_fields f
       where f.field in (select value from json_each(@fields)) and f.entry_id in (
         select a.entry_id from catalog_entry_fields a join catalog_entry_fields b on b.entry_id = a.entry_id and b.field > a.field
         where a.field in (select value from json_each(@fields)) and b.field in (select value from json_each(@fields)))
       group by f.entry_id order by shared desc, published desc limit @limit`,
    ).all({ fields, limit: limit + 1 });
    const newest = prepare<Candidate>(
      `select f.entry_id as id, 1 as shared, f.published from json_each(@fields) j
       join catalog_entry_fields f on f.field = j.value and f.entry_id in (
         select entry_id from catalog_entry_fields where field = j.value order by published desc limit @limit)`,
    ).all({ fields, limit: limit + several.length + 1 });
    const seen = new Set<number>(self === undefined ? [] : [self]);
    const found = [...several, ...newest.sort((a, b) => b.published - a.published)].filter(({ id }) => !seen.has(id) && seen.add(id));
    return found.slice(0, limit).map(({ id }) => id);
  };

  const store = {
    /** Anything derived from the catalog alone (a feed's XML), computed once per store version. */
    remember: cached,

    /** The item of a type and slug; unpublished only when asked for. */
    find(type: ContentType, slug: string, options: { includeUnpublished?: boolean } = {}): CatalogItem | undefined {
      const row = prepare<EntryRow>(`${selectEntry(true)} where e.key = ?`).get(`${type}/${slug}`);
      const item = row && rowItem(row, true);
      return item && (item.status === 'published' || options.includeUnpublished) ? item : undefined;
    },

    /** Published items by `type/slug` key, without their bodies; keys naming nothing published are left out. */
    findByKeys(keys: readonly string[]): Map<string, CatalogItem> {
      const found = ids(`select e.id from json_each(?) j join catalog_entries e on e.key = j.value where e.status = 'published'`, JSON.stringify(keys));
      return new Map(itemsById(found).map((item) => [`${item.type}/${item.slug}`, item]));
    },

    /** A page of a list with its filters and sort, its total, and the years there are to filter by. */
    listPage(query: ListQuery, titleLang: 'th' | 'en', options: ListOptions = {}): ListPage<CatalogItem> {
      refreshWindow();
      const where: string[] = options.includeUnpublished ? [] : ["e.status = 'published'"];
      const params: Record<string, unknown> = {};
      const inField = query.field !== undefined;
      if (inField) {
        where.push('f.field = @field');
        params.field = query.field;
      }
      if (options.inFields) {
        // Published entries are found through their field rows; unpublished ones (which have none) by their data.
        where.push(`(e.id in (select entry_id from catalog_entry_fields where field in (select value from json_each(@inFields)))
          or (e.status != 'published' and exists (select 1 from json_each(coalesce(e.data, (select data from catalog_items where id = e.row_id)), '$.fields') j
            where j.value in (select value from json_each(@inFields)))))`);
        params.inFields = JSON.stringify(options.inFields);
      }
      if (query.type) {
        where.push(inField ? 'f.type = @type' : 'e.type = @type');
        params.type = query.type;
      }
      if (query.level) {
        where.push('(e.levels & @level) != 0');
        params.level = levelBit(query.level);
      }
      if (query.lang) {
        where.push('e.language = @lang');
        params.lang = query.lang;
      }
      if (query.year) {
        where.push('e.year = @year');
        params.year = query.year;
      }
      const text = options.titleContains?.trim();
      if (text) {
        where.push("(e.title_th like @text escape '\\' or e.title_en like @text escape '\\' or e.slug like @text escape '\\')");
        params.text = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const from = inField ? 'catalog_entry_fields f join catalog_entries e on e.id = f.entry_id' : 'catalog_entries e';
      const condition = where.length > 0 ? `where ${where.join(' and ')}` : '';
      const total = cached(`count ${from} ${condition} ${JSON.stringify(params)}`, () =>
        prepare<number>(`select count(*) from ${from} ${condition}`).pluck().get(params) as number,
      );
      const size = options.pageSize ?? listPageSize;
      const { page, pages } = pageWithin(total, query.page, size);
      const rank = titleLang === 'en' ? 'e.rank_en' : 'e.rank_th';
      const published = inField ? 'f.published' : 'e.published';
      // Newest first breaks ties of a day by the Thai title in either language: the index it reads holds that order.
      const order = {
        newest: `${published} desc, e.rank_th, e.id`,
        downloads: `e.downloads desc, ${published} desc, e.id`,
        title: `${inField && titleLang === 'th' ? 'f.rank_th' : rank}, ${published} desc, e.id`,
      }[query.sort];
      const pageIds = ids(`select e.id from ${from} ${condition} order by ${order} limit @limit offset @offset`, {
        ...params,
        limit: size,
        offset: (page - 1) * size,
      });
      const years = cached('years', () => {
        // A handful of distinct years among many rows: one index seek per year, newest first.
        const before = prepare<number | null>("select max(year) from catalog_entries where status = 'published' and year < ?").pluck();
        const found: number[] = [];
        for (let year = before.get(Number.MAX_SAFE_INTEGER); year !== null && year !== undefined; year = before.get(year)) found.push(year);
        return found;
      });
      const items = entriesById(pageIds).map(({ item, downloads }) => ({ item, type: item.type, facts: itemFacts(item), downloads }));
      return { items, total, page, pages, years };
    },

    /**
     * For one field: how many published items of each type it holds, and the newest few; the same until the next
     * write, so remembered under the store's version (a field page shows it on every request).
     */
    fieldHoldings(field: string, latestCount = 3): readonly Holding[] {
      return cached(`holdings ${field} ${latestCount}`, () => {
        const rows = prepare<{ type: ContentType; n: number }>('select type, count(*) as n from catalog_entry_fields where field = ? group by type').all(field);
        const counts = new Map(rows.map((r) => [r.type, r.n]));
        return contentTypes.map((type) => {
          const count = counts.get(type) ?? 0;
          const latest = count === 0 ? [] : itemsById(ids('select entry_id from catalog_entry_fields where field = ? and type = ? order by published desc limit ?', field, type, latestCount));
          return { type, count, latest };
        });
      });
    },

    /** The field's most downloaded items over the last 30 days, with their counts. */
    mostDownloadedInField(field: string, limit = 5): { item: CatalogItem; downloads: number }[] {
      refreshWindow();
      return entriesById(
        ids(
          `select e.id from catalog_entry_fields f join catalog_entries e on e.id = f.entry_id
           where f.field = ? and f.downloads > 0 order by f.downloads desc, e.rank_th limit ?`,
          field,
          limit,
        ),
      );
    },

    /** How many published items of any type each field holds, by field slug. */
    itemCountsByField(): Map<string, number> {
      return cached('field counts', () => {
        const rows = prepare<{ field: string; n: number }>('select field, count(*) as n from catalog_entry_fields group by field').all();
        return new Map(rows.map((r) => [r.field, r.n]));
      });
    },

    /** The newest published items, of one field when given; their bodies only when asked (feeds summarize them). */
    latest(count: number, field?: string, withBody = false): CatalogItem[] {
      return itemsById(
        field === undefined
          ? ids("select id from catalog_entries where status = 'published' order by published desc, rank_th limit ?", count)
          : ids('select entry_id from catalog_entry_fields where field = ? order by published desc limit ?', field, count),
        withBody,
      );
    },

    /** Items sharing a field with `item`, most shared fields first, then newest; remembered per version (5,000 at most). */
    related(item: CatalogItem, limit = 4): CatalogItem[] {
      const remembered = cached('related', () => new Map<string, number[]>());
      const key = `${item.type}/${item.slug} ${limit}`;
      let found = remembered.get(key);
      if (!found) {
        if (remembered.size >= 5000) remembered.clear();
        found = relatedIds(item, limit);
        remembered.set(key, found);
      }
      return itemsById(found);
    },

    /** Published items' addresses and dates, for the sitemap, `limit` from `offset` (all by default); no item data is read. */
    *sitemapEntries(offset = 0, limit = -1): Generator<{ type: ContentType; slug: string; published: Date }> {
      const rows = prepare<{ type: ContentType; slug: string; published: number }>(
        "select type, slug, published from catalog_entries where status = 'published' order by id limit ? offset ?",
      );
      for (const row of rows.iterate(limit, offset)) yield { type: row.type, slug: row.slug, published: new Date(row.published) };
    },

    /** How many items are published, for the sitemap's pages. */
    publishedCount(): number {
      return cached('published', () => prepare<number>("select count(*) from catalog_entries where status = 'published'").pluck().get() as number);
    },

    /** One page of the records an OAI-PMH list selects, oldest first, with how many it selects in all. */
    records(selection: RecordSelection, offset: number, limit: number): { records: CatalogItem[]; total: number } {
      const where = ["e.status = 'published'"];
      const params: Record<string, unknown> = {};
      let from = 'catalog_entries e';
      if (selection.from) (where.push('e.day >= @from'), (params.from = selection.from));
      if (selection.until) (where.push('e.day <= @until'), (params.until = selection.until));
      const set = selection.set ? /^(field|type)(?::(.+))?$/.exec(selection.set) : undefined;
      if (set === null) return { records: [], total: 0 };
      if (set?.[2] && set[1] === 'field') {
        from = 'catalog_entry_fields f join catalog_entries e on e.id = f.entry_id';
        where.push('f.field = @field');
        params.field = set[2];
      } else if (set?.[2]) {
        where.push('e.type = @type');
        params.type = set[2];
      }
      const condition = where.join(' and ');
      const total = cached(`records ${from} ${condition} ${JSON.stringify(params)}`, () =>
        prepare<number>(`select count(*) from ${from} where ${condition}`).pluck().get(params) as number,
      );
      const found = ids(`select e.id from ${from} where ${condition} order by e.day, e.key limit @limit offset @offset`, { ...params, limit, offset });
      return { records: itemsById(found, true), total };
    },

    /** Slugs of the type starting with `base` (it, or it with a suffix), to find one not taken. */
    slugsLike(type: ContentType, base: string): Set<string> {
      const like = `${base.replace(/[\\%_]/g, '\\$&')}-%`;
      const source = "select slug from catalog_entries where type = ? and (slug = ? or slug like ? escape '\\')";
      return new Set(prepare<string>(source).pluck().all(type, base, like) as string[]);
    },
  };
  return store;
}

export type CatalogStore = ReturnType<typeof createStore>;
const stores = new WeakMap<BetterSqlite3.Database, CatalogStore>();

/** The catalog store of a database, one per connection (its prepared statements and caches). */
export function catalogStore(db: Db): CatalogStore {
  let store = stores.get(db.$client);
  if (!store) stores.set(db.$client, (store = createStore(db.$client)));
  return store;
}
