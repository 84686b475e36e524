import { z } from 'astro/zod';
import { fieldRefs, level, published, yearBE } from './common.ts';

/** A unit of competency a curriculum covers, with its TPQI occupational-standard reference. */
const competencyUnit = z.object({
  code: z.string().min(1),
  nameTh: z.string().min(1),
  tpqiRef: z.string().min(1).optional(),
});

/** A curriculum (ปวช. 2562, ปวส. 2563 revised 2565, …) aligned with the NQF. */
export const curriculumSchema = z.object({
  nameTh: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  level,
  code: z.string().min(1),
  year: yearBE,
  revisedYear: yearBE.optional(),
  nqfLevel: z.number().int().min(1).max(8),
  credits: z.number().int().positive().optional(),
  hours: z.number().int().positive().optional(),
  units: z.array(competencyUnit).default([]),
  document: z.string().optional(),
  fields: fieldRefs,
  published,
});
export type Curriculum = z.infer<typeof curriculumSchema>;
