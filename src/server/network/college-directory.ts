// The public college directory (/colleges) and a college's page: names, places, fields and groups, and figures in
// aggregate (agreements by status, approved supply by year and level). Never a person.
import type { Db } from '../../../db/connection.ts';
import { getDb } from '../db.ts';
import { perConnection } from '../per-connection.ts';
import { agreementStatuses, partnerStatuses, type AgreementStatus, type CollegeGroup, type ManpowerLevel, type Region } from '../../lib/network/terms.ts';

export interface CollegeFilter {
  q?: string | undefined;
  field?: string | undefined;
  province?: string | undefined;
  region?: Region | undefined;
  page: number;
  pageSize: number;
}

export interface CollegeField {
  slug: string;
  group: CollegeGroup;
}

export interface CollegeEntry {
  id: number;
  nameTh: string;
  nameEn: string;
  provinceCode: string;
  provinceTh: string;
  provinceEn: string;
  region: Region;
  ownership: 'state' | 'private';
  /** Its fields, the ones it hosts (CVM host) first. */
  fields: CollegeField[];
}

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const groupOrder = `case cf."group" when 'cvm-host' then 0 when 'excellent' then 1 when 'expert' then 2 else 3 end`;

function collegeWhere(filter: CollegeFilter): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.q) {
    parts.push(`(lower(c.name_th) like ? escape '\\' or lower(c.name_en) like ? escape '\\')`);
    params.push(likeEscaped(filter.q.toLowerCase()), likeEscaped(filter.q.toLowerCase()));
  }
  if (filter.field) (parts.push('c.id in (select college_id from college_fields where field_slug = ?)'), params.push(filter.field));
  if (filter.province) (parts.push('c.province_code = ?'), params.push(filter.province));
  if (filter.region) (parts.push('p.region = ?'), params.push(filter.region));
  return { where: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/** Each row's `fieldList` ("slug:group slug:group", hosts first) as fields. */
function readFields(list: string | null): CollegeField[] {
  return (list ?? '').split(' ').filter(Boolean).map((pair) => {
    const [slug, group] = pair.split(':');
    return { slug: slug!, group: group as CollegeGroup };
  });
}

const fieldListOf = (alias: string) =>
  `(select group_concat(field_slug || ':' || "group", ' ') from (select cf.field_slug, cf."group" from college_fields cf
     where cf.college_id = ${alias}.id order by ${groupOrder}, cf.field_slug)) as fieldList`;

/** One page of colleges, host colleges first, then by Thai name. */
export function listCollegeDirectory(db: Db, filter: CollegeFilter): { entries: CollegeEntry[]; total: number } {
  const { where, params } = collegeWhere(filter);
  const rows = db.$client
    .prepare(
      `select c.id, c.name_th as nameTh, c.name_en as nameEn, c.province_code as provinceCode, p.name_th as provinceTh, p.name_en as provinceEn,
              p.region, c.ownership, ${fieldListOf('c')},
              exists (select 1 from college_fields h where h.college_id = c.id and h."group" = 'cvm-host') as hosts
       from colleges c join provinces p on p.code = c.province_code ${where}
       order by hosts desc, c.name_th, c.id limit ? offset ?`,
    )
    .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as (Omit<CollegeEntry, 'fields'> & { fieldList: string | null; hosts: number })[];
  const total = db.$client.prepare(`select count(*) from colleges c join provinces p on p.code = c.province_code ${where}`).pluck().get(...params) as number;
  return { entries: rows.map(({ fieldList, hosts: _, ...row }) => ({ ...row, fields: readFields(fieldList) })), total };
}

export interface CollegeProfile extends CollegeEntry {
  agreements: { byStatus: Record<AgreementStatus, number>; total: number; partnerEstablishments: number; fields: number };
  /** Approved supply summed by fiscal year and level, newest year first. */
  supply: { fiscalYear: number; level: ManpowerLevel; enrolled: number; graduates: number }[];
}

/** A college's public page: its entry and its figures in aggregate; undefined when there is no such college. */
export function collegeProfile(db: Db, id: number): CollegeProfile | undefined {
  const sql = db.$client;
  const row = sql
    .prepare(
      `select c.id, c.name_th as nameTh, c.name_en as nameEn, c.province_code as provinceCode, p.name_th as provinceTh, p.name_en as provinceEn,
              p.region, c.ownership, ${fieldListOf('c')}
       from colleges c join provinces p on p.code = c.province_code where c.id = ?`,
    )
    .get(id) as (Omit<CollegeEntry, 'fields'> & { fieldList: string | null }) | undefined;
  if (!row) return undefined;
  const byStatus = Object.fromEntries(agreementStatuses.map((s) => [s, 0])) as Record<AgreementStatus, number>;
  for (const { status, n } of sql.prepare('select status, count(*) as n from agreements where college_id = ? group by status').all(id) as { status: AgreementStatus; n: number }[]) {
    byStatus[status] = n;
  }
  const partners = partnerStatuses.map(() => '?').join(', ');
  const ties = sql
    .prepare(`select count(distinct establishment_id) as partnerEstablishments, count(distinct field_slug) as fields from agreements where college_id = ? and status in (${partners})`)
    .get(id, ...partnerStatuses) as { partnerEstablishments: number; fields: number };
  const supply = sql
    .prepare(
      `select fiscal_year as fiscalYear, level, sum(enrolled) as enrolled, sum(graduates) as graduates from supply_rows
       where college_id = ? and status = 'approved' group by fiscal_year, level
       order by fiscal_year desc, case level when 'vc' then 0 when 'hvc' then 1 when 'btech' then 2 else 3 end`,
    )
    .all(id) as CollegeProfile['supply'];
  const { fieldList, ...entry } = row;
  return {
    ...entry,
    fields: readFields(fieldList),
    agreements: { byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0), ...ties },
    supply,
  };
}

const idByName = perConnection((db) => db.$client.prepare<[string], number>('select id from colleges where name_th = ?').pluck());

/** The id of the college of this Thai name (a field's host college), for linking to its page. */
export function collegeIdByName(db: Db, nameTh: string): number | undefined {
  return idByName(db).get(nameTh);
}

/** The college a /colleges/<id> URL names, if the id is a plain number and a college has it. */
export function publicCollege(idParam: string | undefined): CollegeProfile | undefined {
  return idParam && /^\d{1,9}$/.test(idParam) ? collegeProfile(getDb(), Number(idParam)) : undefined;
}
