// /admin/runs: admins, and field staff for the courses of their fields, open a run of a course (dates, window,
// capacity, mode, place, college, partner, instructors); a run's instructors, its course's field staff and admins
// manage it (on-site sessions, roster) on /teach/<run>.
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'astro/zod';
import { courseRuns, runInstructors, runSessions, users } from '../../../db/schema/index.ts';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { newRunSchema, newSessionSchema } from '../../lib/courses/form-schemas.ts';
import { emailAddress } from '../../lib/forms/form-values.ts';
import { curatesAny } from '../../lib/auth/access.ts';
import { requireFieldStaff } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { outlinedCourses } from './outline.ts';
import type { TeachContext } from './teach-forms.ts';
import { findCourse, teachingRuns } from './views.ts';

const hour = 3_600_000;

/** The instants stored for a form's days: a run starts at the start of its first day; its last day and the window's count whole. */
export function scheduleTimes<T extends { endsOn: Date; enrollClosesAt: Date }>(days: T): T {
  return { ...days, endsOn: new Date(days.endsOn.getTime() + 24 * hour - 1), enrollClosesAt: new Date(days.enrollClosesAt.getTime() + 24 * hour - 1) };
}

/** Courses a run may be opened for: published course items with an outline. */
async function courseChoices() {
  const found = await Promise.all(outlinedCourses(env.CONTENT_DIR).map((slug) => findCourse(slug)));
  return found.flatMap((course) => (course ? [course] : []));
}

/** The courses a curator may open runs of: every one for admins, those of their fields for field staff. */
export async function curatedCourseChoices(curator: SessionUser) {
  return (await courseChoices()).filter((course) => curatesAny(curator, course.data.fields));
}

/** The runs /admin/runs lists: every run for admins; for field staff, the runs of their fields' courses. */
export async function curatedRuns(curator: SessionUser) {
  const runs = await teachingRuns(curator, true);
  return runs.filter(({ item }) => item !== undefined && curatesAny(curator, item.data.fields));
}

function instructorIds(list: string | null): number[] | 'unknown' {
  const emails = (list ?? '').split(/[\s,;]+/).filter(Boolean);
  const parsed = emails.map((e) => emailAddress.safeParse(e));
  if (parsed.some((p) => !p.success)) return 'unknown';
  const wanted = [...new Set(parsed.map((p) => p.data!))];
  if (wanted.length === 0) return [];
  const found = getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.email, wanted), inArray(users.role, ['teacher', 'expert', 'admin'])))
    .all();
  return found.length === wanted.length ? found.map((u) => u.id) : 'unknown';
}

export function adminRunForms(astro: FormContext) {
  const curator = requireFieldStaff(astro.locals);
  return handleForm(astro, {
    'new-run': formAction(newRunSchema, async (input: z.output<typeof newRunSchema>) => {
      if (!(await curatedCourseChoices(curator)).some((c) => c.slug === input.course)) return reject(400, { errors: { course: 'courses.form.unknownCourse' }, message: { key: 'form.fixErrors' } });
      const instructors = instructorIds(input.instructors);
      if (instructors === 'unknown') return reject(400, { errors: { instructors: 'courses.form.unknownInstructor' }, message: { key: 'form.fixErrors' } });
      const db = getDb();
      const taken = db.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, input.course), eq(courseRuns.code, input.code))).get();
      if (taken) return reject(409, { errors: { code: 'courses.form.codeTaken' }, message: { key: 'form.fixErrors' } });
      const run = db.transaction((tx) => {
        const { instructors: _, course, ...rest } = input;
        const created = tx
          .insert(courseRuns)
          .values({ ...scheduleTimes(rest), courseSlug: course })
          .returning()
          .get();
        for (const userId of instructors) tx.insert(runInstructors).values({ runId: created.id, userId }).run();
        return created;
      });
      return astro.redirect(`${localePath(langFromPath(astro.url.pathname), `/teach/${run.id}`)}?created=1`, 303);
    }),
  });
}

/** The session form on /teach/<run>: a title, a day (09:00–16:00 Bangkok) and a place. */
export const addSessionAction = (astro: FormContext, context: TeachContext) =>
  formAction(newSessionSchema, ({ titleTh, date, place }) => {
    getDb()
      .insert(runSessions)
      .values({ runId: context.run.id, titleTh, place, startsAt: new Date(date.getTime() + 9 * hour), endsAt: new Date(date.getTime() + 16 * hour) })
      .run();
    return astro.redirect(`${localePath(langFromPath(astro.url.pathname), `/teach/${context.run.id}`)}?session=1`, 303);
  });
