import { z } from 'astro/zod';
import { slug } from './common.ts';

/** A target industry cluster that fields of excellence serve. */
export const clusterSchema = z.object({
  id: slug,
  nameTh: z.string().min(1),
  nameEn: z.string().min(1),
  order: z.number().int().positive(),
});
export type Cluster = z.infer<typeof clusterSchema>;
