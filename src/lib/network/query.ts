// The network pages' query strings, read leniently: anything odd means "all", never an error.
import { z } from 'astro/zod';
import { manpowerLevels, regions } from './terms.ts';

const optionalText = (max: number) => z.string().trim().max(max).optional().catch(undefined).transform((v) => v || undefined);
const province = z.string().regex(/^\d\d$/).optional().catch(undefined);

export const manpowerQuerySchema = z.object({
  field: optionalText(100),
  region: z.enum(regions).optional().catch(undefined),
  province,
  level: z.enum(manpowerLevels).optional().catch(undefined),
  year: z.coerce.number().int().min(2500).max(2700).optional().catch(undefined),
});
export type ManpowerQuery = z.infer<typeof manpowerQuerySchema>;

export const directoryPageSize = 50;

export const directoryQuerySchema = z.object({
  q: optionalText(200),
  field: optionalText(100),
  province,
  withoutPartner: z.enum(['1']).optional().catch(undefined).transform((v) => v === '1'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export const exportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).catch('csv').default('csv') });

/** A query string as a plain object for the schemas (repeated keys: the last wins). */
export const queryObject = (url: URL) => Object.fromEntries(url.searchParams);

export const collegeQuerySchema = z.object({
  q: optionalText(200),
  field: optionalText(100),
  province,
  region: z.enum(regions).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type CollegeQuery = z.infer<typeof collegeQuerySchema>;

/** /staff/[field]/rows: which kind of row, and the page. */
export const rowsQuerySchema = z.object({
  kind: z.enum(['demand', 'supply']).catch('demand').default('demand'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
