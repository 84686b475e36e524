// /manpower's numbers: approved demand (positions) against approved supply (expected graduates), summed in SQL by
// fiscal year and level, and by province for one year; optionally for one field and one region or province.
import type { Db } from '../../../db/connection.ts';
import type { ManpowerLevel, Region } from '../../lib/network/terms.ts';

export interface ManpowerFilter {
  field?: string | undefined;
  region?: Region | undefined;
  province?: string | undefined;
  level?: ManpowerLevel | undefined;
}

export interface YearLevelTotal {
  fiscalYear: number;
  level: ManpowerLevel;
  demand: number;
  supply: number;
}

export interface ProvinceTotal {
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  region: Region;
  demand: number;
  supply: number;
}

/** The where clause both tables share, with its parameters; only approved rows count. */
function filterSql(filter: ManpowerFilter): { where: string; params: (string | number)[] } {
  const parts = ["status = 'approved'"];
  const params: (string | number)[] = [];
  if (filter.field) (parts.push('field_slug = ?'), params.push(filter.field));
  if (filter.level) (parts.push('level = ?'), params.push(filter.level));
  if (filter.province) (parts.push('province_code = ?'), params.push(filter.province));
  else if (filter.region) (parts.push('province_code in (select code from provinces where region = ?)'), params.push(filter.region));
  return { where: parts.join(' and '), params };
}

/** Demand and supply per fiscal year and level: the trend. */
export function totalsByYear(db: Db, filter: ManpowerFilter): YearLevelTotal[] {
  const { where, params } = filterSql(filter);
  return db.$client
    .prepare(
      `select fiscal_year as fiscalYear, level, sum(demand) as demand, sum(supply) as supply from (
         select fiscal_year, level, sum(positions) as demand, 0 as supply from demand_rows where ${where} group by fiscal_year, level
         union all
         select fiscal_year, level, 0, sum(graduates) from supply_rows where ${where} group by fiscal_year, level
       ) group by fiscal_year, level order by fiscal_year, level`,
    )
    .all(...params, ...params) as YearLevelTotal[];
}

/** Demand and supply per province in one fiscal year, largest shortfall first. */
export function totalsByProvince(db: Db, filter: ManpowerFilter, fiscalYear: number): ProvinceTotal[] {
  const { where, params } = filterSql(filter);
  return db.$client
    .prepare(
      `select t.province_code as provinceCode, p.name_th as nameTh, p.name_en as nameEn, p.region, sum(t.demand) as demand, sum(t.supply) as supply from (
         select province_code, sum(positions) as demand, 0 as supply from demand_rows where ${where} and fiscal_year = ? group by province_code
         union all
         select province_code, 0, sum(graduates) from supply_rows where ${where} and fiscal_year = ? group by province_code
       ) t join provinces p on p.code = t.province_code
       group by t.province_code order by sum(t.demand) - sum(t.supply) desc, p.name_th`,
    )
    .all(...params, fiscalYear, ...params, fiscalYear) as ProvinceTotal[];
}

/** The fiscal years from the first to the last with approved rows (min and max read straight off the indexes). */
export function reportedYears(db: Db): number[] {
  const range = (table: string) =>
    db.$client.prepare(`select min(fiscal_year) as low, max(fiscal_year) as high from ${table} where status = 'approved'`).get() as { low: number | null; high: number | null };
  const bounds = [range('demand_rows'), range('supply_rows')].flatMap((r) => (r.low === null ? [] : [r.low, r.high!]));
  if (bounds.length === 0) return [];
  const low = Math.min(...bounds);
  return Array.from({ length: Math.max(...bounds) - low + 1 }, (_, i) => low + i);
}
