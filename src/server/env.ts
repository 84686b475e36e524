// The server's configuration, read once from the environment and checked, so a typo fails at start, not mid-request.
import { z } from 'astro/zod';

/** An optional variable; set but empty counts as unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default('data/intelligent-center.db'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  /** The public address (https://…) put in emailed links; without it they use the request's Host header. */
  SITE_URL: unsetIfEmpty(z.url().transform((url) => url.replace(/\/+$/, ''))),
  /** A first admin, created on start when no account has this email; both or neither (README: Accounts). */
  ADMIN_EMAIL: unsetIfEmpty(z.email().transform((email) => email.toLowerCase())),
  ADMIN_PASSWORD: unsetIfEmpty(z.string()),
  ADMIN_NAME: z.string().min(1).default('ผู้ดูแลระบบ'),
  CONTENT_DIR: z.string().min(1).default('content'),
  UPLOADS_DIR: z.string().min(1).default('data/uploads'),
  /** Who harvesters of /oai may write to (OAI-PMH Identify); without it, webmaster@ the site's host. */
  OAI_ADMIN_EMAIL: unsetIfEmpty(z.email()),
  /** Largest file an admin may upload, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().positive().max(10_000).default(100),
});
export type Env = z.infer<typeof envSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration in the environment:\n${problems}`);
  }
  return parsed.data;
}

export const env = readEnv();
