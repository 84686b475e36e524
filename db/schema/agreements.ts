import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agreementStatuses, manpowerLevels } from '../../src/lib/network/terms.ts';
import { colleges } from './colleges.ts';
import { establishments } from './establishments.ts';
import { users } from './users.ts';

/** A college's tie with an establishment in one field: proposed by matching, then MOU, MOA, dual training. */
export const agreements = sqliteTable(
  'agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    establishmentId: integer('establishment_id')
      .notNull()
      .references(() => establishments.id, { onDelete: 'cascade' }),
    collegeId: integer('college_id')
      .notNull()
      .references(() => colleges.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
    status: text('status', { enum: agreementStatuses }).notNull(),
    /** ISO dates (YYYY-MM-DD). */
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    scope: text('scope'),
    /** The signed PDF: its content-hash name under UPLOADS_DIR and the name it was sent with. */
    file: text('file'),
    fileName: text('file_name'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index('agreements_field_establishment').on(t.fieldSlug, t.establishmentId, t.status),
    index('agreements_establishment').on(t.establishmentId),
    index('agreements_college').on(t.collegeId),
  ],
);
export type Agreement = typeof agreements.$inferSelect;

/** Dual-training (ทวิภาคี) places an agreement offers, per level and fiscal year. */
export const trainingPlaces = sqliteTable(
  'training_places',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    level: text('level', { enum: manpowerLevels }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    places: integer('places').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.level, t.fiscalYear] })],
);
