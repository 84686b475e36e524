// The course forms' input: enrolling, the instructor's list, attendance, assessment, revoking a certificate.
import { z } from 'astro/zod';
import { optionalText, repeated, requiredText } from '../forms/form-values.ts';

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
