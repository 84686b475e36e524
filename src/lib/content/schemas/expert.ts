import { z } from 'astro/zod';
import { fieldRefs, published, summaryEn } from './common.ts';

/** An expert from a college or an establishment; the biography is the entry's body. */
export const expertSchema = z.object({
  nameTh: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  titleTh: z.string().min(1),
  /** The position in English. */
  positionEn: z.string().min(1).optional(),
  /** The biography in English, short (the body holds it in Thai). */
  summaryEn,
  organization: z.string().min(1),
  organizationType: z.enum(['college', 'establishment']),
  expertise: z.array(z.string().min(1)).min(1),
  photo: z.string().optional(),
  /** Shown only to signed-in teachers and admins. */
  contact: z.object({ email: z.email().optional(), phone: z.string().optional() }).default({}),
  fields: fieldRefs,
  published,
});
export type Expert = z.infer<typeof expertSchema>;
