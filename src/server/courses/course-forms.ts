// The course page's forms: enroll, join the waitlist, leave. Refusals come back next to the run with their reason.
import { langFromPath, localePath } from '../../i18n/index.ts';
import { runChoiceSchema } from '../../lib/courses/form-schemas.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { getMailSender } from '../mail/mailer.ts';
import { absoluteUrl } from '../site-url.ts';
import { enroll, findRun, leave } from './enrollment.ts';
import type { CourseItem } from './views.ts';

export function courseForms(astro: FormContext, course: CourseItem) {
  const lang = langFromPath(astro.url.pathname);
  const page = localePath(lang, `/courses/${course.slug}`);
  const done = (what: string) => astro.redirect(`${page}?saved=${what}`, 303);
  const runOf = (runId: number) => {
    const run = findRun(getDb(), runId);
    return run?.courseSlug === course.slug ? run : undefined;
  };
  const unknownRun = reject(400, { message: { key: 'courses.refused.unknownRun' } });
  // The page is public; its forms need a person, so a signed-out post goes to sign in and comes back.
  const signIn = () => astro.redirect(`${localePath(lang, '/login')}?next=${encodeURIComponent(page)}`, 303);
  const enrollAction = (intent: 'enroll' | 'waitlist') =>
    formAction(runChoiceSchema, ({ runId }) => {
      const user = astro.locals.user;
      if (!user) return signIn();
      const run = runOf(runId);
      if (!run) return unknownRun;
      const learner = { id: user.id, role: user.role, studentLevel: user.studentLevel };
      const decision = enroll(getDb(), { run, learner, audience: course.data.audience, intent, now: new Date() });
      if (decision.outcome === 'refused') return reject(409, { message: { key: `courses.refused.${decision.reason}` } });
      return done(decision.outcome);
    });
  return handleForm(astro, {
    enroll: enrollAction('enroll'),
    waitlist: enrollAction('waitlist'),
    leave: formAction(runChoiceSchema, async ({ runId }) => {
      const user = astro.locals.user;
      if (!user) return signIn();
      const run = runOf(runId);
      if (!run) return unknownRun;
      const mail = { send: getMailSender(), courseTitle: course.data.titleTh, link: absoluteUrl(`/learn/${course.slug}`) };
      if (!(await leave(getDb(), { run, userId: user.id, now: new Date(), mail }))) {
        return reject(409, { message: { key: 'courses.refused.notEnrolled' } });
      }
      return done('left');
    }),
  });
}
