// The course forms' input: enrolling, the instructor's list, attendance, assessment, revoking a certificate.
import { z } from 'astro/zod';
import { parseBuddhistDate } from '../forms/buddhist-date.ts';
import { optionalText, repeated, requiredText } from '../forms/form-values.ts';
import { slug, slugPattern } from '../content/schemas/common.ts';
import { runModes } from './enrollment.ts';

const id = z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid').max(Number.MAX_SAFE_INTEGER, 'form.invalid');

export const runChoiceSchema = z.object({ runId: id });

/** Up to a class-sized list: 500 lines of CSV or plain emails. */
export const enrollListSchema = z.object({ list: requiredText(60_000) });

export const attendanceSchema = z.object({ sessionId: id, present: repeated(id, 1000) });

export const assessmentSchema = z.object({
  userId: id,
  unit: requiredText(100),
  result: z.enum(['passed', 'not-yet'], 'form.invalid'),
  note: optionalText(1000),
});

export const revokeSchema = z.object({ code: requiredText(20), reason: requiredText(500) });

/** A progress report from the lesson page (src/components/learn/LessonTracker.astro). */
export const progressReportSchema = z
  .object({
    id: z.uuid(),
    runId: id,
    lesson: z.string().max(200),
    position: z.number().min(0).max(1),
    completed: z.boolean(),
  })
  .strict();

/** An xAPI statement from an H5P activity, in the envelope that names its run and activity. */
export const statementReportSchema = z.object({ runId: id, activity: z.string().max(200), statement: z.unknown() }).strict();

/** The most statements one request may carry: what a learner's offline queue holds after a lesson or two. */
export const maxStatementsPerRequest = 50;

/**
 * Several statements of one run in one request (as xAPI's POST /statements takes an array): the lesson page's queue
 * sends what it holds at once. Each is judged and answered on its own.
 */
export const statementBatchSchema = z
  .object({
    runId: id,
    statements: z.array(z.object({ activity: z.string().max(200), statement: z.unknown() }).strict()).min(1).max(maxStatementsPerRequest),
  })
  .strict();

/** An H5P activity's state (its h5p:state event) from the lesson page; its size and JSON are checked when saved. */
export const stateReportSchema = z.object({ runId: id, activity: z.string().max(200), state: z.string() }).strict();

/**
 * A calendar day, typed in the Buddhist Era as the site's date fields take it (19/01/2569, 19 ม.ค. 2569) or sent by an
 * <input type="date"> (2026-01-19), taken as that day in Bangkok.
 */
const day = z
  .string('form.required')
  .trim()
  .min(1, 'form.required')
  .transform((value, context) => {
    const iso = parseBuddhistDate(value);
    if (iso) return new Date(`${iso}T00:00:00+07:00`);
    context.addIssue({ code: 'custom', message: 'form.dateBE' });
    return z.NEVER;
  });

/** A run's dates and places: the part of a run that is opened with it and may be changed later. */
const runSchedule = {
  startsOn: day,
  endsOn: day,
  enrollOpensAt: day,
  enrollClosesAt: day,
  capacity: z.coerce.number('form.invalid').int('form.invalid').min(1, 'form.invalid').max(10_000, 'form.invalid'),
};

interface RunDays {
  startsOn: Date;
  endsOn: Date;
  enrollOpensAt: Date;
  enrollClosesAt: Date;
}

/** A run ends no earlier than it starts, and its enrollment window closes no earlier than it opens. */
const daysInOrder = <S extends z.ZodType<RunDays>>(schema: S): S =>
  schema
    .refine((run) => run.endsOn >= run.startsOn, { path: ['endsOn'], message: 'courses.form.endsBeforeStart' })
    .refine((run) => run.enrollClosesAt >= run.enrollOpensAt, { path: ['enrollClosesAt'], message: 'courses.form.closesBeforeOpens' });

/** An admin's new run; instructors by email, separated by commas, spaces or lines. */
export const newRunSchema = daysInOrder(
  z.object({
    course: slug,
    code: z.string('form.required').trim().regex(/^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙ ./-]{0,29}$/, 'form.invalid'),
    ...runSchedule,
    mode: z.enum(runModes, 'form.invalid'),
    place: optionalText(300),
    college: requiredText(300),
    partner: optionalText(300),
    instructors: optionalText(2000),
  }),
);

/** New dates and capacity for an existing run (admins and its course's field staff, on /teach/<run>). */
export const runScheduleSchema = daysInOrder(z.object(runSchedule));
export type RunScheduleForm = z.output<typeof runScheduleSchema>;

export const newSessionSchema = z.object({
  titleTh: requiredText(200),
  date: day,
  place: requiredText(300),
});

/** A lesson written on the web (admins and field staff): the rich text itself is checked by src/server/rich-text. */
export const lessonFormSchema = z.object({
  slug: z.string('form.required').trim().max(80, 'form.tooLong').regex(slugPattern, 'courses.lessonForm.slug'),
  titleTh: requiredText(200),
  titleEn: optionalText(200),
  module: requiredText(80),
  minutes: z.coerce.number('form.invalid').int('form.invalid').min(1, 'form.invalid').max(600, 'form.invalid'),
  position: z.coerce.number('form.invalid').int('form.invalid').min(1, 'form.invalid').max(999, 'form.invalid'),
  required: z.literal('on', 'form.invalid').optional().transform((v) => v === 'on'),
  document: z.string('courses.lessonForm.document'),
});
export type LessonForm = z.output<typeof lessonFormSchema>;
