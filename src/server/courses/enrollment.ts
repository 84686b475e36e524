// Enrolling in a run, leaving it, and the waitlist behind it. Each change is one immediate transaction, so two
// people asking for the last place cannot both get it; the promoted are told by mail after the commit.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { durableTransaction, type Db } from '../../../db/connection.ts';
import { courseRuns, enrollments, users, type CourseRun } from '../../../db/schema/index.ts';
import type { Role, StudentLevel } from '../../lib/auth/roles.ts';
import { admits, decideEnrollment, placesToFill, type Audience, type EnrollDecision } from '../../lib/courses/enrollment.ts';
import type { MailSender } from '../mail/mailer.ts';
import { sendBilingual } from '../auth/password-reset.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Learner {
  id: number;
  role: Role;
  studentLevel: StudentLevel | null;
}

export interface PromotionMail {
  send: MailSender;
  /** The course's Thai title and the absolute link to its learning page, for the mail. */
  courseTitle: string;
  link: string;
}

export function enrolledCount(db: Pick<Db, 'select'>, runId: number): number {
  return db.select({ n: count() }).from(enrollments).where(and(eq(enrollments.runId, runId), eq(enrollments.status, 'enrolled'))).get()?.n ?? 0;
}

/** Fill free places from the head of the waitlist; returns who moved up. */
function promote(tx: Tx, run: CourseRun, now: Date): number[] {
  const waiting = tx
    .select({ id: enrollments.id, userId: enrollments.userId })
    .from(enrollments)
    .where(and(eq(enrollments.runId, run.id), eq(enrollments.status, 'waitlisted')))
    .orderBy(asc(enrollments.queuedAt), asc(enrollments.id))
    .all();
  const moving = waiting.slice(0, placesToFill(run.capacity, enrolledCount(tx, run.id), waiting.length));
  if (moving.length) {
    tx.update(enrollments)
      .set({ status: 'enrolled', enrolledAt: now })
      .where(inArray(enrollments.id, moving.map((m) => m.id)))
      .run();
  }
  return moving.map((m) => m.userId);
}

async function mailPromoted(db: Db, userIds: number[], mail: PromotionMail | undefined): Promise<void> {
  if (!mail || userIds.length === 0) return;
  const people = db.select().from(users).where(inArray(users.id, userIds)).all();
  for (const person of people) {
    await sendBilingual(mail.send, person, 'mail.promoted.subject', 'mail.promoted.body', { course: mail.courseTitle, link: mail.link });
  }
}

/** Enroll (or join the waitlist); refusals change nothing. Enrolling again while enrolled or waiting is harmless. */
export function enroll(
  db: Db,
  request: { run: CourseRun; learner: Learner; audience: readonly Audience[]; intent: 'enroll' | 'waitlist'; now: Date },
): EnrollDecision {
  const { run, learner, now } = request;
  return durableTransaction(db, 
    (tx) => {
      const current = tx.select().from(enrollments).where(and(eq(enrollments.runId, run.id), eq(enrollments.userId, learner.id))).get();
      const decision = decideEnrollment({
        now,
        run,
        enrolledCount: enrolledCount(tx, run.id),
        current: current?.status,
        intent: request.intent,
        admitted: admits(request.audience, learner),
      });
      if (decision.outcome !== 'enrolled' && decision.outcome !== 'waitlisted') return decision;
      const status = decision.outcome;
      const values = { status, queuedAt: now, enrolledAt: status === 'enrolled' ? now : null };
      tx.insert(enrollments)
        .values({ runId: run.id, userId: learner.id, ...values })
        .onConflictDoUpdate({ target: [enrollments.runId, enrollments.userId], set: values })
        .run();
      return decision;
    },
  );
}

/** Leave a run (or its waitlist); a place freed goes to the first on the waitlist, who is told by mail. */
export async function leave(db: Db, request: { run: CourseRun; userId: number; now: Date; mail?: PromotionMail }): Promise<boolean> {
  const { run, userId, now } = request;
  const promoted = durableTransaction(db, 
    (tx) => {
      const left = tx
        .update(enrollments)
        .set({ status: 'left' })
        .where(and(eq(enrollments.runId, run.id), eq(enrollments.userId, userId), inArray(enrollments.status, ['enrolled', 'waitlisted'])))
        .run();
      return left.changes > 0 ? promote(tx, run, now) : undefined;
    },
  );
  if (promoted === undefined) return false;
  await mailPromoted(db, promoted, request.mail);
  return true;
}

/** What a run's form may change: its dates, enrollment window and capacity. */
export type RunSchedule = Pick<CourseRun, 'startsOn' | 'endsOn' | 'enrollOpensAt' | 'enrollClosesAt' | 'capacity'>;

export type ScheduleOutcome = { kind: 'saved'; promoted: number } | { kind: 'below-enrolled'; enrolled: number };

/**
 * New dates and capacity for a run, in one transaction: never fewer places than the learners enrolled (counted inside
 * it, so an enrollment at the same moment cannot slip under); places added go to the head of the waitlist, who are
 * told by mail. A refusal changes nothing.
 */
export async function changeRunSchedule(db: Db, request: { run: CourseRun; schedule: RunSchedule; now: Date; mail?: PromotionMail }): Promise<ScheduleOutcome> {
  const outcome = durableTransaction(db, (tx): { kind: 'saved'; promoted: number[] } | { kind: 'below-enrolled'; enrolled: number } => {
    const enrolled = enrolledCount(tx, request.run.id);
    if (request.schedule.capacity < enrolled) return { kind: 'below-enrolled', enrolled };
    const changed = tx.update(courseRuns).set(request.schedule).where(eq(courseRuns.id, request.run.id)).returning().get();
    return { kind: 'saved', promoted: promote(tx, changed, request.now) };
  });
  if (outcome.kind === 'below-enrolled') return outcome;
  await mailPromoted(db, outcome.promoted, request.mail);
  return { kind: 'saved', promoted: outcome.promoted.length };
}

/** The 1-based place of a person on a run's waitlist, or undefined when they are not waiting. */
export function waitlistPosition(db: Pick<Db, 'select'>, runId: number, userId: number): number | undefined {
  const waiting = db
    .select({ userId: enrollments.userId })
    .from(enrollments)
    .where(and(eq(enrollments.runId, runId), eq(enrollments.status, 'waitlisted')))
    .orderBy(asc(enrollments.queuedAt), asc(enrollments.id))
    .all();
  const index = waiting.findIndex((w) => w.userId === userId);
  return index < 0 ? undefined : index + 1;
}

export function findRun(db: Pick<Db, 'select'>, runId: number): CourseRun | undefined {
  return db.select().from(courseRuns).where(eq(courseRuns.id, runId)).get();
}
