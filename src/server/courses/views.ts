// What the course, learning and teaching pages show, read for one request. Inside Astro only (it reads the catalog).
import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { certificates, courseRuns, enrollments, lessonProgress, runInstructors, runSessions, users, type CourseRun } from '../../../db/schema/index.ts';
import type { CatalogItem } from '../../lib/content/types.ts';
import { audienceGroupsOf, type CourseFilters } from '../../lib/courses/catalog-filters.ts';
import { windowState } from '../../lib/courses/enrollment.ts';
import { nextLesson, type CourseOutline } from '../../lib/courses/outline.ts';
import { catalog } from '../catalog/catalog.ts';
import { getDb } from '../db.ts';
import { perConnection } from '../per-connection.ts';
import { learnerStatus, type CourseFacts } from './completion.ts';
import { enrolledCount, waitlistPosition } from './enrollment.ts';
import type { LearnerContext } from './events.ts';
import { courseOutline } from './outline.ts';

export type CourseItem = Extract<CatalogItem, { type: 'courses' }>;

export async function findCourse(slug: string): Promise<CourseItem | undefined> {
  const item = catalog().find('courses', slug);
  return item?.type === 'courses' ? item : undefined;
}

function runsOfCourses(slugs: string[]): CourseRun[] {
  if (slugs.length === 0) return [];
  return getDb().select().from(courseRuns).where(inArray(courseRuns.courseSlug, slugs)).orderBy(asc(courseRuns.startsOn)).all();
}

/** /courses: every published course, those with a run open for enrollment first, then by Thai title. */
export async function courseList(filters: CourseFilters, now = new Date()) {
  // Courses are few (each is a curated short course): one page holds them all, from the store's title order.
  const listed = catalog().listPage({ type: 'courses', field: filters.field, sort: 'title', page: 1 }, 'th', { pageSize: 1000 });
  const courses = listed.items.map((l) => l.item).filter((item): item is CourseItem => item.type === 'courses');
  const runs = runsOfCourses(courses.map((c) => c.slug));
  const collator = new Intl.Collator('th');
  return courses
    .map((course) => {
      const own = runs.filter((r) => r.courseSlug === course.slug);
      const open = own.filter((r) => windowState(r, now) === 'open');
      // The card's dates are those of the first run open for enrollment, never of a run that has long ended.
      return { course, runs: own, openRuns: open.length, nextOpen: open[0] };
    })
    .filter(({ course, runs: own }) => {
      if (filters.field && !course.data.fields.includes(filters.field)) return false;
      if (filters.audience && !audienceGroupsOf(course.data.audience).includes(filters.audience)) return false;
      if (filters.kind && course.data.kind !== filters.kind) return false;
      return !filters.mode || own.some((r) => r.mode === filters.mode);
    })
    .sort((a, b) => Number(b.openRuns > 0) - Number(a.openRuns > 0) || collator.compare(a.course.data.titleTh, b.course.data.titleTh));
}

function instructorsOf(runIds: number[]) {
  if (runIds.length === 0) return [];
  return getDb()
    .select({ runId: runInstructors.runId, id: users.id, nameTh: users.nameTh, nameEn: users.nameEn })
    .from(runInstructors)
    .innerJoin(users, eq(users.id, runInstructors.userId))
    .where(inArray(runInstructors.runId, runIds))
    .all();
}

export function sessionsOf(runId: number) {
  return getDb().select().from(runSessions).where(eq(runSessions.runId, runId)).orderBy(asc(runSessions.startsAt)).all();
}

/** A course page's runs, each with its places, instructors, sessions and what the viewer has there. */
export function courseRunsView(courseSlug: string, viewerId: number | undefined, now = new Date()) {
  const db = getDb();
  const runs = runsOfCourses([courseSlug]);
  const instructors = instructorsOf(runs.map((r) => r.id));
  return runs.map((run) => {
    const mine = viewerId === undefined ? undefined : db.select().from(enrollments).where(and(eq(enrollments.runId, run.id), eq(enrollments.userId, viewerId))).get();
    return {
      run,
      enrolled: enrolledCount(db, run.id),
      window: windowState(run, now),
      instructors: instructors.filter((i) => i.runId === run.id),
      sessions: sessionsOf(run.id),
      status: mine?.status === 'left' ? undefined : mine?.status,
      position: mine?.status === 'waitlisted' ? waitlistPosition(db, run.id, viewerId!) : undefined,
      teaches: viewerId !== undefined && instructors.some((i) => i.runId === run.id && i.id === viewerId),
    };
  });
}

export function isInstructor(runId: number, userId: number): boolean {
  return getDb().select().from(runInstructors).where(and(eq(runInstructors.runId, runId), eq(runInstructors.userId, userId))).get() !== undefined;
}

export interface LearnerRun extends LearnerContext {
  item: CourseItem;
}

/** The run of a course a learner is enrolled in (the latest, if several), with what recording their events needs. */
export async function learnerRun(courseSlug: string, user: { id: number; email: string }, runId?: number): Promise<LearnerRun | undefined> {
  const [item, outline] = [await findCourse(courseSlug), courseOutline(courseSlug)];
  if (!item || !outline) return undefined;
  const run = getDb()
    .select({ run: courseRuns })
    .from(enrollments)
    .innerJoin(courseRuns, eq(courseRuns.id, enrollments.runId))
    .where(and(eq(enrollments.userId, user.id), eq(enrollments.status, 'enrolled'), eq(courseRuns.courseSlug, courseSlug), ...(runId === undefined ? [] : [eq(courseRuns.id, runId)])))
    .orderBy(desc(courseRuns.startsOn))
    .get()?.run;
  if (!run) return undefined;
  return { item, outline, run, course: { titleTh: item.data.titleTh, hours: item.data.hours }, user, now: new Date() };
}

const enrolledRun = perConnection((db) =>
  db
    .select({ run: courseRuns })
    .from(enrollments)
    .innerJoin(courseRuns, eq(courseRuns.id, enrollments.runId))
    .where(and(eq(enrollments.runId, sql.placeholder('run')), eq(enrollments.userId, sql.placeholder('user')), eq(enrollments.status, 'enrolled')))
    .prepare(),
);

/**
 * A course's title and hours, read from the catalog only when asked (when a certificate is issued): the reports that
 * need them are few, and looking the course up on every report cost a third of a millisecond each.
 */
function courseFactsWhenAsked(slug: string): CourseFacts {
  let facts: CourseFacts | undefined;
  const load = (): CourseFacts => {
    if (facts) return facts;
    const item = catalog().find('courses', slug);
    if (item?.type !== 'courses') throw new Error(`course ${slug} is not in the catalog`);
    return (facts = { titleTh: item.data.titleTh, hours: item.data.hours });
  };
  return {
    get titleTh() {
      return load().titleTh;
    },
    get hours() {
      return load().hours;
    },
  };
}

/** The run a learner event names, checked to be theirs: every report asks, so one prepared query and the cached outline. */
export function learnerEventContext(runId: number, user: { id: number; email: string }): LearnerContext | undefined {
  const run = enrolledRun(getDb()).get({ run: runId, user: user.id })?.run;
  const outline = run && courseOutline(run.courseSlug);
  if (!run || !outline) return undefined;
  return { outline, run, course: courseFactsWhenAsked(run.courseSlug), user, now: new Date() };
}

export function lessonStates(runId: number, userId: number) {
  const rows = getDb()
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.runId, runId), eq(lessonProgress.userId, userId)))
    .all();
  return new Map(rows.map((r) => [r.lesson, r]));
}

export function lastLessonOf(runId: number, userId: number): string | null {
  return getDb().select({ last: enrollments.lastLesson }).from(enrollments).where(and(eq(enrollments.runId, runId), eq(enrollments.userId, userId))).get()?.last ?? null;
}

/** Where to resume: the lesson after the last one finished, or the one the learner stopped in. */
export function resumeLesson(outline: CourseOutline, runId: number, userId: number) {
  const states = lessonStates(runId, userId);
  const completed = new Set([...states.values()].filter((s) => s.completedAt).map((s) => s.lesson));
  return nextLesson(outline, completed, lastLessonOf(runId, userId));
}

/** /learn: the person's runs with progress and the next lesson, upcoming sessions, and certificates. */
export async function myLearning(userId: number, now = new Date()) {
  const db = getDb();
  const rows = db
    .select({ run: courseRuns, status: enrollments.status })
    .from(enrollments)
    .innerJoin(courseRuns, eq(courseRuns.id, enrollments.runId))
    .where(and(eq(enrollments.userId, userId), ne(enrollments.status, 'left')))
    .orderBy(desc(courseRuns.startsOn))
    .all();
  const runs = [];
  for (const { run, status } of rows) {
    const item = await findCourse(run.courseSlug);
    const outline = courseOutline(run.courseSlug);
    if (!item || !outline) continue;
    runs.push({
      run,
      item,
      status,
      position: status === 'waitlisted' ? waitlistPosition(db, run.id, userId) : undefined,
      progress: learnerStatus(db, outline, run.id, userId),
      next: status === 'enrolled' ? resumeLesson(outline, run.id, userId) : undefined,
    });
  }
  const enrolledRunIds = rows.filter((r) => r.status === 'enrolled').map((r) => r.run.id);
  const upcoming = enrolledRunIds.length
    ? db
        .select({ session: runSessions, courseSlug: courseRuns.courseSlug })
        .from(runSessions)
        .innerJoin(courseRuns, eq(courseRuns.id, runSessions.runId))
        .where(and(inArray(runSessions.runId, enrolledRunIds), gte(runSessions.endsAt, now)))
        .orderBy(asc(runSessions.startsAt))
        .all()
    : [];
  const earned = db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)).all();
  return { runs, upcoming, certificates: earned, teaching: await teachingRuns({ id: userId, role: 'learner' }) };
}

/** Runs a person teaches, newest first; an admin manages every run (`everyRun` asks for every run outright). */
export async function teachingRuns(user: { id: number; role: string }, everyRun = user.role === 'admin') {
  const db = getDb();
  const runs =
    everyRun
      ? db.select().from(courseRuns).orderBy(desc(courseRuns.startsOn)).all()
      : db
          .select({ run: courseRuns })
          .from(runInstructors)
          .innerJoin(courseRuns, eq(courseRuns.id, runInstructors.runId))
          .where(eq(runInstructors.userId, user.id))
          .orderBy(desc(courseRuns.startsOn))
          .all()
          .map((r) => r.run);
  return Promise.all(runs.map(async (run) => ({ run, item: await findCourse(run.courseSlug) })));
}
