// Checking reported demand and supply rows, from a web form (one row) or a spreadsheet (many), the same way: the
// row's shape by its schema, then what only the database knows (passed in), then duplicates within the report.
import type { MessageKey } from '../../i18n/index.ts';
import { isFieldStaff, type AccessUser } from '../auth/access.ts';
import { fieldErrors } from '../forms/form-values.ts';
import { demandColumns, demandRowSchema, supplyColumns, supplyRowSchema, type DemandRowInput, type SupplyRowInput } from './form-schemas.ts';

export type ReportKind = 'demand' | 'supply';

/** Where a row's establishment or college is: its id and province (copied onto the row). */
export interface Reporter {
  id: number;
  provinceCode: string;
}

export interface ReportContext {
  /** Fields the person may report for (their staff fields; every field for admins). */
  fields: ReadonlySet<string>;
  /** The establishment (demand) or college (supply) a cell names, if it exists. */
  resolve: (reference: string) => Reporter | undefined;
  /** Whether a row with this key is already stored. */
  exists: (key: RowKey) => boolean;
  /**
   * A college's reporter: the college whose supply they may report (any other is refused), and the establishments
   * whose demand they may report (those hiring from a field the college teaches). Absent for staff and admins.
   */
  reporter?: { collegeId: number; mayReportDemandOf: (establishmentId: number, field: string) => boolean };
}

export interface RowKey {
  ownerId: number;
  field: string;
  level: string;
  fiscalYear: number;
}

export type CheckedRow = (DemandRowInput | SupplyRowInput) & { owner: Reporter };

export interface RowIssue {
  /** 1-based row number as the spreadsheet shows it (header is row 1). */
  row: number;
  /** Column → what is wrong with it (`(row)` for the row as a whole). */
  problems: { column: string; key: MessageKey; params?: Record<string, string | number> }[];
}

export const columnsFor = (kind: ReportKind): readonly string[] => (kind === 'demand' ? demandColumns : supplyColumns);

/** Header problems: a column missing, or one we do not know (a misspelt header would silently drop data). */
export function headerProblems(kind: ReportKind, header: readonly string[]): RowIssue | undefined {
  const expected = columnsFor(kind);
  const optional = new Set(['competencies']);
  const problems: RowIssue['problems'] = [];
  for (const column of expected) if (!optional.has(column) && !header.includes(column)) problems.push({ column, key: 'network.sheet.missingColumn', params: { column } });
  for (const column of header) if (!expected.includes(column)) problems.push({ column, key: 'network.sheet.unknownColumn', params: { column } });
  return problems.length ? { row: 1, problems } : undefined;
}

/** Every row checked: good rows ready to store, bad rows with every reason. */
export function checkReportRows(kind: ReportKind, rows: readonly Record<string, string>[], context: ReportContext, firstRowNumber = 2): { valid: CheckedRow[]; issues: RowIssue[] } {
  const valid: CheckedRow[] = [];
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + firstRowNumber;
    const parsed = (kind === 'demand' ? demandRowSchema : supplyRowSchema).safeParse(row);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      issues.push({ row: rowNumber, problems: Object.entries(errors).map(([column, key]) => ({ column, key: key! })) });
      return;
    }
    const input = parsed.data;
    const reference = 'establishment' in input ? input.establishment : input.college;
    const problems: RowIssue['problems'] = [];
    const owner = context.resolve(reference);
    if (!owner) problems.push({ column: kind === 'demand' ? 'establishment' : 'college', key: kind === 'demand' ? 'network.establishment.unknown' : 'network.college.unknown', params: { value: reference } });
    if (!context.fields.has(input.field)) problems.push({ column: 'field', key: 'network.field.notYours', params: { value: input.field } });
    else if (owner && context.reporter && !reporterMay(kind, context.reporter, owner.id, input.field)) {
      problems.push(kind === 'demand' ? { column: 'establishment', key: 'network.establishment.notInYourFields', params: { value: reference } } : { column: 'college', key: 'network.college.notYours', params: { value: reference } });
    }
    if (owner && problems.length === 0) {
      const key = { ownerId: owner.id, field: input.field, level: input.level, fiscalYear: input.fiscal_year };
      const id = `${key.ownerId}|${key.field}|${key.level}|${key.fiscalYear}`;
      if (seen.has(id)) problems.push({ column: '(row)', key: 'network.row.repeats', params: { row: seen.get(id)! } });
      else if (context.exists(key)) problems.push({ column: '(row)', key: 'network.row.exists' });
      seen.set(id, rowNumber);
    }
    if (problems.length) issues.push({ row: rowNumber, problems });
    else valid.push({ ...input, owner: owner! });
  });
  return { valid, issues };
}

function reporterMay(kind: ReportKind, reporter: NonNullable<ReportContext['reporter']>, ownerId: number, field: string): boolean {
  return kind === 'supply' ? ownerId === reporter.collegeId : reporter.mayReportDemandOf(ownerId, field);
}

/** Who is changing a stored row, and the row as stored. */
export interface RowChanger extends AccessUser {
  id: number;
}
export interface StoredRowFacts {
  fieldSlug: string;
  status: 'reported' | 'approved';
  reportedBy: number | null;
  /** The college the row is about (supply) or was reported through (demand from a college's reporter); else null. */
  collegeId: number | null;
}

/**
 * Whether a person may edit or delete a stored demand or supply row: admins and the staff of its field always; while
 * it waits for approval, the person who reported it and the reporters of its college (once approved, it is the
 * field's figure, changed by its staff).
 */
export function mayChangeReportRow(person: RowChanger, row: StoredRowFacts): boolean {
  if (isFieldStaff(person, row.fieldSlug)) return true;
  if (row.status !== 'reported') return false;
  return row.reportedBy === person.id || (!!person.reporterCollegeId && row.collegeId === person.reporterCollegeId);
}
