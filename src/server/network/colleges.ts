// The network's colleges: the fields' host colleges from content/fields/fields.yaml, and the rest of the network.
import { join } from 'node:path';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { collegeFields, colleges, supplyRows, type College, type Province } from '../../../db/schema/index.ts';
import type { Field } from '../../lib/content/schemas/index.ts';
import { readYamlFile } from '../content-files.ts';
import { perConnection } from '../per-connection.ts';
import { listProvinces } from './provinces.ts';

interface HostCollegeNotes {
  provinces: Record<string, string>;
  private: string[];
}

/** The province a host college is in: named in content/network/host-colleges.yaml, else the one its name contains. */
export function hostCollegeProvince(nameTh: string, nameEn: string, all: readonly Province[], notes: HostCollegeNotes): Province {
  const noted = Object.hasOwn(notes.provinces, nameTh) ? notes.provinces[nameTh] : undefined;
  const found = noted
    ? all.find((p) => p.nameTh === noted)
    : [...all].sort((a, b) => b.nameTh.length - a.nameTh.length).find((p) => nameTh.includes(p.nameTh) || nameEn.includes(p.nameEn));
  if (!found) throw new Error(`no province for host college "${nameTh}": add it to content/network/host-colleges.yaml`);
  return found;
}

/**
 * Every field's host college, with group `cvm-host` in that field; run on every start so a new field in
 * fields.yaml gets its college, and a corrected province or ownership in host-colleges.yaml reaches existing databases:
 * the college's supply rows move with a corrected province (it was wrong, not moved; the totals follow by their
 * triggers). Existing colleges keep their other fields and groups.
 */
export function syncHostColleges(db: Db, fields: readonly Field[], contentDir: string): number {
  const notes = readYamlFile(join(contentDir, 'network', 'host-colleges.yaml')) as HostCollegeNotes;
  const all = listProvinces(db);
  return db.transaction((tx) => {
    for (const field of fields) {
      const province = hostCollegeProvince(field.hostCollegeTh, field.hostCollegeEn, all, notes);
      const ownership = notes.private.includes(field.hostCollegeTh) ? 'private' : 'state';
      const college = tx
        .insert(colleges)
        .values({ nameTh: field.hostCollegeTh, nameEn: field.hostCollegeEn, provinceCode: province.code, ownership })
        .onConflictDoUpdate({ target: colleges.nameTh, set: { nameEn: field.hostCollegeEn, provinceCode: province.code, ownership } })
        .returning({ id: colleges.id })
        .get();
      tx.update(supplyRows)
        .set({ provinceCode: province.code })
        .where(and(eq(supplyRows.collegeId, college.id), ne(supplyRows.provinceCode, province.code)))
        .run();
      tx.insert(collegeFields)
        .values({ collegeId: college.id, fieldSlug: field.slug, group: 'cvm-host' })
        .onConflictDoUpdate({ target: [collegeFields.collegeId, collegeFields.fieldSlug], set: { group: 'cvm-host' } })
        .run();
    }
    return tx.select({ n: sql<number>`count(distinct ${collegeFields.collegeId})` }).from(collegeFields).where(eq(collegeFields.group, 'cvm-host')).get()!.n;
  });
}

export interface CollegeChoice {
  id: number;
  nameTh: string;
  nameEn: string;
  provinceTh: string;
  provinceEn: string;
}

/** Every college for the registration and profile select, in Thai order, with its province to tell namesakes apart. */
export function collegeChoices(db: Db): CollegeChoice[] {
  return db.$client
    .prepare(
      `select c.id, c.name_th as nameTh, c.name_en as nameEn, p.name_th as provinceTh, p.name_en as provinceEn
       from colleges c join provinces p on p.code = c.province_code order by c.name_th`,
    )
    .all() as CollegeChoice[];
}

export function findCollege(db: Db, id: number): College | undefined {
  return db.select().from(colleges).where(eq(colleges.id, id)).get();
}

/** Every college's id, for forms that must name one of them. */
export function collegeIds(db: Db): Set<number> {
  return new Set(db.select({ id: colleges.id }).from(colleges).all().map((r) => r.id));
}

export function listColleges(db: Db): College[] {
  return db.select().from(colleges).orderBy(asc(colleges.nameTh)).all();
}

/** The colleges teaching a field, with their group in it, by Thai name. */
const hostStatement = perConnection((db) =>
  db.$client.prepare<[string, string], CollegeChoice>(
    `select c.id, c.name_th as nameTh, c.name_en as nameEn, p.name_th as provinceTh, p.name_en as provinceEn
     from college_fields cf join colleges c on c.id = cf.college_id join provinces p on p.code = c.province_code
     where cf.field_slug = ? and (cf."group" = 'cvm-host' or c.name_th = ?) order by c.name_th limit 1`,
  ),
);

/** The field's host college as the network knows it (its province): the one in group `cvm-host`, or of that Thai name. */
export function hostCollegeOf(db: Db, fieldSlug: string, hostCollegeTh: string): CollegeChoice | undefined {
  return hostStatement(db).get(fieldSlug, hostCollegeTh);
}

export function collegesTeaching(db: Db, fieldSlug: string): (CollegeChoice & { group: string })[] {
  return db.$client
    .prepare(
      `select c.id, c.name_th as nameTh, c.name_en as nameEn, p.name_th as provinceTh, p.name_en as provinceEn, cf."group" as "group"
       from college_fields cf join colleges c on c.id = cf.college_id join provinces p on p.code = c.province_code
       where cf.field_slug = ? order by c.name_th`,
    )
    .all(fieldSlug) as (CollegeChoice & { group: string })[];
}
