// Lessons written on the web (docs/decisions/009-course-outlines-from-files.md): stored as rows of course_lessons
// with their Tiptap JSON, read as outline lessons (the rich text rendered to safe HTML, its H5P activities listed).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { courseLessons } from '../../../db/schema/index.ts';
import { generateJSON } from '@tiptap/html/server';
import type { Lesson } from '../../lib/courses/outline.ts';
import { richTextExtensions } from '../../lib/rich-text/extensions.ts';
import type { RichTextDocument, RichTextNode } from '../../lib/rich-text/schema.ts';
import { emptyDocument } from '../../lib/rich-text/validate.ts';
import { checkRichText, renderRichText } from '../rich-text/render.ts';

/** The H5P activities a document places, in order. */
export function documentActivities(node: RichTextNode): string[] {
  const own = node.type === 'h5pActivity' && typeof node.attrs?.activityId === 'string' ? [node.attrs.activityId] : [];
  return [...new Set([...own, ...(node.content ?? []).flatMap(documentActivities)])];
}

export function webLessons(db: Db, course: string): Lesson[] {
  return db
    .select()
    .from(courseLessons)
    .where(eq(courseLessons.courseSlug, course))
    .orderBy(asc(courseLessons.position))
    .all()
    .map((row) => ({
      slug: row.slug,
      titleTh: row.titleTh,
      ...(row.titleEn ? { titleEn: row.titleEn } : {}),
      module: row.module,
      minutes: row.minutes,
      required: row.required,
      activities: documentActivities(row.document),
      body: '',
      position: row.position,
      html: renderRichText(row.document).html,
    }));
}

/** The stored document of a web lesson, if the lesson was written (or rewritten) on the web. */
export function webLessonDocument(db: Db, course: string, slug: string): RichTextDocument | undefined {
  return db
    .select({ document: courseLessons.document })
    .from(courseLessons)
    .where(and(eq(courseLessons.courseSlug, course), eq(courseLessons.slug, slug)))
    .get()?.document;
}

/** A lesson file's text as a document the editor opens, when someone edits it on the web for the first time. */
export function documentFromHtml(html: string): RichTextDocument {
  const checked = checkRichText(generateJSON(html, richTextExtensions()));
  return checked.ok ? checked.document : emptyDocument();
}

export interface WebLessonInput {
  slug: string;
  titleTh: string;
  titleEn: string | null;
  module: string;
  minutes: number;
  position: number;
  required: boolean;
  document: RichTextDocument;
}

/** Store a web lesson (new, or replacing the one of its slug); the outline is merged again on its next read. */
export function saveWebLesson(db: Db, course: string, input: WebLessonInput, userId: number, now = new Date()): void {
  const values = { ...input, courseSlug: course, updatedBy: userId, updatedAt: now };
  db.insert(courseLessons)
    .values(values)
    .onConflictDoUpdate({ target: [courseLessons.courseSlug, courseLessons.slug], set: values })
    .run();
}
