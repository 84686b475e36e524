import { z } from 'astro/zod';
import { attachment, fieldRefs, language, level, published, summaryEn, yearBE } from './common.ts';

/** An e-book or other learning material (E-Book, E-Content in the manual's §1.4). */
export const ebookSchema = z.object({
  titleTh: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  authors: z.array(z.string().min(1)).min(1),
  summary: z.string().min(1),
  summaryEn,
  cover: z.string().optional(),
  files: z.array(attachment).default([]),
  levels: z.array(level).min(1),
  language,
  publisher: z.string().min(1),
  year: yearBE,
  licence: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
  fields: fieldRefs,
  published,
});
export type Ebook = z.infer<typeof ebookSchema>;
