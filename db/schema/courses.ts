// Short courses online (issue 9): runs of a course, who is enrolled, what they did, and what they earned.
// A course itself is a catalog item (type `courses`); its outline is read from content/courses/<slug>/ (see
// src/server/courses/outline.ts), so rows here name courses, lessons and activities by slug or id, not by key.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { runModes } from '../../src/lib/courses/enrollment.ts';
import { users } from './users.ts';

const createdAt = (name = 'created_at') => integer(name, { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
const userRef = (name: string) =>
  integer(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** A run (รุ่น) of a course: when, where, how many, who teaches it. */
export const courseRuns = sqliteTable(
  'course_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseSlug: text('course_slug').notNull(),
    /** Short public name of the run, unique per course: "2569-1". */
    code: text('code').notNull(),
    startsOn: integer('starts_on', { mode: 'timestamp_ms' }).notNull(),
    endsOn: integer('ends_on', { mode: 'timestamp_ms' }).notNull(),
    enrollOpensAt: integer('enroll_opens_at', { mode: 'timestamp_ms' }).notNull(),
    enrollClosesAt: integer('enroll_closes_at', { mode: 'timestamp_ms' }).notNull(),
    capacity: integer('capacity').notNull(),
    mode: text('mode', { enum: runModes }).notNull(),
    place: text('place'),
    college: text('college').notNull(),
    partner: text('partner'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('course_runs_course_code').on(t.courseSlug, t.code),
    // Reports pick a fiscal year's runs by start date (src/server/reports/training.ts).
    index('course_runs_starts').on(t.startsOn),
    check('course_runs_capacity_check', sql`${t.capacity} > 0`),
    check('course_runs_mode_check', sql`${t.mode} in ('online', 'on-site', 'blended')`),
  ],
);
export type CourseRun = typeof courseRuns.$inferSelect;

/** The run's instructors: teachers, experts or workplace trainers, chosen from users. */
export const runInstructors = sqliteTable(
  'run_instructors',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
  },
  (t) => [uniqueIndex('run_instructors_pk').on(t.runId, t.userId), index('run_instructors_user').on(t.userId)],
);

/**
 * One row per person and run. `waitlisted` rows queue by `queuedAt` then id (their position is computed, so a
 * leaving person never leaves a gap); `left` keeps the history while freeing the place.
 */
export const enrollments = sqliteTable(
  'enrollments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    status: text('status', { enum: ['enrolled', 'waitlisted', 'left'] }).notNull(),
    queuedAt: integer('queued_at', { mode: 'timestamp_ms' }).notNull(),
    enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }),
    /** The lesson the learner last opened, to resume there. */
    lastLesson: text('last_lesson'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enrollments_run_user').on(t.runId, t.userId),
    index('enrollments_user').on(t.userId),
    index('enrollments_run_status').on(t.runId, t.status, t.queuedAt),
  ],
);
export type Enrollment = typeof enrollments.$inferSelect;

/** How far a learner got in a lesson: opened, where they stopped (0..1), reached its end. */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    lesson: text('lesson').notNull(),
    position: real('position').notNull().default(0),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('lesson_progress_pk').on(t.runId, t.userId, t.lesson)],
);

/**
 * Ids of progress posts and xAPI statements already accepted: the browser resends what it queued when the
 * connection returns, and the primary key makes each count exactly once.
 */
export const receivedEvents = sqliteTable('received_events', {
  id: text('id').primaryKey(),
  userId: userRef('user_id'),
  kind: text('kind', { enum: ['progress', 'statement'] }).notNull(),
  receivedAt: createdAt('received_at'),
});

/** xAPI statements as received (after validation), for audit and later reports. */
export const activityStatements = sqliteTable(
  'activity_statements',
  {
    id: text('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    activity: text('activity').notNull(),
    verb: text('verb').notNull(),
    scoreScaled: real('score_scaled'),
    success: integer('success', { mode: 'boolean' }),
    statement: text('statement', { mode: 'json' }).notNull(),
    storedAt: createdAt('stored_at'),
  },
  (t) => [index('activity_statements_run_user').on(t.runId, t.userId, t.activity)],
);

/** The best result per learner and activity: what the completion rule reads. */
export const activityResults = sqliteTable(
  'activity_results',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    activity: text('activity').notNull(),
    bestScore: real('best_score').notNull().default(0),
    passed: integer('passed', { mode: 'boolean' }).notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('activity_results_pk').on(t.runId, t.userId, t.activity)],
);

/** A run's on-site sessions. */
export const runSessions = sqliteTable(
  'run_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    place: text('place').notNull(),
  },
  (t) => [index('run_sessions_run').on(t.runId, t.startsAt)],
);

export const attendance = sqliteTable(
  'attendance',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => runSessions.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    present: integer('present', { mode: 'boolean' }).notNull(),
    markedBy: integer('marked_by').references(() => users.id, { onDelete: 'set null' }),
    markedAt: integer('marked_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('attendance_pk').on(t.sessionId, t.userId)],
);

/** A practical assessment of one competency unit for one learner in one run; the latest verdict stands. */
export const practicalAssessments = sqliteTable(
  'practical_assessments',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    unit: text('unit').notNull(),
    result: text('result', { enum: ['passed', 'not-yet'] }).notNull(),
    note: text('note').notNull().default(''),
    assessedBy: integer('assessed_by').references(() => users.id, { onDelete: 'set null' }),
    assessedAt: integer('assessed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('practical_assessments_pk').on(t.runId, t.userId, t.unit)],
);

export const completions = sqliteTable(
  'completions',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('completions_pk').on(t.runId, t.userId)],
);

/**
 * A certificate (วุฒิบัตร), issued once per person and run. What it says is kept as issued (a later edit of the
 * course or the person's name does not change a certificate already given); the PDF is drawn from these columns.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    runId: integer('run_id')
      .notNull()
      .references(() => courseRuns.id, { onDelete: 'cascade' }),
    userId: userRef('user_id'),
    learnerName: text('learner_name').notNull(),
    courseTitle: text('course_title').notNull(),
    hours: integer('hours').notNull(),
    units: text('units', { mode: 'json' }).$type<string[]>().notNull(),
    college: text('college').notNull(),
    partner: text('partner'),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [uniqueIndex('certificates_code').on(t.code), uniqueIndex('certificates_run_user').on(t.runId, t.userId), index('certificates_user').on(t.userId)],
);
export type Certificate = typeof certificates.$inferSelect;
