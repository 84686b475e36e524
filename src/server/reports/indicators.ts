// Indicators against targets per field and fiscal year (§7.1), hand-kept values with their evidence, and the
// yearly summary with the staff's policy recommendations (§7.2). Computed indicators read the same SQL as the
// dashboard, so the two never disagree.
import type { Db } from '../../../db/connection.ts';
import type { ReportIndicator } from '../../../db/schema/index.ts';
import { indicatorStatus, type IndicatorSource, type IndicatorStatus } from '../../lib/reports/indicators.ts';
import { fiscalYearDays } from '../../lib/reports/fiscal-year.ts';
import { runsMeetingMinimum, teacherTrainingByField, trainingTotals } from './training.ts';

export function listIndicators(db: Db): ReportIndicator[] {
  return db.$client
    .prepare('select id, name_th as nameTh, name_en as nameEn, unit, source, created_by as createdBy, created_at as createdAt from report_indicators order by id')
    .all() as ReportIndicator[];
}

export function createIndicator(db: Db, input: { nameTh: string; nameEn: string; unit: string; source: IndicatorSource }, createdBy: number | null): number {
  return db.$client
    .prepare('insert into report_indicators (name_th, name_en, unit, source, created_by) values (?, ?, ?, ?, ?) returning id')
    .pluck()
    .get(input.nameTh, input.nameEn, input.unit, input.source, createdBy) as number;
}

export function indicatorExists(db: Db, id: number): ReportIndicator | undefined {
  return listIndicators(db).find((i) => i.id === id);
}

/** Set (or replace) the target of an indicator for a field and fiscal year. */
export function setTarget(db: Db, input: { indicatorId: number; field: string; year: number; target: number }): void {
  db.$client
    .prepare(
      `insert into report_targets (indicator_id, field_slug, fiscal_year, target) values (?, ?, ?, ?)
        on conflict (indicator_id, field_slug, fiscal_year) do update set target = excluded.target`,
    )
    .run(input.indicatorId, input.field, input.year, input.target);
}

/** Record (or replace) a hand-kept value; a new evidence file replaces the old one, no file keeps it. */
export function saveValue(db: Db, input: { indicatorId: number; field: string; year: number; value: number; note: string; file?: { path: string; name: string } | undefined }, enteredBy: number): void {
  db.$client
    .prepare(
      `insert into report_values (indicator_id, field_slug, fiscal_year, value, note, file, file_name, entered_by, entered_at)
        values (@indicator, @field, @year, @value, @note, @file, @fileName, @by, @at)
        on conflict (indicator_id, field_slug, fiscal_year) do update set value = excluded.value, note = excluded.note,
          file = coalesce(excluded.file, file), file_name = coalesce(excluded.file_name, file_name), entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
    )
    .run({ indicator: input.indicatorId, field: input.field, year: input.year, value: input.value, note: input.note, file: input.file?.path ?? null, fileName: input.file?.name ?? null, by: enteredBy, at: Date.now() });
}

/** Agreements (MOU, MOA, dual training) of a field starting in the fiscal year. */
function agreementsSigned(db: Db, field: string, year: number): number {
  const { from, until } = fiscalYearDays(year);
  return db.$client
    .prepare("select count(*) from agreements where field_slug = ? and status in ('mou', 'moa', 'dual') and starts_on >= ? and starts_on < ?")
    .pluck()
    .get(field, from, until) as number;
}

/** What the platform's data says for a computed indicator; null for a hand-kept one. */
export function computedActual(db: Db, source: IndicatorSource, field: string, year: number): number | null {
  switch (source) {
    case 'manual':
      return null;
    case 'teachers-trained':
      return teacherTrainingByField(db, { year, field })[0]?.teachersCompleted ?? 0;
    case 'teacher-training-courses':
      return teacherTrainingByField(db, { year, field })[0]?.courses ?? 0;
    case 'trainees-certified':
      return trainingTotals(db, { year, field }).certified;
    case 'enrollments':
      return trainingTotals(db, { year, field }).enrolled;
    case 'completions':
      return trainingTotals(db, { year, field }).completed;
    case 'runs-meeting-minimum':
      return runsMeetingMinimum(db, { year, field })[0]?.met ?? 0;
    case 'mous-signed':
      return agreementsSigned(db, field, year);
  }
}

export interface IndicatorLine {
  indicator: ReportIndicator;
  target: number | null;
  actual: number | null;
  status: IndicatorStatus;
  note: string | null;
  fileName: string | null;
  hasFile: boolean;
}

/** Every indicator for a field and year: target, actual (computed or entered), status, note and evidence. */
export function indicatorReport(db: Db, field: string, year: number): IndicatorLine[] {
  const targets = db.$client.prepare('select indicator_id as id, target from report_targets where field_slug = ? and fiscal_year = ?').all(field, year) as { id: number; target: number }[];
  const values = db.$client
    .prepare('select indicator_id as id, value, note, file, file_name as fileName from report_values where field_slug = ? and fiscal_year = ?')
    .all(field, year) as { id: number; value: number; note: string; file: string | null; fileName: string | null }[];
  return listIndicators(db).map((indicator) => {
    const target = targets.find((t) => t.id === indicator.id)?.target ?? null;
    const entered = values.find((v) => v.id === indicator.id);
    const actual = indicator.source === 'manual' ? (entered?.value ?? null) : computedActual(db, indicator.source, field, year);
    return { indicator, target, actual, status: indicatorStatus(target, actual), note: entered?.note ?? null, fileName: entered?.fileName ?? null, hasFile: Boolean(entered?.file) };
  });
}

/** The stored evidence of a hand-kept value, for its field's staff only. */
export function evidenceOf(db: Db, indicatorId: number, field: string, year: number): { file: string; fileName: string } | undefined {
  return db.$client
    .prepare('select file, file_name as fileName from report_values where indicator_id = ? and field_slug = ? and fiscal_year = ? and file is not null')
    .get(indicatorId, field, year) as { file: string; fileName: string } | undefined;
}

export function summaryOf(db: Db, field: string, year: number): string {
  return (db.$client.prepare('select recommendations from report_summaries where field_slug = ? and fiscal_year = ?').pluck().get(field, year) as string | undefined) ?? '';
}

export function saveSummary(db: Db, field: string, year: number, recommendations: string, updatedBy: number): void {
  db.$client
    .prepare(
      `insert into report_summaries (field_slug, fiscal_year, recommendations, updated_by, updated_at) values (?, ?, ?, ?, ?)
        on conflict (field_slug, fiscal_year) do update set recommendations = excluded.recommendations, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .run(field, year, recommendations, updatedBy, Date.now());
}
