// One-time emailed links: setting a password (a reset, an admin's invitation) and confirming a new account's
// email. The token is random, stored only as its SHA-256, spent on use. Asking for a reset, and registering,
// answer the same whether or not the email has an account (see registration.ts).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { passwordResetTokens, users, type emailLinkPurposes } from '../../../db/schema/index.ts';
import { translator, type MessageKey } from '../../i18n/index.ts';
import type { Role } from '../../lib/auth/roles.ts';
import type { MailSender } from '../mail/mailer.ts';
import { passwordResetRule, reserveAttempt } from './throttle.ts';
import { generateToken, hashToken } from './tokens.ts';
import { createUser, findUserByEmail, setPassword } from './users.ts';

export type EmailLinkPurpose = (typeof emailLinkPurposes)[number];

export const resetTokenLifetimeMs = 60 * 60 * 1000;
/** An invitation waits longer than a reset: the invitee did not ask for it and may read mail weekly. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;
export const confirmationLifetimeMs = 24 * 60 * 60 * 1000;

export interface LinkMail {
  /** The absolute link that carries `token` to the page for `purpose`. */
  linkFor: (purpose: EmailLinkPurpose, token: string) => string;
  send: MailSender;
  now?: Date;
}

interface Recipient {
  id: number;
  email: string;
  nameTh: string;
  nameEn: string | null;
}

/** A mail in Thai and then English, the same text filled for each language. */
export async function sendBilingual(
  send: MailSender,
  user: Recipient,
  subject: MessageKey,
  body: MessageKey,
  params: Record<string, string> = {},
): Promise<void> {
  const [th, en] = [translator('th'), translator('en')];
  await send({
    to: user.email,
    subject: `${th(subject)} · ${en(subject)}`,
    text: `${th(body, { name: user.nameTh, ...params })}\n\n---\n\n${en(body, { name: user.nameEn ?? user.nameTh, ...params })}\n`,
  });
}

/** Replace the person's pending link of this purpose with a new one and mail it. */
export async function mailEmailLink(
  db: Db,
  user: Recipient,
  purpose: EmailLinkPurpose,
  mail: LinkMail & { lifetimeMs: number; subject: MessageKey; body: MessageKey },
): Promise<void> {
  const now = mail.now ?? new Date();
  const token = generateToken();
  db.transaction((tx) => {
    tx.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, user.id), eq(passwordResetTokens.purpose, purpose))).run();
    tx.insert(passwordResetTokens)
      .values({ id: hashToken(token), userId: user.id, purpose, expiresAt: new Date(now.getTime() + mail.lifetimeMs) })
      .run();
  });
  await sendBilingual(mail.send, user, mail.subject, mail.body, { link: mail.linkFor(purpose, token) });
}

/**
 * Email a reset link to `email` if it belongs to an account that may sign in; nothing tells the caller whether
 * a mail was sent (call it after answering, so the time taken tells nothing either).
 */
export async function requestPasswordReset(db: Db, email: string, options: LinkMail & { allowDemo: boolean }): Promise<void> {
  const now = options.now ?? new Date();
  const user = findUserByEmail(db, email);
  if (!user || user.disabledAt || (user.demo && !options.allowDemo)) return;
  if (reserveAttempt(db, [{ key: `password-reset:${user.id}`, rule: passwordResetRule }], now) > 0) return;
  await mailEmailLink(db, user, 'password', { ...options, lifetimeMs: resetTokenLifetimeMs, subject: 'mail.reset.subject', body: 'mail.reset.body' });
}

/**
 * An admin invites someone (an expert, usually): the account is created with a password nobody knows, and the
 * invitee sets their own through the emailed link. Throws like createUser when the email has an account.
 */
export async function inviteUser(
  db: Db,
  invitee: { email: string; nameTh: string; organization: string | null; role: Role },
  options: LinkMail,
): Promise<void> {
  const user = await createUser(db, { ...invitee, password: generateToken() });
  await mailEmailLink(db, user, 'password', { ...options, lifetimeMs: invitationLifetimeMs, subject: 'mail.invite.subject', body: 'mail.invite.body' });
}

const linkWhere = (purpose: EmailLinkPurpose, token: string, now: Date) =>
  and(eq(passwordResetTokens.id, hashToken(token)), eq(passwordResetTokens.purpose, purpose), gt(passwordResetTokens.expiresAt, now));

/** The account a link's token opens, if the token is known, unexpired and for this purpose; it is not spent. */
export function findLinkUser(db: Db, purpose: EmailLinkPurpose, token: string, now = new Date()) {
  return db
    .select({ id: users.id, email: users.email, nameTh: users.nameTh, nameEn: users.nameEn })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(linkWhere(purpose, token, now))
    .get();
}

/** Spend a link's token; the user it was for, or undefined when the token is no good. */
function spendLink(db: Db, purpose: EmailLinkPurpose, token: string, now: Date): number | undefined {
  // Deleting first makes the token one-time even when two requests race with it.
  return db.delete(passwordResetTokens).where(linkWhere(purpose, token, now)).returning({ userId: passwordResetTokens.userId }).get()?.userId;
}

/** Following a link from the mailbox proves the address is the person's. */
function markEmailVerified(db: Db, userId: number, now: Date): void {
  db.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt))).run();
}

/** Spend the token and set the new password (which ends every session); false when the token is no good. */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<boolean> {
  const userId = spendLink(db, 'password', token, now);
  if (userId === undefined) return false;
  markEmailVerified(db, userId, now);
  await setPassword(db, userId, password, now);
  return true;
}

/** Spend a confirmation token and mark the email verified; the account's id, or undefined for a bad token. */
export function confirmEmail(db: Db, token: string, now = new Date()): number | undefined {
  const userId = spendLink(db, 'verify-email', token, now);
  if (userId !== undefined) markEmailVerified(db, userId, now);
  return userId;
}
