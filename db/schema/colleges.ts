import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { collegeGroups, ownerships } from '../../src/lib/network/terms.ts';
import { provinces } from './provinces.ts';

/** A vocational college of the CVM network: the fields' host colleges and the network's other colleges. */
export const colleges = sqliteTable(
  'colleges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    ownership: text('ownership', { enum: ownerships }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex('colleges_name_th_unique').on(t.nameTh), index('colleges_province').on(t.provinceCode)],
);
export type College = typeof colleges.$inferSelect;

/** The fields a college teaches, with its group in each (CVM host, Excellent Center, Expert, Standard). */
export const collegeFields = sqliteTable(
  'college_fields',
  {
    collegeId: integer('college_id')
      .notNull()
      .references(() => colleges.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
    group: text('group', { enum: collegeGroups }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.collegeId, t.fieldSlug] }), index('college_fields_field').on(t.fieldSlug, t.collegeId)],
);
