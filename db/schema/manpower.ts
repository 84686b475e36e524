import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { manpowerLevels, reportStatuses } from '../../src/lib/network/terms.ts';
import { colleges } from './colleges.ts';
import { establishments } from './establishments.ts';
import { users } from './users.ts';

// Province is copied from the establishment or college onto each row, so /manpower's sums by field, province, level
// and year read one covering index instead of joining a million rows.
const reported = {
  fieldSlug: text('field_slug').notNull(),
  level: text('level', { enum: manpowerLevels }).notNull(),
  fiscalYear: integer('fiscal_year').notNull(),
  provinceCode: text('province_code').notNull(),
  status: text('status', { enum: reportStatuses }).notNull().default('reported'),
  reportedBy: integer('reported_by').references(() => users.id, { onDelete: 'set null' }),
  approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
};

/** What an establishment needs: positions at one level in one field and fiscal year, and the skills wanted. */
export const demandRows = sqliteTable(
  'demand_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    establishmentId: integer('establishment_id')
      .notNull()
      .references(() => establishments.id, { onDelete: 'cascade' }),
    ...reported,
    positions: integer('positions').notNull(),
    competencies: text('competencies'),
    /** The college whose reporter sent the row (§1.2: colleges report the establishments needing manpower); null from staff. */
    collegeId: integer('college_id').references(() => colleges.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('demand_rows_key').on(t.establishmentId, t.fieldSlug, t.level, t.fiscalYear),
    index('demand_rows_totals').on(t.status, t.fieldSlug, t.fiscalYear, t.level, t.provinceCode, t.positions),
    index('demand_rows_year_totals').on(t.status, t.fiscalYear, t.level, t.provinceCode, t.positions),
    index('demand_rows_field_establishment').on(t.fieldSlug, t.status, t.establishmentId),
    index('demand_rows_college').on(t.collegeId),
  ],
);

/** What a college produces: students enrolled and expected graduates at one level in one field and fiscal year. */
export const supplyRows = sqliteTable(
  'supply_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    collegeId: integer('college_id')
      .notNull()
      .references(() => colleges.id, { onDelete: 'cascade' }),
    ...reported,
    enrolled: integer('enrolled').notNull(),
    graduates: integer('graduates').notNull(),
  },
  (t) => [
    uniqueIndex('supply_rows_key').on(t.collegeId, t.fieldSlug, t.level, t.fiscalYear),
    index('supply_rows_totals').on(t.status, t.fieldSlug, t.fiscalYear, t.level, t.provinceCode, t.graduates),
    index('supply_rows_year_totals').on(t.status, t.fiscalYear, t.level, t.provinceCode, t.graduates),
  ],
);

/**
 * Approved demand and supply summed per field, fiscal year, level and province, kept by triggers on the two row
 * tables (migration 0007); `field_slug = ''` holds every field together. /manpower reads only this table.
 */
export const manpowerTotals = sqliteTable(
  'manpower_totals',
  {
    fieldSlug: text('field_slug').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    level: text('level', { enum: manpowerLevels }).notNull(),
    provinceCode: text('province_code').notNull(),
    demand: integer('demand').notNull().default(0),
    supply: integer('supply').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.fieldSlug, t.fiscalYear, t.level, t.provinceCode] })],
);
