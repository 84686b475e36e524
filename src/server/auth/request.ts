// The session as a request sees it: the cookie, its flags, and filling Astro.locals.
import type { APIContext, AstroCookies } from 'astro';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { createSession, validateSessionToken } from './sessions.ts';

export const sessionCookieName = 'session';
/** Demo users (db/seed.ts) exist to be tried out; a production server neither creates nor accepts them. */
export const demoUsersAllowed = env.NODE_ENV !== 'production';

const cookieFlags = () => ({ httpOnly: true, sameSite: 'lax', secure: env.NODE_ENV === 'production', path: '/' }) as const;

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(sessionCookieName, token, { ...cookieFlags(), expires: expiresAt });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.set(sessionCookieName, '', { ...cookieFlags(), maxAge: 0 });
}

/** Sign `userId` in on this response: a new session and its cookie. */
export function startSession(cookies: AstroCookies, userId: number): void {
  const { token, session } = createSession(getDb(), userId);
  setSessionCookie(cookies, token, session.expiresAt);
}

/** Read the session cookie into locals.user/session, renewing or clearing the cookie as the session says. */
export function authenticate(context: Pick<APIContext, 'cookies' | 'locals'>): void {
  context.locals.user = null;
  context.locals.session = null;
  const token = context.cookies.get(sessionCookieName)?.value;
  if (!token) return;
  const valid = validateSessionToken(getDb(), token, { allowDemo: demoUsersAllowed });
  if (!valid) {
    clearSessionCookie(context.cookies);
    return;
  }
  if (valid.renewed) setSessionCookie(context.cookies, token, valid.session.expiresAt);
  context.locals.user = valid.user;
  context.locals.session = valid.session;
}
