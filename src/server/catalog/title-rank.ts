// Thai dictionary order of titles, stored: each entry's rank_th and rank_en place its title among the published titles
// under Intl.Collator('th'), so a list sorted by title is an index scan, never a sort of every title per request.
// A few new entries are placed between their neighbours (a binary search over the rank index, a rank halfway
// between); a batch, or a gap too narrow to halve, numbers every title again.
import type BetterSqlite3 from 'better-sqlite3';
import { thaiOrder } from '../../lib/catalog/entry-columns.ts';

const columns = {
  th: { rank: 'rank_th', title: 'title_th' },
  en: { rank: 'rank_en', title: 'coalesce(title_en, title_th)' },
} as const;
type RankColumn = keyof typeof columns;

interface Probe {
  rank: number;
  title: string;
}

/** Beyond this many entries written at once, numbering every title (one sort) beats placing each. */
export const rankInPlaceLimit = 200;

function probes(db: BetterSqlite3.Database, column: RankColumn) {
  const { rank, title } = columns[column];
  const select = `select ${rank} as rank, ${title} as title from catalog_entries where status = 'published' and ${rank} is not null`;
  return {
    first: db.prepare<[], Probe>(`${select} order by ${rank} limit 1`),
    last: db.prepare<[], Probe>(`${select} order by ${rank} desc limit 1`),
    atOrAbove: db.prepare<[number, number], Probe>(`${select} and ${rank} >= ? and ${rank} < ? order by ${rank} limit 1`),
    below: db.prepare<[number, number], Probe>(`${select} and ${rank} > ? and ${rank} < ? order by ${rank} desc limit 1`),
    entry: db.prepare<[number, number], unknown>(`update catalog_entries set ${rank} = ? where id = ?`),
    // A field's rows keep the Thai rank too (db/schema/catalog-entries.ts).
    fields: column === 'th' ? db.prepare<[number, number], unknown>('update catalog_entry_fields set rank_th = ? where entry_id = ?') : undefined,
    set(rank: number, id: number) {
      this.entry.run(rank, id);
      this.fields?.run(rank, id);
    },
  };
}
type Probes = ReturnType<typeof probes>;

/** The rank for `title` among the ranked titles, or undefined when its neighbours' ranks are too close to split. */
function placeTitle(p: Probes, title: string): number | undefined {
  const first = p.first.get();
  if (!first) return 0;
  const last = p.last.get()!;
  for (const [edge, step] of [[first, -1], [last, 1]] as const) {
    const order = thaiOrder.compare(title, edge.title);
    if (order === 0) return edge.rank;
    if (Math.sign(order) === step) return edge.rank + step;
  }
  // From here on title(lo) < title < title(hi).
  let lo = first.rank;
  let hi = last.rank;
  for (;;) {
    const mid = (lo + hi) / 2;
    const probe = p.atOrAbove.get(mid, hi) ?? p.below.get(lo, mid);
    if (!probe) break;
    const order = thaiOrder.compare(title, probe.title);
    if (order === 0) return probe.rank;
    if (order < 0) hi = probe.rank;
    else lo = probe.rank;
  }
  const rank = (lo + hi) / 2;
  return rank > lo && rank < hi ? rank : undefined;
}

/**
 * The rank of each title when all of them are numbered 0, 1, 2, … in Thai order; equal titles share a rank. Equal
 * strings are sorted once (generated and imported catalogs repeat titles), then compared with the collator.
 */
export function titleRanks(titles: readonly string[]): number[] {
  const distinct = [...new Set(titles)].sort((a, b) => thaiOrder.compare(a, b));
  const count = new Map<string, number>();
  for (const title of titles) count.set(title, (count.get(title) ?? 0) + 1);
  const rankOf = new Map<string, number>();
  let position = 0;
  distinct.forEach((title, i) => {
    // Distinct strings the collator finds equal (case, spacing marks) share the first one's rank.
    rankOf.set(title, i > 0 && thaiOrder.compare(distinct[i - 1]!, title) === 0 ? rankOf.get(distinct[i - 1]!)! : position);
    position += count.get(title)!;
  });
  return titles.map((title) => rankOf.get(title)!);
}

/** Number every entry's titles 0, 1, 2, … in Thai order; equal titles share a rank. Only changed ranks are written. */
export function rankAllTitles(db: BetterSqlite3.Database): void {
  const rows = db
    .prepare<[], { id: number; th: string; en: string; rankTh: number | null; rankEn: number | null }>(
      'select id, title_th as th, coalesce(title_en, title_th) as en, rank_th as rankTh, rank_en as rankEn from catalog_entries',
    )
    .all();
  for (const column of ['th', 'en'] as const) {
    const ranks = titleRanks(rows.map((row) => row[column]));
    const p = probes(db, column);
    const current = column === 'th' ? 'rankTh' : 'rankEn';
    rows.forEach((row, i) => {
      if (row[current] !== ranks[i]) p.set(ranks[i]!, row.id);
    });
  }
}

/** Give the entries `ids` (written without ranks) their place in Thai order; call inside the writing transaction. */
export function rankTitles(db: BetterSqlite3.Database, ids: readonly number[]): void {
  if (ids.length === 0) return;
  if (ids.length > rankInPlaceLimit) return rankAllTitles(db);
  const titles = db.prepare<[number], { th: string; en: string }>('select title_th as th, coalesce(title_en, title_th) as en from catalog_entries where id = ?');
  for (const column of ['th', 'en'] as const) {
    const p = probes(db, column);
    for (const id of ids) {
      const rank = placeTitle(p, titles.get(id)![column]);
      if (rank === undefined) return rankAllTitles(db);
      p.set(rank, id);
    }
  }
}
