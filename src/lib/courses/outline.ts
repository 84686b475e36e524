// A course's outline (modules, lessons, activities, competency units) and its completion rule, as curated in
// content/courses/<slug>/: course.yaml for the course, one NN-lesson-slug.md file per lesson.
import { z } from 'astro/zod';
import { slug } from '../content/schemas/common.ts';
import type { CompletionRule } from './completion.ts';
import type { RichTextDocument } from '../rich-text/schema.ts';

const bilingual = { titleTh: z.string().min(1), titleEn: z.string().min(1).optional() };

/** H5P content types the platform ships, each with the passing score used when an activity names none. */
export const activityKinds = { 'multiple-choice': 0.6, 'true-false': 0.6, 'fill-in-the-blanks': 0.6 } as const;

export const courseOutlineSchema = z
  .object({
    modules: z.array(z.object({ key: slug, ...bilingual })).min(1),
    units: z.array(z.object({ code: z.string().min(1), ...bilingual })).default([]),
    activities: z
      .array(
        z.object({
          id: slug,
          ...bilingual,
          kind: z.enum(Object.keys(activityKinds) as [keyof typeof activityKinds, ...(keyof typeof activityKinds)[]]),
          passingScore: z.number().min(0).max(1).optional(),
          required: z.boolean().default(true),
        }),
      )
      .default([]),
    completion: z
      .object({
        /** Share of on-site sessions to attend. */
        attendance: z.number().min(0).max(1).optional(),
        /** Every competency unit's practical assessment must be passed. */
        assessment: z.boolean().default(false),
      })
      .default({ assessment: false }),
  })
  .strict();

export const lessonSchema = z
  .object({
    ...bilingual,
    module: slug,
    minutes: z.number().int().positive(),
    required: z.boolean().default(true),
    /** Activities shown after the text, besides those placed in it with `::h5p[id]`. */
    activities: z.array(slug).default([]),
  })
  .strict();

export type CourseOutlineFile = z.infer<typeof courseOutlineSchema>;
export type LessonMeta = z.infer<typeof lessonSchema>;

export interface Lesson extends LessonMeta {
  slug: string;
  /** Markdown with `::h5p[id]` lines: a lesson file's text (empty for a lesson written on the web). */
  body: string;
  /** Its place among the course's lessons: the number its file name starts with, or the one given on the web. */
  position?: number;
  /** A lesson written on the web: its rich text (its activities placed in it), rendered where the lesson is shown. */
  document?: RichTextDocument;
}

export interface CourseOutline extends CourseOutlineFile {
  course: string;
  lessons: Lesson[];
}

export type Activity = CourseOutline['activities'][number];

export const passingScore = (activity: Activity) => activity.passingScore ?? activityKinds[activity.kind];

/** The lesson's place in its file name: `03-reading-fault-codes.md` is lesson `reading-fault-codes`. */
export function lessonSlugOf(fileName: string): string | undefined {
  return /^\d{2,3}-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx?$/.exec(fileName)?.[1];
}

/** The number a lesson file's name starts with: `03-reading-fault-codes.md` is 3. */
export const lessonPositionOf = (fileName: string): number => Number(/^(\d{2,3})-/.exec(fileName)?.[1] ?? 0);

export function completionRule(outline: CourseOutline): CompletionRule {
  return {
    lessons: outline.lessons.filter((l) => l.required).map((l) => l.slug),
    activities: outline.activities.filter((a) => a.required).map((a) => a.id),
    attendance: outline.completion.attendance,
    units: outline.completion.assessment ? outline.units.map((u) => u.code) : [],
  };
}

/**
 * The course's lessons once lessons written on the web are added (docs/decisions/009): one with a file lesson's slug
 * takes its place, a new one is added; all in the order of their positions (a file before a web lesson on a tie).
 */
export function mergeLessons(files: readonly Lesson[], web: readonly Lesson[]): Lesson[] {
  const replaced = new Set(web.map((l) => l.slug));
  const kept = files.filter((l) => !replaced.has(l.slug)).map((lesson) => ({ lesson, web: 0 }));
  return [...kept, ...web.map((lesson) => ({ lesson, web: 1 }))]
    .sort((a, b) => (a.lesson.position ?? 0) - (b.lesson.position ?? 0) || a.web - b.web || a.lesson.slug.localeCompare(b.lesson.slug))
    .map((entry) => entry.lesson);
}

/** Modules in order, each with its lessons in order. */
export function modulesOf(outline: CourseOutline) {
  return outline.modules.map((module) => ({ ...module, lessons: outline.lessons.filter((l) => l.module === module.key) }));
}

/** Where a learner should go next: the first required lesson not yet completed after the last one opened, else any. */
export function nextLesson(outline: CourseOutline, completed: ReadonlySet<string>, last: string | null): Lesson | undefined {
  const from = Math.max(0, outline.lessons.findIndex((l) => l.slug === last));
  const ordered = [...outline.lessons.slice(from), ...outline.lessons.slice(0, from)];
  return ordered.find((l) => !completed.has(l.slug)) ?? outline.lessons.find((l) => l.slug === last) ?? outline.lessons[0];
}

/** Every activity a lesson shows: those placed in its text, then those its frontmatter lists. */
export function lessonActivities(lesson: Lesson): string[] {
  const placed = [...lesson.body.matchAll(/^::h5p\[([a-z0-9-]+)\]\s*$/gm)].map((m) => m[1]!);
  return [...new Set([...placed, ...lesson.activities])];
}

/** Problems a curator must fix: lessons naming unknown modules or activities. */
export function outlineProblems(outline: CourseOutline): string[] {
  const modules = new Set(outline.modules.map((m) => m.key));
  const activities = new Set(outline.activities.map((a) => a.id));
  return outline.lessons.flatMap((lesson) => [
    ...(modules.has(lesson.module) ? [] : [`${lesson.slug}: unknown module ${lesson.module}`]),
    ...lessonActivities(lesson).flatMap((id) => (activities.has(id) ? [] : [`${lesson.slug}: unknown activity ${id}`])),
  ]);
}
