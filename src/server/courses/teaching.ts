// What a run's instructors (and admins) do: see the roster and waitlist, enroll a list of people (inviting those
// without an account), mark attendance at on-site sessions, record practical assessments per competency unit.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { durableTransaction, type Db } from '../../../db/connection.ts';
import { attendance, enrollments, practicalAssessments, runInstructors, runSessions, users, type CourseRun } from '../../../db/schema/index.ts';
import type { Audience } from '../../lib/courses/enrollment.ts';
import type { CourseOutline } from '../../lib/courses/outline.ts';
import type { ListedPerson } from '../../lib/courses/roster-list.ts';
import { inviteUser, sendBilingual, type LinkMail } from '../auth/password-reset.ts';
import { findUserByEmail } from '../auth/users.ts';
import { learnerStatuses, refreshCompletion, type CourseFacts } from './completion.ts';
import { enrolledCount } from './enrollment.ts';

export interface RunContext {
  run: CourseRun;
  outline: CourseOutline;
  course: CourseFacts & { audience: readonly Audience[] };
}

export function teaches(db: Pick<Db, 'select'>, runId: number, user: { id: number; role: string }): boolean {
  if (user.role === 'admin') return true;
  return db.select().from(runInstructors).where(and(eq(runInstructors.runId, runId), eq(runInstructors.userId, user.id))).get() !== undefined;
}

const byThaiName = new Intl.Collator('th');

/** The run's people without their progress: enrolled by name, then the waitlist in order. */
export function runPeople(db: Db, runId: number) {
  const rows = db
    .select({ userId: users.id, nameTh: users.nameTh, nameEn: users.nameEn, email: users.email, status: enrollments.status })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.runId, runId), inArray(enrollments.status, ['enrolled', 'waitlisted'])))
    .orderBy(asc(enrollments.queuedAt), asc(enrollments.id))
    .all();
  return {
    enrolled: rows.filter((r) => r.status === 'enrolled').sort((a, b) => byThaiName.compare(a.nameTh, b.nameTh)),
    waitlist: rows.filter((r) => r.status === 'waitlisted'),
  };
}

/** Learners per page of a roster: a large run's roster is read a page at a time. */
export const rosterPageSize = 50;

/**
 * The roster's page `page` (from 1): its learners by name with their progress (judged for that page only), how many
 * are enrolled, and the waitlist.
 */
export function roster(db: Db, context: RunContext, page = 1) {
  const { enrolled, waitlist } = runPeople(db, context.run.id);
  const pages = Math.max(1, Math.ceil(enrolled.length / rosterPageSize));
  const current = Math.min(Math.max(1, page), pages);
  const shown = enrolled.slice((current - 1) * rosterPageSize, current * rosterPageSize);
  const progress = learnerStatuses(db, context.outline, context.run.id, shown.map((r) => r.userId));
  return {
    enrolled: shown.map((r) => ({ ...r, progress: progress.get(r.userId)! })),
    total: enrolled.length,
    page: current,
    pages,
    waitlist,
  };
}

export type ListOutcome = { kind: 'full'; needed: number } | { kind: 'done'; enrolled: number; invited: number; unchanged: number };

/**
 * Enroll everyone on the list, whatever the enrollment window (the instructor decides), but never past the run's
 * capacity: a list that does not fit is refused whole, before anyone is invited or enrolled.
 */
export async function enrollList(
  db: Db,
  context: RunContext,
  people: ListedPerson[],
  mail: LinkMail & { courseLink: string },
  now = new Date(),
): Promise<ListOutcome> {
  const { run } = context;
  const current = new Map(
    db
      .select({ email: users.email, status: enrollments.status })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.userId))
      .where(eq(enrollments.runId, run.id))
      .all()
      .map((r) => [r.email, r.status]),
  );
  const newcomers = people.filter((p) => current.get(p.email) !== 'enrolled');
  const room = run.capacity - enrolledCount(db, run.id);
  if (newcomers.length > room) return { kind: 'full', needed: newcomers.length - room };
  const role = context.course.audience.includes('teacher-development') && !context.course.audience.includes('public') ? 'teacher' : 'student';
  let invited = 0;
  for (const person of newcomers) {
    if (findUserByEmail(db, person.email)) continue;
    await inviteUser(db, { email: person.email, nameTh: person.name ?? person.email.split('@')[0]!, organization: null, role }, mail);
    invited += 1;
  }
  const ids = newcomers.map((p) => findUserByEmail(db, p.email)!).filter(Boolean);
  const fits = durableTransaction(db, 
    (tx) => {
      if (ids.length > run.capacity - enrolledCount(tx, run.id)) return false;
      for (const user of ids) {
        const values = { status: 'enrolled' as const, queuedAt: now, enrolledAt: now };
        tx.insert(enrollments)
          .values({ runId: run.id, userId: user.id, ...values })
          .onConflictDoUpdate({ target: [enrollments.runId, enrollments.userId], set: values })
          .run();
      }
      return true;
    },
  );
  if (!fits) return { kind: 'full', needed: ids.length };
  for (const user of ids) await sendBilingual(mail.send, user, 'mail.enrolled.subject', 'mail.enrolled.body', { course: context.course.titleTh, link: mail.courseLink });
  return { kind: 'done', enrolled: ids.length, invited, unchanged: people.length - newcomers.length };
}

export function findSession(db: Pick<Db, 'select'>, runId: number, sessionId: number) {
  return db.select().from(runSessions).where(and(eq(runSessions.id, sessionId), eq(runSessions.runId, runId))).get();
}

export function attendanceOf(db: Pick<Db, 'select'>, sessionId: number): Set<number> {
  return new Set(
    db
      .select({ userId: attendance.userId })
      .from(attendance)
      .where(and(eq(attendance.sessionId, sessionId), eq(attendance.present, true)))
      .all()
      .map((r) => r.userId),
  );
}

function enrolledIds(db: Pick<Db, 'select'>, runId: number): number[] {
  return db
    .select({ userId: enrollments.userId })
    .from(enrollments)
    .where(and(eq(enrollments.runId, runId), eq(enrollments.status, 'enrolled')))
    .all()
    .map((r) => r.userId);
}

/** Mark who was at a session (everyone enrolled not ticked was absent), and judge each learner again. */
export function markAttendance(db: Db, context: RunContext, sessionId: number, present: ReadonlySet<number>, markedBy: number, now = new Date()): void {
  durableTransaction(db, 
    (tx) => {
      for (const userId of enrolledIds(tx, context.run.id)) {
        const values = { present: present.has(userId), markedBy, markedAt: now };
        tx.insert(attendance)
          .values({ sessionId, userId, ...values })
          .onConflictDoUpdate({ target: [attendance.sessionId, attendance.userId], set: values })
          .run();
        refreshCompletion(db, { ...context, userId, now });
      }
    },
  );
}

export function assessmentsOf(db: Pick<Db, 'select'>, runId: number, userId: number) {
  const rows = db
    .select()
    .from(practicalAssessments)
    .where(and(eq(practicalAssessments.runId, runId), eq(practicalAssessments.userId, userId)))
    .all();
  return new Map(rows.map((r) => [r.unit, r]));
}

/** Record a unit's practical assessment for an enrolled learner; false when the learner or unit is not in the run. */
export function recordAssessment(
  db: Db,
  context: RunContext,
  verdict: { userId: number; unit: string; result: 'passed' | 'not-yet'; note: string | null | undefined; assessedBy: number },
  now = new Date(),
): boolean {
  if (!context.outline.units.some((u) => u.code === verdict.unit)) return false;
  if (!enrolledIds(db, context.run.id).includes(verdict.userId)) return false;
  durableTransaction(db, 
    (tx) => {
      const values = { result: verdict.result, note: verdict.note ?? '', assessedBy: verdict.assessedBy, assessedAt: now };
      tx.insert(practicalAssessments)
        .values({ runId: context.run.id, userId: verdict.userId, unit: verdict.unit, ...values })
        .onConflictDoUpdate({ target: [practicalAssessments.runId, practicalAssessments.userId, practicalAssessments.unit], set: values })
        .run();
      refreshCompletion(db, { ...context, userId: verdict.userId, now });
    },
  );
  return true;
}
