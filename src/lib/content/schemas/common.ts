// Building blocks shared by every content schema, for entries from content/ files and from the database alike.
import { z } from 'astro/zod';

/** What a slug may hold: it becomes part of a URL and a key, so lowercase ASCII letters, digits, single hyphens. */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const slug = z.string().regex(slugPattern, 'lowercase letters, digits and single hyphens');

/** The fields of excellence an entry belongs to, by slug: at least one. */
export const fieldRefs = z.array(slug).min(1, 'an entry belongs to at least one field of excellence');

/** A year in the Buddhist Era, as Thai documents give it (C.E. + 543). */
export const yearBE = z.number().int().min(2500).max(2700);

/** The Common Era year of a Buddhist Era year, as catalogues outside Thailand expect it. */
export const ceYear = (yearBE: number) => yearBE - 543;

/** Study levels of Thai vocational education, plus the two non-degree audiences materials are written for. */
export const levels = ['vc', 'hvc', 'btech', 'short-course', 'teacher-development'] as const;
export const level = z.enum(levels);
export type Level = z.infer<typeof level>;

export const language = z.enum(['th', 'en']);

/**
 * A web address a person may follow from the item's page: http or https only, never `javascript:` or `data:`.
 * The same rule holds for content files, the admin form and spreadsheet imports, since all parse with it.
 */
export const webUrl = z.url({ protocol: /^https?$/, error: 'an http(s) address such as https://example.ac.th' });

/** A file that ships with an entry, relative to the entry's collection folder. */
export const attachment = z.object({
  path: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(['pdf', 'epub', 'slides', 'worksheet', 'video', 'other']),
});

/** A summary in English, for the English pages, feeds and search results, where the item has one. */
export const summaryEn = z.string().min(1).optional();

export const published = z.coerce.date({ error: 'a date such as 2026-03-14' });
