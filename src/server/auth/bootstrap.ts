// The first admin, from the CLI (`npm run user:create-admin`) or from ADMIN_EMAIL/ADMIN_PASSWORD on start.
import { z } from 'astro/zod';
import type { Db } from '../../../db/connection.ts';
import type { User } from '../../../db/schema/index.ts';
import { passwordProblem } from '../../lib/auth/password-rules.ts';
import { createUser, findUserByEmail } from './users.ts';

const passwordProblemsInEnglish = {
  'form.password.tooShort': 'is shorter than 8 characters',
  'form.password.tooLong': 'is longer than 128 characters',
  'form.password.common': 'is too common or too easy to guess',
  'form.password.personal': 'is the email address or the name',
} as const;

/** Create an admin account, or throw an Error that says in English what is wrong with the input. */
export async function createAdmin(db: Db, admin: { email: string; password: string; nameTh: string }): Promise<User> {
  const email = z.email().safeParse(admin.email.trim().toLowerCase());
  if (!email.success) throw new Error(`"${admin.email}" is not an email address`);
  if (!admin.nameTh.trim()) throw new Error('the name is empty');
  const problem = passwordProblem(admin.password, [email.data, admin.nameTh]);
  if (problem) throw new Error(`the password ${passwordProblemsInEnglish[problem]}`);
  if (findUserByEmail(db, email.data)) throw new Error(`an account with ${email.data} exists already`);
  return createUser(db, { email: email.data, password: admin.password, nameTh: admin.nameTh.trim(), role: 'admin' });
}

/**
 * On start: create the admin named by ADMIN_EMAIL/ADMIN_PASSWORD unless that email has an account already (so a
 * restart never resets a password). Returns a line for the log, or null when the variables are unset.
 */
export async function createAdminFromEnv(
  db: Db,
  env: { ADMIN_EMAIL?: string | undefined; ADMIN_PASSWORD?: string | undefined; ADMIN_NAME: string },
): Promise<string | null> {
  if (!env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) return null;
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither.');
  if (findUserByEmail(db, env.ADMIN_EMAIL)) return `admin bootstrap: ${env.ADMIN_EMAIL} has an account already; left as it is`;
  try {
    await createAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, nameTh: env.ADMIN_NAME });
  } catch (error) {
    throw new Error(`ADMIN_EMAIL/ADMIN_PASSWORD: ${(error as Error).message}`);
  }
  return `admin bootstrap: created admin ${env.ADMIN_EMAIL}`;
}
