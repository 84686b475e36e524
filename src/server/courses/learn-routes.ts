// What the /learn routes decide before rendering: is this person enrolled in the course, which lesson, where to resume.
import type { APIContext, AstroGlobal } from 'astro';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { requireRole } from '../auth/authorize.ts';
import { findCourse, learnerRun, resumeLesson, type LearnerRun } from './views.ts';

type RouteContext = Pick<AstroGlobal | APIContext, 'params' | 'url' | 'locals' | 'redirect' | 'rewrite'>;

/** The learner's run for the URL's course; someone not enrolled is sent to the course page to enroll. */
async function enrolledRun(astro: RouteContext): Promise<LearnerRun | Response> {
  const user = requireRole(astro.locals);
  const course = astro.params.course ?? '';
  if (!(await findCourse(course))) return astro.rewrite('/404');
  const learner = await learnerRun(course, user);
  return learner ?? astro.redirect(localePath(langFromPath(astro.url.pathname), `/courses/${course}`), 303);
}

export async function lessonRoute(astro: RouteContext): Promise<LearnerRun | Response> {
  const learner = await enrolledRun(astro);
  if (learner instanceof Response) return learner;
  if (!learner.outline.lessons.some((l) => l.slug === astro.params.lesson)) return astro.rewrite('/404');
  return learner;
}

export async function resumeRoute(astro: RouteContext): Promise<Response> {
  const learner = await enrolledRun(astro);
  if (learner instanceof Response) return learner;
  const lesson = resumeLesson(learner.outline, learner.run.id, learner.user.id);
  if (!lesson) return astro.rewrite('/404');
  return astro.redirect(localePath(langFromPath(astro.url.pathname), `/learn/${learner.item.slug}/${lesson.slug}`), 303);
}
