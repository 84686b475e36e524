// Lessons written on the web (docs/decisions/009-course-outlines-from-files.md): stored as rows of course_lessons
// with their Tiptap JSON, read as outline lessons (the document and its H5P activities). Rendering is left to the
// lesson's page (web-lesson-html.ts), so reading an outline does not load the rich-text renderer.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { courseLessons } from '../../../db/schema/index.ts';
import type { Lesson } from '../../lib/courses/outline.ts';
import type { RichTextDocument, RichTextNode } from '../../lib/rich-text/schema.ts';

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
      document: row.document,
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
