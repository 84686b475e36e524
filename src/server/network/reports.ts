// Demand and supply reports: resolving who a row is about, saving checked rows in one transaction, the rows that
// wait for staff, and approving them (only approved rows count in /manpower).
import type { Db } from '../../../db/connection.ts';
import { checkReportRows, type CheckedRow, type ReportContext, type ReportKind, type RowIssue, type StoredRowFacts } from '../../lib/network/report-rows.ts';
import type { ManpowerLevel } from '../../lib/network/terms.ts';
import { hiresFrom } from './establishments.ts';

/**
 * The database side of checking rows: establishments by id or registration number, colleges by id or Thai name; for a
 * college's reporter, which college and establishments are theirs to report.
 */
export function reportContext(db: Db, kind: ReportKind, fields: ReadonlySet<string>, reporterCollegeId?: number): ReportContext {
  const sql = db.$client;
  const byReference =
    kind === 'demand'
      ? sql.prepare('select id, province_code as provinceCode from establishments where id = ? or registration_no = ?')
      : sql.prepare('select id, province_code as provinceCode from colleges where id = ? or name_th = ?');
  const existing =
    kind === 'demand'
      ? sql.prepare('select 1 from demand_rows where establishment_id = ? and field_slug = ? and level = ? and fiscal_year = ?')
      : sql.prepare('select 1 from supply_rows where college_id = ? and field_slug = ? and level = ? and fiscal_year = ?');
  return {
    fields,
    resolve: (reference) => {
      const asId = /^\d{1,9}$/.test(reference) ? Number(reference) : -1;
      return byReference.get(asId, reference) as { id: number; provinceCode: string } | undefined;
    },
    exists: (key) => existing.get(key.ownerId, key.field, key.level, key.fiscalYear) !== undefined,
    ...(reporterCollegeId ? { reporter: { collegeId: reporterCollegeId, mayReportDemandOf: (id: number, field: string) => hiresFrom(db, id, field) } } : {}),
  };
}

/** Store checked rows as reported (waiting for approval), all or none; demand sent by a college's reporter notes the college. */
export function saveReportRows(db: Db, kind: ReportKind, rows: readonly CheckedRow[], reportedBy: number, reporterCollegeId?: number): number {
  const sql = db.$client;
  const insert =
    kind === 'demand'
      ? sql.prepare(
          `insert into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, reported_by, positions, competencies, college_id)
           values (@owner, @field, @level, @year, @province, @by, @positions, @competencies, @college)`,
        )
      : sql.prepare(
          `insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, reported_by, enrolled, graduates)
           values (@owner, @field, @level, @year, @province, @by, @enrolled, @graduates)`,
        );
  return sql.transaction(() => {
    for (const row of rows) {
      const common = { owner: row.owner.id, field: row.field, level: row.level, year: row.fiscal_year, province: row.owner.provinceCode, by: reportedBy };
      insert.run('positions' in row ? { ...common, positions: row.positions, competencies: row.competencies, college: reporterCollegeId ?? null } : { ...common, enrolled: row.enrolled, graduates: row.graduates });
    }
    return rows.length;
  })();
}

/** Check and, when every row is good, save; otherwise nothing is saved and every bad row is reported. */
export function reportRows(
  db: Db,
  kind: ReportKind,
  rows: readonly Record<string, string>[],
  options: { fields: ReadonlySet<string>; reportedBy: number; firstRowNumber?: number; reporterCollegeId?: number },
): { saved: number; issues: RowIssue[] } {
  const { valid, issues } = checkReportRows(kind, rows, reportContext(db, kind, options.fields, options.reporterCollegeId), options.firstRowNumber);
  if (issues.length > 0) return { saved: 0, issues };
  return { saved: saveReportRows(db, kind, valid, options.reportedBy, options.reporterCollegeId), issues };
}

export interface PendingRow {
  id: number;
  owner: string;
  level: string;
  fiscalYear: number;
  /** positions (demand) or graduates (supply). */
  count: number;
  enrolled: number | null;
  /** The college whose reporter sent a demand row, if one did. */
  via: string | null;
}

/** Rows of a field waiting for approval, oldest first (at most `limit`). */
export function pendingRows(db: Db, kind: ReportKind, fieldSlug: string, limit = 200): PendingRow[] {
  const query =
    kind === 'demand'
      ? `select d.id, e.name_th as owner, d.level, d.fiscal_year as fiscalYear, d.positions as count, null as enrolled, via.name_th as via
         from demand_rows d join establishments e on e.id = d.establishment_id left join colleges via on via.id = d.college_id
         where d.field_slug = ? and d.status = 'reported' order by d.id limit ?`
      : `select s.id, c.name_th as owner, s.level, s.fiscal_year as fiscalYear, s.graduates as count, s.enrolled, null as via
         from supply_rows s join colleges c on c.id = s.college_id
         where s.field_slug = ? and s.status = 'reported' order by s.id limit ?`;
  return db.$client.prepare(query).all(fieldSlug, limit) as PendingRow[];
}

/** Approve rows of one field (ids of another field's rows are left alone); returns how many were approved. */
export function approveRows(db: Db, kind: ReportKind, fieldSlug: string, ids: readonly number[], approvedBy: number): number {
  const table = kind === 'demand' ? 'demand_rows' : 'supply_rows';
  const update = db.$client.prepare(`update ${table} set status = 'approved', approved_by = ? where id = ? and field_slug = ? and status = 'reported'`);
  return db.$client.transaction(() => ids.reduce((n, id) => n + update.run(approvedBy, id, fieldSlug).changes, 0))();
}

/** A stored demand or supply row as its edit page shows it. */
export interface StoredRow extends StoredRowFacts {
  id: number;
  owner: string;
  level: ManpowerLevel;
  fiscalYear: number;
  positions: number | null;
  competencies: string | null;
  enrolled: number | null;
  graduates: number | null;
}

const storedRowQuery = {
  demand: `select d.id, d.field_slug as fieldSlug, d.status, d.reported_by as reportedBy, d.college_id as collegeId, e.name_th as owner, d.level, d.fiscal_year as fiscalYear,
             d.positions, d.competencies, null as enrolled, null as graduates
           from demand_rows d join establishments e on e.id = d.establishment_id`,
  supply: `select s.id, s.field_slug as fieldSlug, s.status, s.reported_by as reportedBy, s.college_id as collegeId, c.name_th as owner, s.level, s.fiscal_year as fiscalYear,
             null as positions, null as competencies, s.enrolled, s.graduates
           from supply_rows s join colleges c on c.id = s.college_id`,
} as const;

export function findReportRow(db: Db, kind: ReportKind, id: number): StoredRow | undefined {
  return db.$client.prepare(`${storedRowQuery[kind]} where ${kind === 'demand' ? 'd' : 's'}.id = ?`).get(id) as StoredRow | undefined;
}

/** A field's rows of one kind, newest first, a page at a time, with how many there are. */
export function listReportRowsOfField(db: Db, kind: ReportKind, fieldSlug: string, page: number, pageSize: number): { rows: StoredRow[]; total: number } {
  const alias = kind === 'demand' ? 'd' : 's';
  const rows = db.$client
    .prepare(`${storedRowQuery[kind]} where ${alias}.field_slug = ? order by ${alias}.id desc limit ? offset ?`)
    .all(fieldSlug, pageSize, (page - 1) * pageSize) as StoredRow[];
  const total = db.$client.prepare(`select count(*) from ${kind === 'demand' ? 'demand_rows' : 'supply_rows'} where field_slug = ?`).pluck().get(fieldSlug) as number;
  return { rows, total };
}

/** A college's rows of one kind (its supply; the demand its reporters sent), newest first, at most `limit`. */
export function listReportRowsOfCollege(db: Db, kind: ReportKind, collegeId: number, limit = 500): StoredRow[] {
  const alias = kind === 'demand' ? 'd' : 's';
  return db.$client.prepare(`${storedRowQuery[kind]} where ${alias}.college_id = ? order by ${alias}.id desc limit ?`).all(collegeId, limit) as StoredRow[];
}

export type RowValues = { positions: number; competencies: string | null } | { enrolled: number; graduates: number };

/**
 * Change a row's counts, only while it still has the status the permission was judged on (a row approved meanwhile
 * is not changed by its reporter); the /manpower totals follow through their triggers. False when nothing changed.
 */
export function updateReportRow(db: Db, kind: ReportKind, id: number, judgedStatus: StoredRow['status'], values: RowValues): boolean {
  const statement =
    'positions' in values
      ? db.$client.prepare('update demand_rows set positions = @positions, competencies = @competencies where id = @id and status = @status')
      : db.$client.prepare('update supply_rows set enrolled = @enrolled, graduates = @graduates where id = @id and status = @status');
  if ((kind === 'demand') !== 'positions' in values) throw new Error(`${kind} row values expected`);
  return statement.run({ ...values, id, status: judgedStatus }).changes > 0;
}

/** Delete a row, only while it still has the status the permission was judged on. */
export function deleteReportRow(db: Db, kind: ReportKind, id: number, judgedStatus: StoredRow['status']): boolean {
  const table = kind === 'demand' ? 'demand_rows' : 'supply_rows';
  return db.$client.prepare(`delete from ${table} where id = ? and status = ?`).run(id, judgedStatus).changes > 0;
}
