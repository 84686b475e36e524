// Registering without telling anyone who has an account: every valid registration is answered the same way,
// at once ("check your email"), and the work happens after the answer. A new address gets a link that confirms
// it and signs the person in; an address that already has an account gets a note saying so, with the ways in.
import type { Db } from '../../../db/connection.ts';
import { reserveAttempt, passwordResetRule } from './throttle.ts';
import { confirmationLifetimeMs, mailEmailLink, sendBilingual, type LinkMail } from './password-reset.ts';
import { createUser, findUserByEmail, isEmailTaken, type NewAccount } from './users.ts';

export interface RegistrationMail extends LinkMail {
  /** Absolute links to signing in and asking for a new password, for the note to an existing account. */
  signInLink: string;
  resetLink: string;
}

/** Mail a confirmation link to an account whose email is not confirmed yet (at most a few an hour). */
export async function mailConfirmation(db: Db, user: Parameters<typeof mailEmailLink>[1], mail: LinkMail): Promise<void> {
  if (reserveAttempt(db, [{ key: `confirm-email:${user.id}`, rule: passwordResetRule }], mail.now) > 0) return;
  await mailEmailLink(db, user, 'verify-email', { ...mail, lifetimeMs: confirmationLifetimeMs, subject: 'mail.confirm.subject', body: 'mail.confirm.body' });
}

async function mailAlreadyRegistered(db: Db, email: string, mail: RegistrationMail): Promise<void> {
  const user = findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  if (reserveAttempt(db, [{ key: `already-registered:${user.id}`, rule: passwordResetRule }], mail.now) > 0) return;
  await sendBilingual(mail.send, user, 'mail.alreadyRegistered.subject', 'mail.alreadyRegistered.body', {
    signIn: mail.signInLink,
    reset: mail.resetLink,
  });
}

/** The work behind a registration, done after the person has been answered. */
export async function registerAccount(db: Db, account: NewAccount, mail: RegistrationMail): Promise<void> {
  if (findUserByEmail(db, account.email)) return mailAlreadyRegistered(db, account.email, mail);
  try {
    const user = await createUser(db, { ...account, emailVerified: false });
    await mailConfirmation(db, user, mail);
  } catch (error) {
    // Two registrations of one new address at once: the second finds the first's account.
    if (isEmailTaken(error)) return mailAlreadyRegistered(db, account.email, mail);
    throw error;
  }
}
