// The network forms' input, each a zod schema whose messages are translation keys shown next to the field.
import { z } from 'astro/zod';
import { emailAddress, repeated } from '../forms/form-values.ts';

/** Field slugs must be among the 101 fields of excellence. */
export const knownField = (fieldSlugs: ReadonlySet<string>) =>
  z.string('form.required').refine((slug) => fieldSlugs.has(slug), 'form.fields.unknown');

/** An admin makes someone (by email) staff of exactly these fields; none takes every right away. */
export const staffGrantSchema = (fieldSlugs: ReadonlySet<string>) =>
  z.object({
    email: emailAddress,
    fields: repeated(knownField(fieldSlugs), 101).transform((slugs) => [...new Set(slugs)]),
  });
