import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { establishmentSizes } from '../../src/lib/network/terms.ts';
import { provinces } from './provinces.ts';

/** A workplace that hires from the network's fields. Its contact person is personal data: staff and admins only. */
export const establishments = sqliteTable(
  'establishments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    /** The 13-digit juristic person number, when known. */
    registrationNo: text('registration_no'),
    /** Thailand Standard Industrial Classification (TSIC 2009) code. */
    tsic: text('tsic').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    size: text('size', { enum: establishmentSizes }).notNull(),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex('establishments_registration_unique').on(t.registrationNo), index('establishments_province').on(t.provinceCode)],
);
export type Establishment = typeof establishments.$inferSelect;

/** The fields an establishment hires from. */
export const establishmentFields = sqliteTable(
  'establishment_fields',
  {
    establishmentId: integer('establishment_id')
      .notNull()
      .references(() => establishments.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
  },
  (t) => [primaryKey({ columns: [t.establishmentId, t.fieldSlug] }), index('establishment_fields_field').on(t.fieldSlug, t.establishmentId)],
);
