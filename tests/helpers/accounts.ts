// Accounts in tests: users from the shared factory (db/seed.ts) written straight into the server's SQLite
// file, sessions for them, and form posts over HTTP the way a browser sends them (same Origin, urlencoded).
import { openDatabase, type Db } from '../../db/connection.ts';
import { insertUser } from '../../db/seed.ts';
import type { NewAccount } from '../../src/server/auth/users.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import type { RunningServer } from './server.ts';

export { insertUser };

/** The test's own connection to the server's database file (WAL lets both use it at once). */
export function openServerDb(server: RunningServer): Db {
  return openDatabase(server.databasePath);
}

/** A user and a cookie header that signs them in. */
export async function signedInUser(db: Db, overrides: Partial<NewAccount> = {}) {
  const user = await insertUser(db, overrides);
  const { token } = createSession(db, user.id);
  return { user, token, cookie: `session=${token}` };
}

export type FormFields = Record<string, string | string[]> | [string, string][];

/** POST a form to the server as a same-origin browser would; redirects are returned, not followed. */
export async function postForm(
  server: RunningServer,
  path: string,
  fields: FormFields,
  options: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const body = new URLSearchParams();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [name, value] of entries) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
  const origin = options.origin === undefined ? server.origin : options.origin;
  if (origin !== null) headers.origin = origin;
  if (options.cookie) headers.cookie = options.cookie;
  return fetch(server.url + path, { method: 'POST', body, headers, redirect: 'manual' });
}

export async function getPage(server: RunningServer, path: string, cookie?: string): Promise<Response> {
  return fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** The session cookie a response sets: its value and attributes (lower-cased names). */
export function sessionCookie(response: Response): { value: string; attributes: Record<string, string | true> } | null {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!header) return null;
  const [pair, ...parts] = header.split(';').map((p) => p.trim());
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const [name, ...rest] = part.split('=');
    attributes[name!.toLowerCase()] = rest.length ? rest.join('=') : true;
  }
  return { value: pair!.slice('session='.length), attributes };
}

/** Sign in over HTTP; returns the cookie header for the new session. */
export async function signInOverHttp(server: RunningServer, email: string, password: string): Promise<string> {
  const response = await postForm(server, '/login', { email, password });
  const cookie = sessionCookie(response);
  if (response.status !== 303 || !cookie?.value) throw new Error(`sign-in failed with ${response.status}`);
  return `session=${cookie.value}`;
}

export interface SentMail {
  subject: string;
  body: string;
}

/**
 * The newest mail to `recipient` whose subject contains `subject`, once there are at least `count` such mails,
 * waiting for it: mail about accounts is written after the answer, so that its timing tells nothing.
 */
export async function waitForMail(db: Db, recipient: string, subject = '', count = 1, timeoutMs = 5000): Promise<SentMail> {
  const deadline = Date.now() + timeoutMs;
  const query = db.$client.prepare('select subject, body from mail_outbox where recipient = ? and instr(subject, ?) > 0 order by id desc');
  for (;;) {
    const mails = query.all(recipient.toLowerCase(), subject) as SentMail[];
    if (mails.length >= count) return mails[0]!;
    if (Date.now() > deadline) throw new Error(`no mail to ${recipient} with "${subject}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The link (path and query) in a mail that leads to `page`, e.g. /confirm-email. */
export function linkIn(mail: SentMail, page: string): string {
  const match = new RegExp(`https?://\\S+?(${page.replace(/[/]/g, '\\/')}\\?token=[a-z2-7]+)`).exec(mail.body);
  if (!match) throw new Error(`no ${page} link in: ${mail.body}`);
  return match[1]!;
}

/**
 * Follow a registration's confirmation mail (the `count`th, when a sign-in asked for more) as the person would;
 * returns the cookie of the session it starts.
 */
export async function confirmRegistration(server: RunningServer, db: Db, email: string, count = 1): Promise<string> {
  const link = linkIn(await waitForMail(db, email, 'ยืนยันอีเมล', count), '/confirm-email');
  const token = new URL(link, server.url).searchParams.get('token')!;
  const confirmed = await postForm(server, link.split('?')[0]!, { token });
  const cookie = sessionCookie(confirmed);
  if (confirmed.status !== 303 || !cookie?.value) throw new Error(`confirming ${email} failed with ${confirmed.status}`);
  return `session=${cookie.value}`;
}

/** A multipart form (fields and files) as a browser sends it. */
export function multipartForm(fields: Record<string, string | string[]>, files: [string, Blob, string][] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  for (const [name, blob, fileName] of files) form.append(name, blob, fileName);
  return form;
}

/** POST a multipart form to the server as a same-origin browser would; redirects are returned, not followed. */
export function postMultipart(server: RunningServer, path: string, body: FormData, cookie: string): Promise<Response> {
  return fetch(server.url + path, { method: 'POST', body, headers: { cookie, origin: server.origin }, redirect: 'manual' });
}
