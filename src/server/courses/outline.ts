// Reading a course's outline from content/courses/<slug>/ (course.yaml and NN-lesson-slug.md files). Read from the
// files rather than synced to a table: the files are the curated source, never change while the server runs, and
// the outline is small, so each course is read once and kept (docs/decisions/009-course-outlines-from-files.md).
// Lessons written on the web (course_lessons) are merged in: a row replaces the file lesson of its slug or adds one.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { slugPattern } from '../../lib/content/schemas/common.ts';
import { courseOutlineSchema, lessonPositionOf, lessonSchema, lessonSlugOf, mergeLessons, outlineProblems, type CourseOutline } from '../../lib/courses/outline.ts';
import { getDb } from '../db.ts';
import { readMarkdownEntries, readYamlFile } from '../content-files.ts';
import { env } from '../env.ts';
import { webLessons } from './web-lessons.ts';

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');

/** The outline of a course, or undefined when it has none; a file that does not validate stops with its name. */
export function readCourseOutline(contentDir: string, course: string): CourseOutline | undefined {
  const dir = join(contentDir, 'courses', course);
  const file = join(dir, 'course.yaml');
  if (!existsSync(file)) return undefined;
  const parsed = courseOutlineSchema.safeParse(readYamlFile(file));
  if (!parsed.success) throw new Error(`content/courses/${course}/course.yaml: ${issues(parsed.error)}`);
  const lessons = readMarkdownEntries(dir).map((entry) => {
    const slug = lessonSlugOf(`${entry.id}.md`);
    if (!slug) throw new Error(`content/courses/${course}/${entry.id}: a lesson file is named NN-lesson-slug.md`);
    const meta = lessonSchema.safeParse(entry.data);
    if (!meta.success) throw new Error(`content/courses/${course}/${entry.id}: ${issues(meta.error)}`);
    return { ...meta.data, slug, body: entry.body, position: lessonPositionOf(entry.id) };
  });
  const outline: CourseOutline = { ...parsed.data, course, lessons };
  const problems = outlineProblems(outline);
  if (problems.length) throw new Error(`content/courses/${course}: ${problems.join('; ')}`);
  return outline;
}

/** Every course folder with an outline. */
export function outlinedCourses(contentDir: string): string[] {
  const dir = join(contentDir, 'courses');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'course.yaml')))
    .map((entry) => entry.name)
    .sort();
}

const files = new Map<string, CourseOutline | undefined>();
const merged = new Map<string, CourseOutline | undefined>();

/** The course's outline from its files only, read once per course. */
export function fileOutline(course: string): CourseOutline | undefined {
  if (!slugPattern.test(course)) return undefined;
  if (!files.has(course)) files.set(course, readCourseOutline(env.CONTENT_DIR, course));
  return files.get(course);
}

/** The server's outlines: the files' with the lessons written on the web, kept until a web lesson is saved. */
export function courseOutline(course: string): CourseOutline | undefined {
  if (!merged.has(course)) {
    const outline = fileOutline(course);
    merged.set(course, outline && { ...outline, lessons: mergeLessons(outline.lessons, webLessons(getDb(), course)) });
  }
  return merged.get(course);
}

/** After a web lesson is saved: the next reader merges again. */
export function forgetCourseOutline(course: string): void {
  merged.delete(course);
}
