// People: creating accounts, reading and editing profiles, and what admins change (role, disabled).
import { and, asc, count, eq, getTableColumns, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { passwordResetTokens, userFields, users, type User } from '../../../db/schema/index.ts';
import type { Role, StudentLevel } from '../../lib/auth/roles.ts';
import { hashPassword } from './password.ts';
import { invalidateUserSessions } from './sessions.ts';

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  nameTh: string;
  nameEn?: string | null;
  organization?: string | null;
  studentLevel?: StudentLevel | null;
  collegeId?: number | null;
  fields?: readonly string[];
  demo?: boolean;
  /** False for self-registration, until the emailed link is followed; accounts made by admins are trusted. */
  emailVerified?: boolean;
  /** The person accepted the privacy notice while registering. */
  privacyConsent?: boolean;
}

export interface Profile {
  nameTh: string;
  nameEn: string | null;
  organization: string | null;
  studentLevel: StudentLevel | null;
  collegeId: number | null;
  fields: readonly string[];
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function isEmailTaken(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Create an account; throws a SQLITE_CONSTRAINT_UNIQUE error (see isEmailTaken) when the email is in use. */
export async function createUser(db: Db, account: NewAccount): Promise<User> {
  const passwordHash = await hashPassword(account.password);
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({
        email: normalizeEmail(account.email),
        passwordHash,
        role: account.role,
        nameTh: account.nameTh,
        nameEn: account.nameEn ?? null,
        organization: account.organization ?? null,
        studentLevel: account.studentLevel ?? null,
        collegeId: account.collegeId ?? null,
        demo: account.demo ?? false,
        emailVerifiedAt: account.emailVerified === false ? null : new Date(),
        privacyConsentAt: account.privacyConsent ? new Date() : null,
      })
      .returning()
      .get();
    for (const fieldSlug of new Set(account.fields ?? [])) tx.insert(userFields).values({ userId: user.id, fieldSlug }).run();
    return user;
  });
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function findUserById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function userFieldSlugs(db: Db, userId: number): string[] {
  return db
    .select({ slug: userFields.fieldSlug })
    .from(userFields)
    .where(eq(userFields.userId, userId))
    .all()
    .map((r) => r.slug);
}

export function updateProfile(db: Db, userId: number, profile: Profile, now = new Date()): void {
  db.transaction((tx) => {
    const { fields, ...columns } = profile;
    tx.update(users).set({ ...columns, updatedAt: now }).where(eq(users.id, userId)).run();
    tx.delete(userFields).where(eq(userFields.userId, userId)).run();
    for (const fieldSlug of new Set(fields)) tx.insert(userFields).values({ userId, fieldSlug }).run();
  });
}

/** A new password ends every session and any pending reset link; the caller signs the person in again. */
export async function setPassword(db: Db, userId: number, password: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId)).run();
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)).run();
  });
  invalidateUserSessions(db, userId);
}

export function setRole(db: Db, userId: number, role: Role, now = new Date()): void {
  db.update(users).set({ role, updatedAt: now }).where(eq(users.id, userId)).run();
}

/** Disabling signs the person out everywhere at once; enabling lets them sign in again. */
export function setDisabled(db: Db, userId: number, disabled: boolean, now = new Date()): void {
  db.update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, userId)).run();
  if (disabled) invalidateUserSessions(db, userId);
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()!.n;
}

export interface UserSearch {
  q: string;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  page: number;
  pageSize: number;
}

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of users matching the admin's search (name, email or organization), ordered by Thai name. */
export function searchUsers(db: Db, search: UserSearch): { users: Omit<User, 'passwordHash'>[]; total: number } {
  const conditions: SQL[] = [];
  if (search.q) {
    const pattern = likeEscaped(search.q.toLowerCase());
    const matches = (column: SQLWrapper) => sql`lower(${column}) like ${pattern} escape '\\'`;
    conditions.push(or(matches(users.email), matches(users.nameTh), matches(sql`coalesce(${users.nameEn}, '')`), matches(sql`coalesce(${users.organization}, '')`))!);
  }
  if (search.role) conditions.push(eq(users.role, search.role));
  if (search.status) conditions.push(search.status === 'disabled' ? isNotNull(users.disabledAt) : isNull(users.disabledAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const { passwordHash: _, ...columns } = getTableColumns(users);
  const rows = db
    .select(columns)
    .from(users)
    .where(where)
    .orderBy(asc(users.nameTh), asc(users.id))
    .limit(search.pageSize)
    .offset((search.page - 1) * search.pageSize)
    .all();
  const total = db.select({ n: count() }).from(users).where(where).get()!.n;
  return { users: rows, total };
}
