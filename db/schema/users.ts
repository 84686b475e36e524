import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { roles, studentLevels } from '../../src/lib/auth/roles.ts';
import { colleges } from './colleges.ts';

/** A person with one primary role; emails are stored lower-cased so they are unique regardless of case. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    organization: text('organization'),
    studentLevel: text('student_level', { enum: studentLevels }),
    /** The college the person teaches or studies at, chosen from the network's list (reports by college use it). */
    collegeId: integer('college_id').references(() => colleges.id, { onDelete: 'set null' }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /**
     * When the person proved the email is theirs (a link from it was followed). Null for a self-registered account
     * until then; such an account cannot sign in, so registering cannot claim someone else's address.
     */
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    /** When the person accepted the privacy notice (PDPA consent) at registration; null for accounts admins made. */
    privacyConsentAt: integer('privacy_consent_at', { mode: 'timestamp_ms' }),
    /** A demo account from db/seed.ts: never created, and refused at sign-in, when NODE_ENV=production. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    // A college's teachers and students, for the reports' drill-down.
    index('users_college').on(t.collegeId, t.role),
    check('users_role_check', sql`${t.role} in ('admin', 'expert', 'teacher', 'student')`),
  ],
);
export type User = typeof users.$inferSelect;

/** The fields of excellence a user teaches, studies or is expert in. */
export const userFields = sqliteTable(
  'user_fields',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fieldSlug: text('field_slug').notNull(),
  },
  (t) => [uniqueIndex('user_fields_pk').on(t.userId, t.fieldSlug)],
);
