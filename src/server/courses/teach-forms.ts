// The instructor pages' routes and forms: which run (and session, and learner) the URL names, checked to be one
// the person teaches (404 otherwise, so a run's existence tells nothing), and the forms handled with handleForm.
import type { AstroGlobal } from 'astro';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { assessmentSchema, attendanceSchema, enrollListSchema, runScheduleSchema } from '../../lib/courses/form-schemas.ts';
import { parsePeopleList } from '../../lib/courses/roster-list.ts';
import { curatesAny } from '../../lib/auth/access.ts';
import { emailLinks } from '../auth/account-forms.ts';
import { requireRole } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { getMailSender } from '../mail/mailer.ts';
import { absoluteUrl } from '../site-url.ts';
import { changeRunSchedule, findRun } from './enrollment.ts';
import { addSessionAction, scheduleTimes } from './admin-runs.ts';
import { courseOutline } from './outline.ts';
import { enrollList, findSession, markAttendance, recordAssessment, teaches, type RunContext } from './teaching.ts';
import { findCourse, type CourseItem } from './views.ts';

type TeachAstro = FormContext & Pick<AstroGlobal, 'params' | 'rewrite'>;

export interface TeachContext extends RunContext {
  item: CourseItem;
}

const positiveId = (value: string | undefined) => (value && /^\d{1,15}$/.test(value) ? Number(value) : undefined);

/** The run in the URL, if the signed-in person teaches it, is staff of its course's field, or is an admin. */
export async function teachRun(astro: TeachAstro): Promise<TeachContext | Response> {
  const user = requireRole(astro.locals);
  const runId = positiveId(astro.params.run);
  const run = runId === undefined ? undefined : findRun(getDb(), runId);
  if (!run) return astro.rewrite('/404');
  const [item, outline] = [await findCourse(run.courseSlug), courseOutline(run.courseSlug)];
  if (!teaches(getDb(), run.id, user) && !(item && curatesAny(user, item.data.fields))) return astro.rewrite('/404');
  if (!item || !outline) return astro.rewrite('/404');
  return { run, outline, item, course: { titleTh: item.data.titleTh, hours: item.data.hours, audience: item.data.audience } };
}

/** A run's dates and capacity are its course's curators' (admins, the course's field staff), not every instructor's. */
export const mayChangeSchedule = (user: SessionUser | null, context: TeachContext) => user !== null && curatesAny(user, context.item.data.fields);

const runPath = (astro: FormContext, context: TeachContext, rest = '') => localePath(langFromPath(astro.url.pathname), `/teach/${context.run.id}${rest}`);

export function rosterForms(astro: TeachAstro, context: TeachContext) {
  return handleForm(astro, {
    'enroll-list': formAction(enrollListSchema, async ({ list }) => {
      const { people, bad } = parsePeopleList(list);
      if (bad.length) return reject(400, { errors: { list: 'form.email.invalid' }, message: { key: 'teach.enrollList.bad', params: { lines: bad.slice(0, 20).join(', ') } } });
      if (!people.length) return reject(400, { errors: { list: 'form.required' }, message: { key: 'form.fixErrors' } });
      const lang = langFromPath(astro.url.pathname);
      const mail = { ...emailLinks(astro), courseLink: absoluteUrl(localePath(lang, `/learn/${context.item.slug}`)) };
      const outcome = await enrollList(getDb(), context, people, mail);
      if (outcome.kind === 'full') return reject(409, { message: { key: 'teach.enrollList.full', params: { count: outcome.needed } } });
      const { enrolled, invited, unchanged } = outcome;
      return astro.redirect(`${runPath(astro, context)}?enrolled=${enrolled}&invited=${invited}&unchanged=${unchanged}`, 303);
    }),
    'add-session': addSessionAction(astro, context),
    'change-run': formAction(runScheduleSchema, async (input) => {
      if (!mayChangeSchedule(astro.locals.user, context)) return reject(403, { message: { key: 'teach.schedule.forbidden' } });
      const lang = langFromPath(astro.url.pathname);
      const mail = { send: getMailSender(), courseTitle: context.item.data.titleTh, link: absoluteUrl(localePath(lang, `/learn/${context.item.slug}`)) };
      const outcome = await changeRunSchedule(getDb(), { run: context.run, schedule: scheduleTimes(input), now: new Date(), mail });
      if (outcome.kind === 'below-enrolled') {
        return reject(409, { errors: { capacity: 'teach.schedule.belowEnrolled' }, message: { key: 'teach.schedule.belowEnrolledCount', params: { count: outcome.enrolled } } });
      }
      return astro.redirect(`${runPath(astro, context)}?schedule=${outcome.promoted}`, 303);
    }),
  });
}

export async function sessionForms(astro: TeachAstro, context: TeachContext) {
  const session = findSession(getDb(), context.run.id, positiveId(astro.params.session) ?? 0);
  if (!session) return astro.rewrite('/404');
  const form = await handleForm(astro, {
    attendance: formAction(attendanceSchema, ({ sessionId, present }) => {
      if (sessionId !== session.id) return reject(400, { message: { key: 'form.malformed' } });
      markAttendance(getDb(), context, session.id, new Set(present), requireRole(astro.locals).id);
      return astro.redirect(`${runPath(astro, context, `/sessions/${session.id}`)}?saved=1`, 303);
    }),
  });
  return form instanceof Response ? form : { form, session };
}

export async function assessmentForms(astro: TeachAstro, context: TeachContext) {
  const learnerId = positiveId(astro.params.learner) ?? 0;
  const form = await handleForm(astro, {
    assessment: formAction(assessmentSchema, ({ userId, unit, result, note }) => {
      if (userId !== learnerId) return reject(400, { message: { key: 'form.malformed' } });
      const saved = recordAssessment(getDb(), context, { userId, unit, result, note, assessedBy: requireRole(astro.locals).id });
      if (!saved) return reject(400, { message: { key: 'form.malformed' } });
      return astro.redirect(`${runPath(astro, context, `/learners/${learnerId}`)}?saved=1`, 303);
    }),
  });
  return form instanceof Response ? form : { form, learnerId };
}
