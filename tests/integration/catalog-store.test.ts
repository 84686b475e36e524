// The catalog store on real SQLite files: content/ synced in, web rows winning, lists filtered, sorted and paged in SQL.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { parseListQuery, pageSize } from '../../src/lib/catalog/list-query.ts';
import { readContentItems } from '../../src/server/catalog/sources.ts';
import { catalogStore } from '../../src/server/catalog/queries.ts';
import { refreshDownloadWindow, saveItems, syncCatalogStore, type ItemToSave } from '../../src/server/catalog/store.ts';
import { rankInPlaceLimit } from '../../src/server/catalog/title-rank.ts';
import { contentDir } from '../helpers/content.ts';
import { tempDir } from '../helpers/server.ts';

const dirs: { remove: () => void }[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.$client.close());
  dirs.splice(0).forEach((d) => d.remove());
});

function freshDb(): Db {
  const dir = tempDir('ic-store-');
  dirs.push(dir);
  const db = openDatabase(join(dir.path, 'store.db'));
  migrateDatabase(db);
  dbs.push(db);
  return db;
}

function ebook(slug: string, titleTh: string, extra: Record<string, unknown> = {}): ItemToSave {
  const data = {
    titleTh, authors: ['นายทดสอบ ระบบ'], summary: 'สื่อทดสอบ', levels: ['vc'], language: 'th', publisher: 'วิทยาลัยเทคนิคสระบุรี',
    year: 2567, licence: 'CC BY 4.0', fields: ['electrical-technology'], published: '2026-01-01', ...extra,
  };
  return { type: 'ebooks', slug, data, body: '' };
}

const titles = (db: Db, params: string, lang: 'th' | 'en' = 'th') =>
  catalogStore(db).listPage(parseListQuery(new URLSearchParams(params)), lang).items.map((l) => l.item.slug);

describe('catalog store', () => {
  it('holds the content/ items after a sync, once, and a web row wins over the file of its slug', () => {
    const db = freshDb();
    const files = readContentItems(contentDir);
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    expect(syncCatalogStore(db, contentDir)).toBe('current');
    const store = catalogStore(db);
    expect(store.listPage(parseListQuery(new URLSearchParams()), 'th').total).toBe(files.length);
    const file = files.find((i) => i.type === 'ebooks')!;
    expect(store.find('ebooks', file.slug)?.source).toBe('file');
    saveItems(db, [{ ...ebook(file.slug, 'ฉบับแก้ไขจากหน้าเว็บ'), status: 'unpublished' }]);
    expect(store.find('ebooks', file.slug)).toBeUndefined();
    expect(store.find('ebooks', file.slug, { includeUnpublished: true })).toMatchObject({ source: 'database', data: { titleTh: 'ฉบับแก้ไขจากหน้าเว็บ' } });
    expect(store.listPage(parseListQuery(new URLSearchParams()), 'th').total).toBe(files.length - 1);
    // A new derivation rewrites every entry from both sources, and the web row still wins.
    db.$client.prepare("update catalog_meta set value = 'old' where key = 'shape'").run();
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    expect(store.find('ebooks', file.slug, { includeUnpublished: true })?.source).toBe('database');
    expect(store.listPage(parseListQuery(new URLSearchParams()), 'th').total).toBe(files.length - 1);
  });

  it('sorts titles in Thai dictionary order, placing new titles among ranked ones and numbering a batch anew', () => {
    const db = freshDb();
    // Leading vowels (เ แ โ ใ ไ) sort by the consonant after them in Thai dictionaries.
    saveItems(db, [ebook('a', 'ไฟฟ้า', { titleEn: 'Electricity' }), ebook('b', 'เครื่องกล')]);
    saveItems(db, [ebook('c', 'การโรงแรม')]);
    saveItems(db, [ebook('d', 'ช่างยนต์')]);
    saveItems(db, [ebook('e', 'ช่างยนต์'), ebook('f', 'ฮาร์ดแวร์')]);
    expect(titles(db, 'sort=title')).toEqual(['c', 'b', 'd', 'e', 'a', 'f']);
    // English pages sort by the English title where there is one (Latin after Thai, as the Thai collation has it).
    expect(titles(db, 'sort=title', 'en')).toEqual(['c', 'b', 'd', 'e', 'f', 'a']);
    const batch = Array.from({ length: rankInPlaceLimit + 1 }, (_, i) => ebook(`n${i}`, `หนังสือ ${rankInPlaceLimit - i}`));
    saveItems(db, batch);
    const sorted = catalogStore(db).listPage(parseListQuery(new URLSearchParams('sort=title&page=2')), 'th');
    // ห (หนังสือ) comes after ไ-ฟ (ไฟฟ้า) and before ฮ (ฮาร์ดแวร์); numbers by value.
    const numbered = Array.from({ length: rankInPlaceLimit + 1 }, (_, k) => `n${rankInPlaceLimit - k}`);
    expect(sorted.items.map((l) => l.item.slug)).toEqual(['c', 'b', 'd', 'e', 'a', ...numbered, 'f'].slice(12, 24));
    // Many titles placed one at a time between the same two neighbours exhaust the gap; the store numbers them again.
    for (let i = 0; i < 60; i++) saveItems(db, [ebook(`g${i}`, `ช่างยนต์ ${'ก'.repeat(i + 1)}`)]);
    const all = catalogStore(db).listPage(parseListQuery(new URLSearchParams('sort=title')), 'th', { pageSize: 1000 }).items.map((l) => l.facts.titleTh);
    const expected = [...all].sort(new Intl.Collator('th', { sensitivity: 'base', numeric: true }).compare);
    expect(all).toEqual(expected);
    // A rebuild (a new derivation) ranks every title, the content/ files' too, before writing the entries; each
    // field's copy of the rank is written with its entry.
    db.$client.prepare("insert or replace into catalog_meta (key, value) values ('shape', 'old')").run();
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    const rebuilt = catalogStore(db).listPage(parseListQuery(new URLSearchParams('sort=title')), 'th', { pageSize: 1000 }).items.map((l) => l.facts.titleTh);
    expect(rebuilt.length).toBeGreaterThan(all.length);
    expect(rebuilt).toEqual([...rebuilt].sort(new Intl.Collator('th', { sensitivity: 'base', numeric: true }).compare));
    const unranked = 'select count(*) from catalog_entries where rank_th is null or rank_en is null';
    expect(db.$client.prepare(unranked).pluck().get()).toBe(0);
    const stale = 'select count(*) from catalog_entry_fields f join catalog_entries e on e.id = f.entry_id where f.rank_th is not e.rank_th';
    expect(db.$client.prepare(stale).pluck().get()).toBe(0);
  });

  it('sorts by newest and by this month\'s downloads, moving the 30-day window daily', () => {
    const db = freshDb();
    saveItems(db, [ebook('old', 'ก', { published: '2025-01-01' }), ebook('new', 'ข', { published: '2026-03-01' })]);
    expect(titles(db, '')).toEqual(['new', 'old']);
    const count = db.$client.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?)');
    const today = new Date();
    const day = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' });
    count.run('ebooks/old', day(0), 5);
    count.run('ebooks/new', day(40), 50);
    expect(titles(db, 'sort=downloads')).toEqual(['old', 'new']);
    expect(catalogStore(db).mostDownloadedInField('electrical-technology').map((e) => [e.item.slug, e.downloads])).toEqual([['old', 5]]);
    // Forty days ago, the window held the 50 downloads of `new` (and today's, counted since, too).
    refreshDownloadWindow(db.$client, new Date(today.getTime() - 40 * 86_400_000));
    const downloads = db.$client.prepare('select slug, downloads from catalog_entries order by slug').all();
    expect(downloads).toEqual([{ slug: 'new', downloads: 50 }, { slug: 'old', downloads: 5 }]);
    // Each field's copy, which the field page's "most downloaded" reads, moves with it.
    const perField = db.$client.prepare('select e.slug, f.downloads from catalog_entry_fields f join catalog_entries e on e.id = f.entry_id order by e.slug').all();
    expect(perField).toEqual(downloads);
    // A download counted in the window raises the entry's count at once.
    db.$client.prepare('update download_counts set count = count + 1 where item_key = ?').run('ebooks/new');
    refreshDownloadWindow(db.$client);
    expect(titles(db, 'sort=downloads')).toEqual(['old', 'new']);
    count.run('ebooks/new', day(1), 10);
    expect(titles(db, 'sort=downloads')).toEqual(['new', 'old']);
    expect(catalogStore(db).mostDownloadedInField('electrical-technology').map((e) => [e.item.slug, e.downloads])).toEqual([['new', 10], ['old', 5]]);
  });

  it('filters by field, level, type, language and year together, counts, and pages', () => {
    const db = freshDb();
    saveItems(db, [
      ebook('a', 'a', { levels: ['vc'], language: 'th', year: 2567 }),
      ebook('b', 'b', { levels: ['hvc'], language: 'th', year: 2567 }),
      ebook('c', 'c', { levels: ['vc'], language: 'en', year: 2567 }),
      ebook('d', 'd', { levels: ['vc', 'hvc'], language: 'th', year: 2566, fields: ['electrical-technology', 'hotel-management'] }),
      ebook('e', 'e', { levels: ['vc'], language: 'th', year: 2567, fields: ['hotel-management'] }),
    ]);
    const store = catalogStore(db);
    const result = store.listPage(parseListQuery(new URLSearchParams('field=electrical-technology&level=vc&lang=th&year=2567&type=ebooks')), 'th');
    expect(result.items.map((l) => l.item.slug)).toEqual(['a']);
    expect(result.years).toEqual([2567, 2566]);
    expect(titles(db, 'level=hvc&sort=title')).toEqual(['b', 'd']);
    expect(titles(db, 'field=hotel-management&sort=title')).toEqual(['d', 'e']);
    expect(titles(db, 'type=research')).toEqual([]);
    expect(Object.fromEntries(store.itemCountsByField())).toEqual({ 'electrical-technology': 4, 'hotel-management': 2 });
    expect(store.fieldHoldings('hotel-management', 1).find((h) => h.type === 'ebooks')).toMatchObject({ count: 2 });
    expect(store.related(store.find('ebooks', 'd')!).map((i) => i.slug)).toHaveLength(4);
    expect(store.related(store.find('ebooks', 'e')!).map((i) => i.slug)).toEqual(['d']);

    saveItems(db, Array.from({ length: pageSize * 2 + 1 }, (_, i) => ebook(`p${i}`, `รายการ ${i}`, { fields: ['mechatronics-and-robotics'] })));
    const last = store.listPage(parseListQuery(new URLSearchParams('field=mechatronics-and-robotics&page=99')), 'th');
    expect(last).toMatchObject({ total: pageSize * 2 + 1, pages: 3, page: 3 });
    expect(last.items).toHaveLength(1);
    // Counts are cached, but every write raises the version they are cached under.
    saveItems(db, [ebook('p0', 'รายการ 0', { fields: ['hotel-management'] })]);
    expect(store.listPage(parseListQuery(new URLSearchParams('field=mechatronics-and-robotics')), 'th').total).toBe(pageSize * 2);
    expect(store.itemCountsByField().get('hotel-management')).toBe(3);
  });

  it('writes a batch and a rebuild many rows a statement: downloads, field rows, new ids and kept or renumbered ranks', () => {
    const db = freshDb();
    const batch = (from: number) => Array.from({ length: rankInPlaceLimit + 1 }, (_, i) => ebook(`b${from + i}`, `ชุด ${from + i}`, { fields: ['electrical-technology', 'hotel-management'] }));
    syncCatalogStore(db, contentDir);
    saveItems(db, batch(0));
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' });
    const count = db.$client.prepare('insert into download_counts (item_key, day, count) values (?, ?, ?)');
    count.run('ebooks/b3', today, 7);
    count.run('ebooks/b3', '2000-01-01', 100); // outside the window
    const rows = () => db.$client.prepare('select key, downloads, rank_th, rank_en from catalog_entries order by key').all();
    const fieldRows = () =>
      db.$client.prepare('select f.field, e.key, f.downloads, f.rank_th from catalog_entry_fields f join catalog_entries e on e.id = f.entry_id order by 1, 2').all();
    const maxId = () => db.$client.prepare('select max(id) from catalog_entries').pluck().get() as number;
    // Written again in a batch (replaced by slug), with a new one: the download count comes with each entry and its field rows.
    saveItems(db, batch(1));
    expect(db.$client.prepare("select downloads from catalog_entries where key = 'ebooks/b3'").pluck().get()).toBe(7);
    expect(fieldRows().filter((r) => (r as { key: string }).key === 'ebooks/b3').map((r) => (r as { downloads: number }).downloads)).toEqual([7, 7]);
    expect(fieldRows().filter((r) => (r as { key: string }).key.startsWith('ebooks/b'))).toHaveLength(2 * (rankInPlaceLimit + 2));
    const store = catalogStore(db);
    // A rebuild with the same titles keeps the ranks (the one placed between two others too, not numbered again) and
    // counts, and numbers entries on from the last id, never reusing one.
    saveItems(db, [ebook('between', 'ชุด 3 ก')]);
    expect(Number.isInteger(db.$client.prepare("select rank_th from catalog_entries where key = 'ebooks/between'").pluck().get())).toBe(false);
    const before = { rows: rows(), fields: fieldRows(), maxId: maxId() };
    db.$client.prepare("update catalog_meta set value = 'old' where key = 'shape'").run();
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    const kept = new Set(before.rows.map((r) => (r as { key: string }).key));
    expect(rows().filter((r) => kept.has((r as { key: string }).key))).toEqual(before.rows);
    expect(fieldRows().filter((r) => kept.has((r as { key: string }).key))).toEqual(before.fields);
    expect(db.$client.prepare('select min(id) from catalog_entries').pluck().get()).toBeGreaterThan(before.maxId);
    // Ranks computed under another collation (Node's ICU upgraded) are computed again: here, numbered from 0 again.
    db.$client.prepare("update catalog_meta set value = 'icu 0' where key = 'collation'").run();
    db.$client.prepare("update catalog_meta set value = 'old' where key = 'shape'").run();
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    expect(Number.isInteger(db.$client.prepare("select rank_th from catalog_entries where key = 'ebooks/between'").pluck().get())).toBe(true);
    // A title the old derivation gave otherwise (here: a stored title changed by hand) is ranked anew with every title.
    db.$client.prepare("update catalog_entries set title_th = 'ฮ', rank_th = 1e9 where key = 'ebooks/b5'").run();
    db.$client.prepare("update catalog_meta set value = 'old' where key = 'shape'").run();
    expect(syncCatalogStore(db, contentDir)).toBe('rebuilt');
    const titlesInOrder = store.listPage(parseListQuery(new URLSearchParams('sort=title')), 'th', { pageSize: 1000 }).items.map((l) => l.facts.titleTh);
    expect(titlesInOrder).toContain('ชุด 5');
    expect(titlesInOrder).toEqual([...titlesInOrder].sort(new Intl.Collator('th', { sensitivity: 'base', numeric: true }).compare));
    const stale = 'select count(*) from catalog_entry_fields f join catalog_entries e on e.id = f.entry_id where f.rank_th is not e.rank_th or f.downloads != e.downloads';
    expect(db.$client.prepare(stale).pluck().get()).toBe(0);
  });

  it('selects OAI-PMH records by day and set, oldest first, a page at a time', () => {
    const db = freshDb();
    saveItems(db, [
      ebook('plc-basics', 'ก', { published: '2025-05-01' }),
      ebook('energy-iot', 'ข', { published: '2023-06-01' }),
      { type: 'experts', slug: 'somchai', body: '', data: { nameTh: 'สมชาย', titleTh: 'ผู้เชี่ยวชาญ', organization: 'บริษัท', organizationType: 'establishment', expertise: ['PLC'], fields: ['hotel-management'], published: '2026-01-01' } },
    ]);
    const slugs = (selection: Parameters<ReturnType<typeof catalogStore>['records']>[0]) => catalogStore(db).records(selection, 0, 50).records.map((i) => i.slug);
    expect(slugs({})).toEqual(['energy-iot', 'plc-basics', 'somchai']);
    expect(slugs({ from: '2025-05-01' })).toEqual(['plc-basics', 'somchai']);
    expect(slugs({ until: '2025-05-01' })).toEqual(['energy-iot', 'plc-basics']);
    expect(slugs({ from: '2025-05-01', until: '2025-05-01' })).toEqual(['plc-basics']);
    expect(slugs({ set: 'field:electrical-technology' })).toEqual(['energy-iot', 'plc-basics']);
    expect(slugs({ set: 'field' })).toHaveLength(3);
    expect(slugs({ set: 'type:experts' })).toEqual(['somchai']);
    expect(slugs({ set: 'field:electrical' })).toEqual([]);
    expect(slugs({ set: 'fields' })).toEqual([]);
    expect(catalogStore(db).records({}, 1, 1)).toMatchObject({ total: 3, records: [{ slug: 'plc-basics' }] });
  });
});
