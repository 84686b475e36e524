// Who may write a course's lessons on the web, and the editor's form: admins, and field staff of one of the
// course's fields. Each refusal is said next to its field in Thai and English; nothing is stored for a refused form.
import { generateJSON } from '@tiptap/html/server';
import type { APIContext, AstroGlobal } from 'astro';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { isFieldStaff } from '../../lib/auth/access.ts';
import { lessonFormSchema } from '../../lib/courses/form-schemas.ts';
import { renderLesson } from '../../lib/courses/lesson-html.ts';
import type { CourseOutline, Lesson } from '../../lib/courses/outline.ts';
import { richTextExtensions } from '../../lib/rich-text/extensions.ts';
import type { RichTextDocument } from '../../lib/rich-text/schema.ts';
import { emptyDocument } from '../../lib/rich-text/validate.ts';
import { receiveEditorMedia, refuseMedia } from '../articles/media.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { maxArticleFormBytes } from '../request-body.ts';
import { checkRichText } from '../rich-text/render.ts';
import { courseOutline, forgetCourseOutline } from './outline.ts';
import { findCourse, type CourseItem } from './views.ts';
import { documentActivities, saveWebLesson, webLessonDocument } from './web-lessons.ts';

/** Admins, and staff of any of the course's fields. */
export function mayEditLessons(user: SessionUser | null, course: CourseItem): boolean {
  return user !== null && (user.role === 'admin' || course.data.fields.some((field) => isFieldStaff(user, field)));
}

export interface LessonEditing {
  course: CourseItem;
  outline: CourseOutline;
  user: SessionUser;
}

/** The page's course, or the answer instead: 404 for no such course (or one without an outline), 403 for others. */
export async function lessonEditing(astro: Pick<AstroGlobal, 'params' | 'locals' | 'rewrite'>): Promise<LessonEditing | Response> {
  const course = await findCourse(astro.params.course ?? '');
  const outline = course && courseOutline(course.slug);
  if (!course || !outline) return astro.rewrite('/404');
  if (!mayEditLessons(astro.locals.user, course)) return astro.rewrite('/403');
  return { course, outline, user: astro.locals.user! };
}

/** The editor's form: a new lesson (`editing` undefined, its slug chosen) or an existing one (its slug kept). */
export function lessonEditorForms(astro: FormContext, { course, outline, user }: LessonEditing, editing: Lesson | undefined) {
  const lang = langFromPath(astro.url.pathname);
  return handleForm(
    astro,
    {
      save: formAction(lessonFormSchema, (input) => {
        const slug = editing?.slug ?? input.slug;
        if (!editing && outline.lessons.some((l) => l.slug === slug)) {
          return reject(409, { errors: { slug: 'courses.lessonForm.slugTaken' }, message: { key: 'form.fixErrors' } });
        }
        if (!outline.modules.some((m) => m.key === input.module)) {
          return reject(400, { errors: { module: 'courses.lessonForm.module' }, message: { key: 'form.fixErrors' } });
        }
        const checked = checkRichText(input.document);
        if (!checked.ok) {
          return reject(400, { errors: { document: 'courses.lessonForm.document' }, message: { key: 'courses.lessonForm.documentInvalid', params: { reason: checked.error[lang] } } });
        }
        const unknown = documentActivities(checked.document).filter((id) => !outline.activities.some((a) => a.id === id));
        if (unknown.length) {
          return reject(400, { errors: { document: 'courses.lessonForm.document' }, message: { key: 'courses.lessonForm.activities', params: { ids: unknown.join(', ') } } });
        }
        saveWebLesson(getDb(), course.slug, { ...input, slug, document: checked.document }, user.id);
        forgetCourseOutline(course.slug);
        return astro.redirect(`${localePath(lang, `/staff/courses/${course.slug}/lessons/${slug}`)}?done=saved`, 303);
      }),
    },
    { maxBytes: maxArticleFormBytes },
  );
}

/** /staff/courses/<course>/lessons/<lesson> ("new" for a new lesson): the lesson, the document to edit, the form. */
export async function lessonEditorPage(astro: FormContext & Pick<AstroGlobal, 'params' | 'rewrite'>) {
  const editing = await lessonEditing(astro);
  if (editing instanceof Response) return editing;
  const slug = astro.params.lesson ?? '';
  const lesson = slug === 'new' ? undefined : editing.outline.lessons.find((l) => l.slug === slug);
  if (slug !== 'new' && !lesson) return astro.rewrite('/404');
  const form = await lessonEditorForms(astro, editing, lesson);
  if (form instanceof Response) return form;
  const document = !lesson ? emptyDocument() : (webLessonDocument(getDb(), editing.course.slug, lesson.slug) ?? documentFromHtml(renderLesson(lesson.body, lesson.activities, (id) => id)));
  return { ...editing, lesson, document, form };
}

/**
 * POST /staff/courses/<course>/media: a picture or video for a lesson of the course, from the editor. Whoever may write
 * the course's lessons may upload for them (field staff need not be experts); anyone else is refused before the body is
 * read, so nothing is stored.
 */
export async function lessonMediaEndpoint({ params, locals, request }: Pick<APIContext, 'params' | 'locals' | 'request'>): Promise<Response> {
  const course = await findCourse(params.course ?? '');
  if (!course || !courseOutline(course.slug)) return refuseMedia(404, 'no-course');
  if (!mayEditLessons(locals.user, course)) return refuseMedia(403, 'not-course-staff');
  return receiveEditorMedia(request, locals.user!.id);
}

/** A lesson file's text as a document the editor opens, when someone edits it on the web for the first time. */
function documentFromHtml(html: string): RichTextDocument {
  const checked = checkRichText(generateJSON(html, richTextExtensions()));
  return checked.ok ? checked.document : emptyDocument();
}
