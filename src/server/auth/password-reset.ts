// Password reset by a one-time emailed link: the token is random, stored only as its SHA-256, valid for an
// hour, and spent on use; asking for one answers the same whether or not the email has an account.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/connection.ts';
import { passwordResetTokens, users } from '../../../db/schema/index.ts';
import { translator } from '../../i18n/index.ts';
import type { MailSender } from '../mail/mailer.ts';
import { passwordResetRule, recordFailure, throttleWait } from './throttle.ts';
import { generateToken, hashToken } from './tokens.ts';
import { findUserByEmail, setPassword } from './users.ts';

export const resetTokenLifetimeMs = 60 * 60 * 1000;

/**
 * Email a reset link to `email` if it belongs to an account that may sign in. The link is built by `linkFor`
 * (the site's address is the caller's business); nothing tells the caller whether a mail was sent.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  options: { linkFor: (token: string) => string; send: MailSender; allowDemo: boolean; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const user = findUserByEmail(db, email);
  if (!user || user.disabledAt || (user.demo && !options.allowDemo)) return;
  const throttleKey = `password-reset:${user.id}`;
  if (throttleWait(db, throttleKey, passwordResetRule, now) > 0) return;
  recordFailure(db, throttleKey, passwordResetRule, now);

  const token = generateToken();
  db.transaction((tx) => {
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).run();
    tx.insert(passwordResetTokens)
      .values({ id: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + resetTokenLifetimeMs) })
      .run();
  });
  const link = options.linkFor(token);
  const [th, en] = [translator('th'), translator('en')];
  await options.send({
    to: user.email,
    subject: `${th('mail.reset.subject')} · ${en('mail.reset.subject')}`,
    text: `${th('mail.reset.body', { name: user.nameTh, link })}\n\n---\n\n${en('mail.reset.body', { name: user.nameEn ?? user.nameTh, link })}\n`,
  });
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
