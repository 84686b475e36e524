// Sessions in the Lucia design: the cookie holds a random token, the table holds its SHA-256; 30 days, renewed
// when half is used; gone on sign-out, password change and disable.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { collegeReporters, fieldStaff, sessions, users, type User } from '../../../db/schema/index.ts';
import { reportingCollege } from '../../lib/network/college-reporters.ts';
import { perConnection } from '../per-connection.ts';
import { generateToken, hashToken } from './tokens.ts';

const day = 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * day;
export const sessionRenewBeforeMs = sessionLifetimeMs / 2;

/**
 * The user as a request sees it: everything but the password hash, the fields they are staff of, and the college they
 * report for (decision 018; null when none).
 */
export type SessionUser = Omit<User, 'passwordHash'> & { staffFields: readonly string[]; reporterCollegeId: number | null };
export interface SessionInfo {
  id: string;
  userId: number;
  expiresAt: Date;
}

export function createSession(db: Db, userId: number, now = new Date()): { token: string; session: SessionInfo } {
  const token = generateToken();
  const session = { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + sessionLifetimeMs) };
  db.insert(sessions).values(session).run();
  return { token, session };
}

export interface ValidatedSession {
  session: SessionInfo;
  user: SessionUser;
  /** The expiry moved: the cookie must be sent again with the new date. */
  renewed: boolean;
}

// Every signed-in request reads these two: prepared once per connection.
const lookups = perConnection((db) => ({
  session: db
    .select({ session: sessions, user: users, grantedCollege: collegeReporters.collegeId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(collegeReporters, eq(collegeReporters.userId, users.id))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
  staffFields: db.select({ slug: fieldStaff.fieldSlug }).from(fieldStaff).where(eq(fieldStaff.userId, sql.placeholder('user'))).prepare(),
}));

/**
 * The session and user a cookie's token stands for, or null (unknown, expired, disabled user, or a demo user
 * where demo users are refused). Expired sessions are deleted on sight.
 */
export function validateSessionToken(
  db: Db,
  token: string,
  options: { now?: Date; allowDemo: boolean },
): ValidatedSession | null {
  const now = options.now ?? new Date();
  const id = hashToken(token);
  const row = lookups(db).session.get({ id });
  if (!row) return null;
  const { passwordHash: _, ...account } = row.user;
  const staffFields = lookups(db).staffFields.all({ user: account.id }).map((r) => r.slug);
  const user = { ...account, staffFields, reporterCollegeId: reportingCollege(account, row.grantedCollege) };
  if (now.getTime() >= row.session.expiresAt.getTime()) {
    invalidateSession(db, id);
    return null;
  }
  if (user.disabledAt || (user.demo && !options.allowDemo)) return null;
  const session = { ...row.session };
  let renewed = false;
  if (session.expiresAt.getTime() - now.getTime() < sessionRenewBeforeMs) {
    session.expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
    renewed = true;
  }
  return { session, user, renewed };
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Sign a person out everywhere: every device's cookie stops working at once. */
export function invalidateUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
