import { z } from 'astro/zod';
import { slug } from './common.ts';

export const fiscalYears = [2564, 2565, 2566] as const;

/** A field of excellence (สาขาวิชาที่มีความเป็นเลิศ) as the CVM manual lists it. */
export const fieldSchema = z.object({
  slug,
  nameTh: z.string().min(1),
  nameEn: z.string().min(1),
  specializationTh: z.string().min(1).optional(),
  specializationEn: z.string().min(1).optional(),
  hostCollegeTh: z.string().min(1),
  hostCollegeEn: z.string().min(1),
  fiscalYear: z.union(fiscalYears.map((y) => z.literal(y))),
  order: z.number().int().positive(),
  cluster: slug.optional(),
  manualLine: z.number().int().positive(),
});
export type Field = z.infer<typeof fieldSchema>;
