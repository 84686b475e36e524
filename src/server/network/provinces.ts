// Thailand's provinces from the maintained thai-address-universal package (docs/decisions/008-provinces-package.md),
// kept in the provinces table so reports can group by province and region in SQL.
import { asc } from 'drizzle-orm';
import { getProvinces } from 'thai-address-universal';
import type { Db } from '../../../db/connection.ts';
import { provinces, type Province } from '../../../db/schema/index.ts';
import { regionOf } from '../../lib/network/terms.ts';

/** Write the package's 77 provinces once, on a new database (loading the package takes a moment); returns how many. */
export async function syncProvinces(db: Db): Promise<number> {
  const stored = db.$client.prepare('select count(*) from provinces').pluck().get() as number;
  if (stored > 0) return stored;
  const list = await getProvinces();
  db.transaction((tx) => {
    for (const p of list) {
      const row = { code: p.code, nameTh: p.nameTh, nameEn: p.nameEn, region: regionOf(p.code) };
      tx.insert(provinces).values(row).onConflictDoUpdate({ target: provinces.code, set: row }).run();
    }
  });
  return list.length;
}

/** Every province in Thai alphabetical order (as the package lists them). */
export function listProvinces(db: Db): Province[] {
  return db.select().from(provinces).orderBy(asc(provinces.nameTh)).all();
}
