// What a learner's browser reports: lesson progress and xAPI statements from H5P activities. Each report carries an
// id and is accepted exactly once (received_events), validated before anything is written, stored with its
// consequence (best score, completion, certificate) in one transaction.
import { and, eq, sql } from 'drizzle-orm';
import { durableTransaction, type Db } from '../../../db/connection.ts';
import { activityResults, activityStatements, enrollments, lessonProgress, receivedEvents, type CourseRun } from '../../../db/schema/index.ts';
import type { CompletionStatus } from '../../lib/courses/completion.ts';
import { passingScore, type CourseOutline } from '../../lib/courses/outline.ts';
import { checkStatement, countsAsResult, type StatementRefusal } from '../../lib/courses/xapi.ts';
import { refreshCompletion, type CourseFacts } from './completion.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface LearnerContext {
  run: CourseRun;
  outline: CourseOutline;
  course: CourseFacts;
  user: { id: number; email: string };
  now: Date;
}

export type EventRefusal = 'not-enrolled' | 'unknown-lesson' | StatementRefusal;

export type EventOutcome = { kind: 'recorded'; status: CompletionStatus } | { kind: 'duplicate' } | { kind: 'refused'; reason: EventRefusal };

function isEnrolled(db: Pick<Db, 'select'>, runId: number, userId: number): boolean {
  const row = db.select({ status: enrollments.status }).from(enrollments).where(and(eq(enrollments.runId, runId), eq(enrollments.userId, userId))).get();
  return row?.status === 'enrolled';
}

/** Claims an event id for this user; false when it was received before (by anyone). */
function claim(tx: Tx, id: string, userId: number, kind: 'progress' | 'statement'): boolean {
  return tx.insert(receivedEvents).values({ id, userId, kind }).onConflictDoNothing().run().changes > 0;
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
  return inTransaction(db, (tx) => {
    if (!claim(tx, report.id, user.id, 'progress')) return { kind: 'duplicate' };
    const position = report.completed ? 1 : report.position;
    tx.insert(lessonProgress)
      .values({ runId: run.id, userId: user.id, lesson: report.lesson, position, openedAt: now, completedAt: report.completed ? now : null })
      .onConflictDoUpdate({
        target: [lessonProgress.runId, lessonProgress.userId, lessonProgress.lesson],
        set: {
          position: sql`max(${lessonProgress.position}, excluded.position)`,
          completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
        },
      })
      .run();
    tx.update(enrollments)
      .set({ lastLesson: report.lesson })
      .where(and(eq(enrollments.runId, run.id), eq(enrollments.userId, user.id)))
      .run();
    return { kind: 'recorded', status: refreshCompletion(db, { ...context, userId: user.id }) };
  });
}

/** An xAPI statement for one of the run's activities; the best score counts, and passing is judged by the activity's rule. */
export function recordStatement(db: Db, context: LearnerContext, report: { activity: string; statement: unknown }): EventOutcome {
  const { run, outline, user, now } = context;
  if (!isEnrolled(db, run.id, user.id)) return { kind: 'refused', reason: 'not-enrolled' };
  const activity = outline.activities.find((a) => a.id === report.activity);
  if (!activity) return { kind: 'refused', reason: 'activity' };
  const checked = checkStatement(report.statement, { email: user.email, userId: user.id, activity: activity.id });
  if (!checked.ok) return { kind: 'refused', reason: checked.reason };
  const statement = checked.statement;
  return inTransaction(db, (tx) => {
    if (!claim(tx, statement.id, user.id, 'statement')) return { kind: 'duplicate' };
    tx.insert(activityStatements)
      .values({
        id: statement.id,
        runId: run.id,
        userId: user.id,
        activity: activity.id,
        verb: statement.verb,
        scoreScaled: statement.scoreScaled,
        success: statement.success,
        statement: report.statement,
      })
      .run();
    if (countsAsResult(statement)) {
      const score = statement.scoreScaled!;
      const passed = score >= passingScore(activity);
      tx.insert(activityResults)
        .values({ runId: run.id, userId: user.id, activity: activity.id, bestScore: score, passed, attempts: 1, updatedAt: now })
        .onConflictDoUpdate({
          target: [activityResults.runId, activityResults.userId, activityResults.activity],
          set: {
            bestScore: sql`max(${activityResults.bestScore}, excluded.best_score)`,
            passed: sql`${activityResults.passed} or excluded.passed`,
            attempts: sql`${activityResults.attempts} + 1`,
            updatedAt: now,
          },
        })
        .run();
    }
    return { kind: 'recorded', status: refreshCompletion(db, { ...context, userId: user.id }) };
  });
}
