// The server's configuration, read once from the environment and checked, so a typo fails at start, not mid-request.
import { availableParallelism } from 'node:os';
import { z } from 'astro/zod';

/** An optional variable; set but empty counts as unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default('data/intelligent-center.db'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  /**
   * Processes serving requests (`npm run serve`): 1 serves in the launcher's own process; 2 or more fork that many
   * workers on one port (node:cluster), each with its own event loop, so a machine's cores all render pages; `auto`
   * is one per core. By default 2, or 1 on a machine with one core: at 100,000 items and 200 connections two workers
   * met the load goal where one did not (decision 026); each holds its own caches (a few hundred MB at that size).
   */
  SERVER_WORKERS: z
    .preprocess(
      (v) => (v === undefined || v === '' ? String(Math.min(2, availableParallelism())) : v),
      z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: 'a number of processes (1–64) or auto' }),
    )
    .transform((v) => (v === 'auto' ? availableParallelism() : v)),
  /**
   * The public address (https://…) every absolute link starts with: emailed links, sitemap, feeds, OAI-PMH, og:url.
   * Required in production; elsewhere links use http://HOST:PORT. Never taken from a request's Host header.
   */
  SITE_URL: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'an http(s) address such as https://center.example.ac.th' }).transform((url) => url.replace(/\/+$/, ''))),
  /**
   * 1 when the server runs behind a reverse proxy that sets X-Forwarded-For/-Proto/-Host: only then are those
   * headers believed (client address for throttling, the origin a browser's form post comes from).
   */
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /** A first admin, created on start when no account has this email; both or neither (README: Accounts). */
  ADMIN_EMAIL: unsetIfEmpty(z.email().transform((email) => email.toLowerCase())),
  ADMIN_PASSWORD: unsetIfEmpty(z.string()),
  ADMIN_NAME: z.string().min(1).default('ผู้ดูแลระบบ'),
  CONTENT_DIR: z.string().min(1).default('content'),
  UPLOADS_DIR: z.string().min(1).default('data/uploads'),
  /**
   * Memory (MB, per server process) for whole anonymous catalog pages kept ready to send (home, fields, library, items:
   * decision 024); 0 turns the cache off.
   */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(1024).default(32),
  /** Where `npm run backup` writes its archives. */
  BACKUP_DIR: z.string().min(1).default('backups'),
  /** The center's contact address, in the footer and for OAI-PMH harvesters (Identify); without it, webmaster@ the site's host. */
  OAI_ADMIN_EMAIL: unsetIfEmpty(z.email()),
  /** Largest file an admin may upload, in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().positive().max(10_000).default(100),
  /** Generate the demo CVM network (colleges, establishments, demand, supply) on a new database outside production. */
  DEMO_NETWORK: z.enum(['0', '1', 'true', 'false']).default('1').transform((v) => v === '1' || v === 'true'),
  /** Addresses per sitemap file; past it /sitemap.xml is an index of /sitemap-N.xml files. 50,000 is the protocol's limit. */
  SITEMAP_PAGE_SIZE: z.coerce.number().int().min(1).max(50_000).default(50_000),
});
export type Env = z.infer<typeof envSchema>;

/** Rules between variables, checked after each variable is valid on its own. */
function crossChecks(env: Env): string[] {
  const problems: string[] = [];
  // A production server without its public address would build reset links from whatever Host a request sent.
  if (env.NODE_ENV === 'production' && !env.SITE_URL) {
    problems.push('  SITE_URL: required when NODE_ENV=production (the public address, e.g. https://center.example.ac.th)');
  }
  return problems;
}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration in the environment:\n${problems}`);
  }
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new Error(`Invalid configuration in the environment:\n${problems.join('\n')}`);
  return parsed.data;
}

export const env = readEnv();
