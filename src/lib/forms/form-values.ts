// The one way a submitted form becomes input for a zod schema, and zod's complaints become messages next to fields.
import { z } from 'astro/zod';
import { isMessageKey, type MessageKey } from '../../i18n/index.ts';

/** What a form sent: one string per field, or a list when the field repeats (checkboxes). Files count as empty. */
export type FormValues = Record<string, string | string[]>;
/** A message key for each field that is wrong, or `form` for the form as a whole. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export function formValues(data: FormData): FormValues {
  // Field names are the sender's: an object without a prototype keeps `__proto__` an ordinary name.
  const values = Object.create(null) as FormValues;
  for (const [name, entry] of data) {
    const value = typeof entry === 'string' ? entry : '';
    const previous = Object.hasOwn(values, name) ? values[name] : undefined;
    values[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return values;
}

/** The values to show again in the form: all but passwords, which a page never echoes. */
export function valuesToKeep(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
}

/** The first problem per field; zod's own English messages (wrong type and the like) become `form.invalid`. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= isMessageKey(issue.message) ? issue.message : 'form.invalid';
  }
  return errors;
}

/** The value of a single-valued field as the form should show it again. */
export function textValue(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** The values of a repeated field (checkboxes) as the form should show them again. */
export function listValue(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A required line of text, trimmed, with no control characters. */
export const requiredText = (max: number) =>
  z
    .string('form.required')
    .trim()
    .min(1, 'form.required')
    .max(max, 'form.tooLong')
    .refine((v) => !controlCharacters.test(v), 'form.invalid');

/** An optional line of text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string('form.invalid')
    .trim()
    .max(max, 'form.tooLong')
    .refine((v) => !controlCharacters.test(v), 'form.invalid')
    .optional()
    .transform((v) => v || null);

/** A field that may repeat (checkboxes): always a list, even when absent or sent once. */
export const repeated = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(max, 'form.tooMany'),
  );

/** An email address, stored lower-cased (RFC 5321 allows 254 characters). */
export const emailAddress = z
  .string('form.required')
  .trim()
  .toLowerCase()
  .min(1, 'form.required')
  .max(254, 'form.email.invalid')
  .pipe(z.email('form.email.invalid'));

/** A password as typed for signing in: anything non-empty, capped so nobody hashes a megabyte. */
export const anyPassword = z.string('form.required').min(1, 'form.required').max(1000, 'form.password.tooLong');
