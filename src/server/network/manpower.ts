// /manpower's numbers: approved demand (positions) against approved supply (expected graduates), summed in SQL by
// fiscal year and level, and by province for one year; optionally for one field and one region or province. They
// are read from manpower_totals, which triggers keep as rows are approved (migration 0007), so a million report rows
// cost nothing here.
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

/** The where clause on manpower_totals, with its parameters: one field's rows, or the all-fields rows (''). */
function filterSql(filter: ManpowerFilter): { where: string; params: (string | number)[] } {
  const parts = ['field_slug = ?'];
  const params: (string | number)[] = [filter.field ?? ''];
  if (filter.level) (parts.push('level = ?'), params.push(filter.level));
  if (filter.province) (parts.push('province_code = ?'), params.push(filter.province));
  else if (filter.region) (parts.push('province_code in (select code from provinces where region = ?)'), params.push(filter.region));
  return { where: parts.join(' and '), params };
}

/** Demand and supply per fiscal year and level: the trend. */
export function totalsByYear(db: Db, filter: ManpowerFilter): YearLevelTotal[] {
  const { where, params } = filterSql(filter);
  return db.$client
    .prepare(`select fiscal_year as fiscalYear, level, sum(demand) as demand, sum(supply) as supply from manpower_totals where ${where} group by fiscal_year, level order by fiscal_year, level`)
    .all(...params) as YearLevelTotal[];
}

/** Demand and supply per province in one fiscal year, largest shortfall first. */
export function totalsByProvince(db: Db, filter: ManpowerFilter, fiscalYear: number): ProvinceTotal[] {
  const { where, params } = filterSql(filter);
  return db.$client
    .prepare(
      `select t.province_code as provinceCode, p.name_th as nameTh, p.name_en as nameEn, p.region, sum(t.demand) as demand, sum(t.supply) as supply
       from manpower_totals t join provinces p on p.code = t.province_code
       where ${where.replace(/\b(level|province_code|field_slug)\b/g, 't.$1')} and t.fiscal_year = ?
       group by t.province_code having sum(t.demand) > 0 or sum(t.supply) > 0
       order by sum(t.demand) - sum(t.supply) desc, p.name_th`,
    )
    .all(...params, fiscalYear) as ProvinceTotal[];
}

/** The fiscal years from the first to the last with approved rows (each of min and max read off the key). */
export function reportedYears(db: Db): number[] {
  const low = db.$client.prepare(`select min(fiscal_year) from manpower_totals where field_slug = ''`).pluck().get() as number | null;
  const high = db.$client.prepare(`select max(fiscal_year) from manpower_totals where field_slug = ''`).pluck().get() as number | null;
  if (low === null || high === null) return [];
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
