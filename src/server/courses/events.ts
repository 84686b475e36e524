// What a learner's browser reports: lesson progress and xAPI statements from H5P activities. Each report carries an
// id and is accepted exactly once (received_events), validated before anything is written, stored with its
// consequence (best score, completion, certificate) in one transaction. Completion is recorded again only when the
// report changed a fact it reads (a lesson finished for the first time, an activity passed for the first time);
// otherwise the answer's progress is only read.
import { and, eq, sql } from 'drizzle-orm';
import { durableTransaction, type Db } from '../../../db/connection.ts';
import { activityResults, activityStatements, enrollments, lessonProgress, receivedEvents, type CourseRun } from '../../../db/schema/index.ts';
import type { CompletionStatus } from '../../lib/courses/completion.ts';
import { passingScore, type CourseOutline } from '../../lib/courses/outline.ts';
import { checkStatement, countsAsResult, type StatementRefusal } from '../../lib/courses/xapi.ts';
import { perConnection } from '../per-connection.ts';
import { learnerStatus, refreshCompletion, type CourseFacts } from './completion.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface LearnerContext {
  run: CourseRun;
  outline: CourseOutline;
  course: CourseFacts;
  user: { id: number; email: string };
  now: Date;
}

export type EventRefusal = 'not-enrolled' | 'unknown-lesson' | StatementRefusal;

/** `stored`: recorded, where the caller asked not to be told the learner's standing unless the event changed it. */
export type EventOutcome = { kind: 'recorded'; status: CompletionStatus } | { kind: 'stored' } | { kind: 'duplicate' } | { kind: 'refused'; reason: EventRefusal };

// Values are bound as SQLite stores them (ms timestamps, 0/1, JSON text): a bare placeholder in insert values would
// go through the column's encoder, which does not take null.
const p = (name: string) => sql`${sql.placeholder(name)}`;

const queries = perConnection((db) => ({
  enrollment: db
    .select({ status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.runId, p('run')), eq(enrollments.userId, p('user'))))
    .prepare(),
  claim: db
    .insert(receivedEvents)
    .values({ id: p('id'), userId: p('user'), kind: p('kind') })
    .onConflictDoNothing()
    .prepare(),
  lessonDone: db
    .select({ completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.runId, p('run')), eq(lessonProgress.userId, p('user')), eq(lessonProgress.lesson, p('lesson'))))
    .prepare(),
  progress: db
    .insert(lessonProgress)
    .values({ runId: p('run'), userId: p('user'), lesson: p('lesson'), position: p('position'), openedAt: p('now'), completedAt: p('completedAt') })
    .onConflictDoUpdate({
      target: [lessonProgress.runId, lessonProgress.userId, lessonProgress.lesson],
      set: {
        position: sql`max(${lessonProgress.position}, excluded.position)`,
        completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
      },
    })
    .prepare(),
  lastLesson: db
    .update(enrollments)
    .set({ lastLesson: p('lesson') })
    .where(and(eq(enrollments.runId, p('run')), eq(enrollments.userId, p('user'))))
    .prepare(),
  statement: db
    .insert(activityStatements)
    .values({
      id: p('id'),
      runId: p('run'),
      userId: p('user'),
      activity: p('activity'),
      verb: p('verb'),
      scoreScaled: p('score'),
      success: p('success'),
      statement: p('statement'),
    })
    .prepare(),
  passed: db
    .select({ passed: activityResults.passed })
    .from(activityResults)
    .where(and(eq(activityResults.runId, p('run')), eq(activityResults.userId, p('user')), eq(activityResults.activity, p('activity'))))
    .prepare(),
  result: db
    .insert(activityResults)
    .values({ runId: p('run'), userId: p('user'), activity: p('activity'), bestScore: p('score'), passed: p('passed'), attempts: 1, updatedAt: p('now') })
    .onConflictDoUpdate({
      target: [activityResults.runId, activityResults.userId, activityResults.activity],
      set: {
        bestScore: sql`max(${activityResults.bestScore}, excluded.best_score)`,
        passed: sql`${activityResults.passed} or excluded.passed`,
        attempts: sql`${activityResults.attempts} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare(),
}));

function isEnrolled(db: Db, runId: number, userId: number): boolean {
  return queries(db).enrollment.get({ run: runId, user: userId })?.status === 'enrolled';
}

/** Claims an event id for this user; false when it was received before (by anyone). */
function claim(db: Db, id: string, userId: number, kind: 'progress' | 'statement'): boolean {
  return queries(db).claim.run({ id, user: userId, kind }).changes > 0;
}

/** Where the learner stands after an event: judged and recorded when the event changed a fact, else only read. */
function standing(db: Db, context: LearnerContext, changed: boolean): CompletionStatus {
  const { outline, run, user } = context;
  return changed ? refreshCompletion(db, { ...context, userId: user.id }) : learnerStatus(db, outline, run.id, user.id);
}

function inTransaction(db: Db, work: (tx: Tx) => EventOutcome): EventOutcome {
  return durableTransaction(db, work);
}

/** A lesson opened, read to a position (0..1), or finished. Progress only moves forward. */
export function recordProgress(
  db: Db,
  context: LearnerContext,
  report: { id: string; lesson: string; position: number; completed: boolean },
): EventOutcome {
  const { run, outline, user, now } = context;
  if (!isEnrolled(db, run.id, user.id)) return { kind: 'refused', reason: 'not-enrolled' };
  if (!outline.lessons.some((l) => l.slug === report.lesson)) return { kind: 'refused', reason: 'unknown-lesson' };
  return inTransaction(db, () => {
    if (!claim(db, report.id, user.id, 'progress')) return { kind: 'duplicate' };
    const q = queries(db);
    const key = { run: run.id, user: user.id, lesson: report.lesson };
    const finishedNow = report.completed && !q.lessonDone.get(key)?.completedAt;
    q.progress.run({ ...key, position: report.completed ? 1 : report.position, now: now.getTime(), completedAt: report.completed ? now.getTime() : null });
    q.lastLesson.run(key);
    return { kind: 'recorded', status: standing(db, context, finishedNow) };
  });
}

/**
 * An xAPI statement for one of the run's activities; the best score counts, and passing is judged by the activity's
 * rule.
 */
export function recordStatement(db: Db, context: LearnerContext, report: StatementReport): EventOutcome {
  return recordStatements(db, context, [report], 'always')[0]!;
}

type StatementReport = { activity: string; statement: unknown };

/**
 * The statements of one request, judged and stored in order in one transaction (inside the shared one of the write
 * queue, one savepoint for the request rather than one per statement: a refused or repeated statement writes nothing,
 * so only an unexpected error could leave half a statement, and it undoes the whole request, which is answered with
 * an error and sent again). The enrollment is read once for all of them. `standing: 'when-changed'` (several
 * statements of one request) reads the learner's standing only when a statement changed it, the request reading it
 * once after all of them.
 */
export function recordStatements(
  db: Db,
  context: LearnerContext,
  reports: readonly StatementReport[],
  standingAfter: 'always' | 'when-changed',
): EventOutcome[] {
  const { run, outline, user, now } = context;
  return durableTransaction(db, () => {
    if (!isEnrolled(db, run.id, user.id)) return reports.map((): EventOutcome => ({ kind: 'refused', reason: 'not-enrolled' }));
    const q = queries(db);
    return reports.map((report): EventOutcome => {
      const activity = outline.activities.find((a) => a.id === report.activity);
      if (!activity) return { kind: 'refused', reason: 'activity' };
      const checked = checkStatement(report.statement, { email: user.email, userId: user.id, activity: activity.id });
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      const statement = checked.statement;
      if (!claim(db, statement.id, user.id, 'statement')) return { kind: 'duplicate' };
      const key = { run: run.id, user: user.id, activity: activity.id };
      q.statement.run({
        ...key,
        id: statement.id,
        verb: statement.verb,
        score: statement.scoreScaled,
        success: statement.success === null ? null : Number(statement.success),
        statement: JSON.stringify(report.statement),
      });
      const settled = (changed: boolean): EventOutcome =>
        changed || standingAfter === 'always' ? { kind: 'recorded', status: standing(db, context, changed) } : { kind: 'stored' };
      if (!countsAsResult(statement)) return settled(false);
      const passed = statement.scoreScaled! >= passingScore(activity);
      const passedBefore = q.passed.get(key)?.passed === true;
      q.result.run({ ...key, score: statement.scoreScaled, passed: Number(passed), now: now.getTime() });
      return settled(passed && !passedBefore);
    });
  });
}
