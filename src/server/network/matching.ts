// The matching list's data for one field and fiscal year: establishments whose approved demand is not yet met by
// their partners' training places, and colleges with approved supply; ranked by src/lib/network/matching.ts.
import type { Db } from '../../../db/connection.ts';
import { rankMatches, type Match, type NeedingEstablishment, type SupplyingCollege } from '../../lib/network/matching.ts';
import { partnerStatuses } from '../../lib/network/terms.ts';

const partnerList = partnerStatuses.map((s) => `'${s}'`).join(', ');

/** The establishments with the most unmet positions first (at most `limit`), each with its best colleges. */
export function matchesFor(db: Db, fieldSlug: string, fiscalYear: number, limit = 50): Match[] {
  const sql = db.$client;
  const needing = sql
    .prepare(
      `select e.id, e.name_th as nameTh, e.province_code as provinceCode, p.region, d.positions - coalesce((
                select sum(t.places) from agreements a join training_places t on t.agreement_id = a.id
                where a.establishment_id = e.id and a.field_slug = ? and a.status in (${partnerList}) and t.fiscal_year = ?), 0) as unmet,
              (select group_concat(distinct a.college_id) from agreements a where a.establishment_id = e.id) as tied
       from (select establishment_id, sum(positions) as positions from demand_rows
             where status = 'approved' and field_slug = ? and fiscal_year = ? group by establishment_id) d
       join establishments e on e.id = d.establishment_id join provinces p on p.code = e.province_code
       where unmet > 0 order by unmet desc, e.name_th limit ?`,
    )
    .all(fieldSlug, fiscalYear, fieldSlug, fiscalYear, limit) as (Omit<NeedingEstablishment, 'tiedColleges'> & { tied: string | null })[];
  const colleges = sql
    .prepare(
      `select c.id, c.name_th as nameTh, c.province_code as provinceCode, p.region, s.graduates,
              (select count(*) from agreements a where a.college_id = c.id and a.field_slug = ? and a.status in (${partnerList})) as partnerships
       from (select college_id, sum(graduates) as graduates from supply_rows
             where status = 'approved' and field_slug = ? and fiscal_year = ? group by college_id) s
       join colleges c on c.id = s.college_id join provinces p on p.code = c.province_code`,
    )
    .all(fieldSlug, fieldSlug, fiscalYear) as SupplyingCollege[];
  const establishments = needing.map(({ tied, ...e }) => ({ ...e, tiedColleges: tied ? tied.split(',').map(Number) : [] }));
  return rankMatches(establishments, colleges);
}

/** Propose a match: an agreement with status `proposed`, unless the pair already has one in this field. */
export function proposeMatch(db: Db, input: { establishmentId: number; collegeId: number; fieldSlug: string; createdBy: number }): 'proposed' | 'exists' {
  const sql = db.$client;
  return sql.transaction(() => {
    const existing = sql.prepare('select 1 from agreements where establishment_id = ? and college_id = ? and field_slug = ?').get(input.establishmentId, input.collegeId, input.fieldSlug);
    if (existing) return 'exists' as const;
    sql
      .prepare(`insert into agreements (establishment_id, college_id, field_slug, status, created_by) values (?, ?, ?, 'proposed', ?)`)
      .run(input.establishmentId, input.collegeId, input.fieldSlug, input.createdBy);
    return 'proposed' as const;
  })();
}
