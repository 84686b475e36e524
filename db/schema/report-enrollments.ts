// One row per held place (enrollment with status `enrolled`) with what the training reports group and count by,
// kept by triggers on enrollments, completions, certificates, activity_results, users and course_runs (migration
// report_enrollments), so each report is one indexed scan of a year's rows instead of joins and per-row look-ups.
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { audienceGroups } from '../../src/lib/courses/catalog-filters.ts';

export const reportEnrollments = sqliteTable(
  'report_enrollments',
  {
    runId: integer('run_id').notNull(),
    userId: integer('user_id').notNull(),
    /** The run's course and the fiscal year (B.E., Bangkok calendar) its start date falls in. */
    courseSlug: text('course_slug').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The learner's group (teachers by role, students by vocational level, the public) and college, as they are now. */
    audience: text('audience', { enum: audienceGroups }).notNull(),
    collegeId: integer('college_id'),
    enrolledAt: integer('enrolled_at'),
    completedAt: integer('completed_at'),
    /** 1 when an unrevoked certificate exists for the place. */
    certified: integer('certified').notNull(),
    /** The learner's mean best activity score in the run (0..1), null without any result. */
    score: real('score'),
  },
  (t) => [
    uniqueIndex('report_enrollments_run_user').on(t.runId, t.userId),
    index('report_enrollments_user').on(t.userId),
    // Every column a year's reports read, so a year's scan never leaves the index (the field filter seeks by course).
    index('report_enrollments_year').on(t.fiscalYear, t.courseSlug, t.audience, t.collegeId, t.completedAt, t.certified, t.score, t.enrolledAt, t.runId, t.userId),
    index('report_enrollments_year_college').on(t.fiscalYear, t.collegeId),
  ],
);
