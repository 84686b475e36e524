// One row per held place (enrollment with status `enrolled`) with what the training reports group and count by,
// kept by triggers on enrollments, completions, certificates, activity_results, users and course_runs (migration
// report_enrollments), so each report is one indexed scan of a year's rows instead of joins and per-row look-ups.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
  ],
);

/** The measures every rollup keeps: places, completed, certified, and the score's sum and count (mean = sum / count). */
const measures = () => ({
  enrolled: integer('enrolled').notNull().default(0),
  completed: integer('completed').notNull().default(0),
  certified: integer('certified').notNull().default(0),
  scoreSum: real('score_sum').notNull().default(0),
  scored: integer('scored').notNull().default(0),
});

/**
 * report_enrollments summed per fiscal year, course and audience, kept by triggers on it: the dashboard's totals, audiences,
 * fields and teacher training read a few hundred rows instead of a year's places. Rows may fall to zero and stay.
 */
export const reportCourseTotals = sqliteTable(
  'report_course_totals',
  { fiscalYear: integer('fiscal_year').notNull(), courseSlug: text('course_slug').notNull(), audience: text('audience', { enum: audienceGroups }).notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.courseSlug, t.audience] })],
);

/** The same per fiscal year, learner's college (0 for none) and audience: the "by college" table. */
export const reportCollegeTotals = sqliteTable(
  'report_college_totals',
  { fiscalYear: integer('fiscal_year').notNull(), collegeKey: integer('college_key').notNull(), audience: text('audience', { enum: audienceGroups }).notNull(), ...measures() },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.collegeKey, t.audience] })],
);

/** Places taken (by enrollment day) and completions (by completion day) per Bangkok month `YYYY-MM`, course and audience. */
export const reportMonthTotals = sqliteTable(
  'report_month_totals',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    courseSlug: text('course_slug').notNull(),
    audience: text('audience', { enum: audienceGroups }).notNull(),
    month: text('month').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    completed: integer('completed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.courseSlug, t.audience, t.month] })],
);
