import { z } from 'astro/zod';
import { fieldRefs, published, summaryEn, webUrl, yearBE } from './common.ts';

/** A research paper or innovation report; the abstract is the entry's body. */
export const researchSchema = z.object({
  titleTh: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  /** The abstract in English (the body holds it in Thai). */
  summaryEn,
  authors: z.array(z.string().min(1)).min(1),
  year: yearBE,
  institution: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
  paper: z.string().optional(),
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'a DOI such as 10.1234/abc').optional(),
  url: webUrl.optional(),
  fields: fieldRefs,
  published,
});
export type Research = z.infer<typeof researchSchema>;
