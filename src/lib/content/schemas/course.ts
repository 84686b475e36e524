import { z } from 'astro/zod';
import { fieldRefs, level, published, summaryEn } from './common.ts';

/** A competency-based short course run with establishments (manual §3.2). */
export const courseSchema = z.object({
  titleTh: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  summary: z.string().min(1),
  summaryEn,
  kind: z.enum(['new-skill', 'up-skill', 're-skill']),
  hours: z.number().int().positive(),
  audience: z.array(z.union([level, z.literal('public')])).min(1),
  partner: z.string().min(1).optional(),
  minTrainees: z.number().int().positive().default(20),
  fields: fieldRefs,
  published,
});
export type Course = z.infer<typeof courseSchema>;
