// Where a learner left an H5P activity (what its content's getCurrentState() returned), one row per learner, run and
// activity, given back to the player when the lesson is opened again so a half-done activity resumes.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { courseRuns } from './courses.ts';
import { users } from './users.ts';

export const activityStates = sqliteTable(
  'activity_states',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activity: text('activity').notNull(),
    /** JSON text, at most maxStateLength (src/lib/h5p/messages.ts) characters. */
    state: text('state').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex('activity_states_pk').on(t.runId, t.userId, t.activity)],
);
