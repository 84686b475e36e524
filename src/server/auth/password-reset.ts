// Setting a password by a one-time emailed link, for a reset or an admin's invitation: the token is random,
// stored only as its SHA-256, spent on use; asking for a reset answers the same whether or not the email has an
// account.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { passwordResetTokens, users } from '../../../db/schema/index.ts';
import { translator, type MessageKey } from '../../i18n/index.ts';
import type { Role } from '../../lib/auth/roles.ts';
import type { MailSender } from '../mail/mailer.ts';
import { passwordResetRule, reserveAttempt } from './throttle.ts';
import { generateToken, hashToken } from './tokens.ts';
import { createUser, findUserByEmail, setPassword } from './users.ts';

export const resetTokenLifetimeMs = 60 * 60 * 1000;
/** An invitation waits longer than a reset: the invitee did not ask for it and may read mail weekly. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

interface LinkMail {
  linkFor: (token: string) => string;
  send: MailSender;
  now?: Date;
}

/** Replace the person's pending link with a new one and mail it, in Thai and English. */
async function mailPasswordLink(
  db: Db,
  user: { id: number; email: string; nameTh: string; nameEn: string | null },
  mail: LinkMail & { lifetimeMs: number; subject: MessageKey; body: MessageKey },
): Promise<void> {
  const now = mail.now ?? new Date();
  const token = generateToken();
  db.transaction((tx) => {
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).run();
    tx.insert(passwordResetTokens)
      .values({ id: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + mail.lifetimeMs) })
      .run();
  });
  const link = mail.linkFor(token);
  const [th, en] = [translator('th'), translator('en')];
  await mail.send({
    to: user.email,
    subject: `${th(mail.subject)} · ${en(mail.subject)}`,
    text: `${th(mail.body, { name: user.nameTh, link })}\n\n---\n\n${en(mail.body, { name: user.nameEn ?? user.nameTh, link })}\n`,
  });
}

/**
 * Email a reset link to `email` if it belongs to an account that may sign in. The link is built by `linkFor`
 * (the site's address is the caller's business); nothing tells the caller whether a mail was sent.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  options: LinkMail & { allowDemo: boolean },
): Promise<void> {
  const now = options.now ?? new Date();
  const user = findUserByEmail(db, email);
  if (!user || user.disabledAt || (user.demo && !options.allowDemo)) return;
  const throttleKey = `password-reset:${user.id}`;
  if (reserveAttempt(db, [{ key: throttleKey, rule: passwordResetRule }], now) > 0) return;
  await mailPasswordLink(db, user, { ...options, lifetimeMs: resetTokenLifetimeMs, subject: 'mail.reset.subject', body: 'mail.reset.body' });
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
  await mailPasswordLink(db, user, { ...options, lifetimeMs: invitationLifetimeMs, subject: 'mail.invite.subject', body: 'mail.invite.body' });
}

/** The account a reset token opens, if the token is known and unexpired; the token is not spent. */
export function findResetUser(db: Db, token: string, now = new Date()) {
  return db
    .select({ id: users.id, email: users.email, nameTh: users.nameTh, nameEn: users.nameEn })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.id, hashToken(token)), gt(passwordResetTokens.expiresAt, now)))
    .get();
}

/** Spend the token and set the new password (which ends every session); false when the token is no good. */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<boolean> {
  // Deleting first makes the token one-time even when two requests race with it.
  const spent = db
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.id, hashToken(token)), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId })
    .get();
  if (!spent) return false;
  await setPassword(db, spent.userId, password, now);
  return true;
}
