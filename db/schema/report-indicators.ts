// Indicators and targets (manual §7.1) and the yearly summary per field (§7.2), issue 12. An indicator is computed
// from the platform's own data (`source`) or entered by a field's staff each year (`manual`); each has a target per
// field and fiscal year (B.E.).
import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { indicatorSources } from '../../src/lib/reports/indicators.ts';
import { users } from './users.ts';

const now = sql`(unixepoch('subsec') * 1000)`;

export const reportIndicators = sqliteTable(
  'report_indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    unit: text('unit').notNull(),
    source: text('source', { enum: indicatorSources }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [check('report_indicators_source_check', sql`${t.source} in (${sql.raw(indicatorSources.map((s) => `'${s}'`).join(', '))})`)],
);
export type ReportIndicator = typeof reportIndicators.$inferSelect;

export const reportTargets = sqliteTable(
  'report_targets',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => reportIndicators.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    target: real('target').notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.fieldSlug, t.fiscalYear] })],
);

/** A hand-kept value of a `manual` indicator, with the staff's note and evidence file (through the upload pipeline). */
export const reportValues = sqliteTable(
  'report_values',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => reportIndicators.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    value: real('value').notNull(),
    note: text('note').notNull().default(''),
    /** The evidence's content-hash name under UPLOADS_DIR and the name it was sent with. */
    file: text('file'),
    fileName: text('file_name'),
    enteredBy: integer('entered_by').references(() => users.id, { onDelete: 'set null' }),
    enteredAt: integer('entered_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.fieldSlug, t.fiscalYear] })],
);

/** A field's yearly summary: the staff's policy recommendations (§7.2). */
export const reportSummaries = sqliteTable(
  'report_summaries',
  {
    fieldSlug: text('field_slug').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    recommendations: text('recommendations').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.fieldSlug, t.fiscalYear] })],
);
