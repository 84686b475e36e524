import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { colleges } from './colleges.ts';
import { users } from './users.ts';

/**
 * The right to report one college's numbers (docs/decisions/018-college-reporters.md), granted by an admin or the
 * staff of a field the college teaches to a teacher or expert whose profile college it is. It holds only while the
 * profile still names that college.
 */
export const collegeReporters = sqliteTable(
  'college_reporters',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    collegeId: integer('college_id')
      .notNull()
      .references(() => colleges.id, { onDelete: 'cascade' }),
    grantedBy: integer('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('college_reporters_college').on(t.collegeId)],
);
