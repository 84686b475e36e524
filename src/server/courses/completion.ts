// The one place completion is computed: from the recorded events (lessons finished, activities passed, sessions
// attended, units assessed) to a completion row and a certificate. Idempotent: run it after any event, as often as
// you like; the unique (run, user) keys make a second completion or certificate impossible, even under a race.
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { activityResults, attendance, certificates, completions, lessonProgress, practicalAssessments, runSessions, users, type CourseRun } from '../../../db/schema/index.ts';
import { completionStatus, type CompletionStatus } from '../../lib/courses/completion.ts';
import { completionRule, type CourseOutline } from '../../lib/courses/outline.ts';
import { newCertificateCode } from '../../lib/courses/certificate-code.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export interface CourseFacts {
  titleTh: string;
  hours: number;
}

/** Where a learner stands in a run, from what is stored. */
export function learnerStatus(db: Tx, outline: CourseOutline, runId: number, userId: number): CompletionStatus {
  const completedLessons = new Set(
    db
      .select({ lesson: lessonProgress.lesson })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.runId, runId), eq(lessonProgress.userId, userId), isNotNull(lessonProgress.completedAt)))
      .all()
      .map((r) => r.lesson),
  );
  const passedActivities = new Set(
    db
      .select({ activity: activityResults.activity })
      .from(activityResults)
      .where(and(eq(activityResults.runId, runId), eq(activityResults.userId, userId), eq(activityResults.passed, true)))
      .all()
      .map((r) => r.activity),
  );
  const sessions = db.select({ n: count() }).from(runSessions).where(eq(runSessions.runId, runId)).get()?.n ?? 0;
  const attended =
    db
      .select({ n: count() })
      .from(attendance)
      .innerJoin(runSessions, eq(runSessions.id, attendance.sessionId))
      .where(and(eq(runSessions.runId, runId), eq(attendance.userId, userId), eq(attendance.present, true)))
      .get()?.n ?? 0;
  const passedUnits = new Set(
    db
      .select({ unit: practicalAssessments.unit })
      .from(practicalAssessments)
      .where(and(eq(practicalAssessments.runId, runId), eq(practicalAssessments.userId, userId), eq(practicalAssessments.result, 'passed')))
      .all()
      .map((r) => r.unit),
  );
  return completionStatus(completionRule(outline), { completedLessons, passedActivities, sessions, attended, passedUnits });
}

/**
 * Judge the learner again and, when the course is complete, record the completion and issue the certificate (each
 * at most once). Call it inside the transaction that stored the event, so an event and its consequence commit together.
 */
export function refreshCompletion(
  db: Tx,
  context: { outline: CourseOutline; course: CourseFacts; run: CourseRun; userId: number; now: Date },
): CompletionStatus {
  const { outline, course, run, userId, now } = context;
  const status = learnerStatus(db, outline, run.id, userId);
  if (!status.complete) return status;
  db.insert(completions).values({ runId: run.id, userId, completedAt: now }).onConflictDoNothing().run();
  const learner = db.select({ nameTh: users.nameTh }).from(users).where(eq(users.id, userId)).get();
  if (!learner) return status;
  db.insert(certificates)
    .values({
      code: newCertificateCode(),
      runId: run.id,
      userId,
      learnerName: learner.nameTh,
      courseTitle: course.titleTh,
      hours: course.hours,
      units: outline.units.map((u) => `${u.code} ${u.titleTh}`),
      college: run.college,
      partner: run.partner,
      issuedAt: now,
    })
    .onConflictDoNothing({ target: [certificates.runId, certificates.userId] })
    .run();
  return status;
}
