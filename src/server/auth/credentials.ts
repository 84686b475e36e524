// Checking a password someone typed: signing in, and confirming the current password before changing it. In the
// order Lucia's example uses: throttles first (the attempt is reserved before the costly hash, so concurrent
// guesses cannot slip past the limit), then the password; a right password gives its reservation back.
import type { Db } from '../../../db/connection.ts';
import type { User } from '../../../db/schema/index.ts';
import { verifyNoPassword, verifyPassword } from './password.ts';
import { createSession, type SessionInfo } from './sessions.ts';
import {
  clearAttempts,
  refundAttempt,
  reserveAttempt,
  signInAccountAtAddressRule,
  signInAccountRule,
  signInAddressRule,
  type ThrottleCheck,
} from './throttle.ts';
import { findUserByEmail, findUserById, setPassword } from './users.ts';

export type SignInOutcome =
  | { kind: 'signed-in'; user: User; token: string; session: SessionInfo }
  /** Unknown email and wrong password alike, so the answer does not reveal who has an account. */
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  /** The password was right but an admin disabled the account; saying so reveals nothing to an attacker. */
  | { kind: 'disabled' }
  /** The password was right but the email was never confirmed: the caller sends a new confirmation link. */
  | { kind: 'unverified'; user: User };

/** The limits one password check counts against: the account from this address, the address, the account. */
function signInChecks(email: string, address: string): ThrottleCheck[] {
  return [
    { key: `sign-in-account-address:${email}|${address}`, rule: signInAccountAtAddressRule },
    { key: `sign-in-address:${address}`, rule: signInAddressRule },
    { key: `sign-in-account:${email}`, rule: signInAccountRule },
  ];
}

/** A right password: the account's count from this address starts over, the wider counts get their attempt back. */
function passwordWasRight(db: Db, checks: ThrottleCheck[]): void {
  const [pair, ...wider] = checks;
  clearAttempts(db, pair!.key);
  for (const check of wider) refundAttempt(db, check.key);
}

export async function signIn(
  db: Db,
  attempt: { email: string; password: string; address: string },
  options: { allowDemo: boolean; now?: Date },
): Promise<SignInOutcome> {
  const now = options.now ?? new Date();
  const checks = signInChecks(attempt.email, attempt.address);
  const wait = reserveAttempt(db, checks, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };

  const user = findUserByEmail(db, attempt.email);
  const usable = user && (options.allowDemo || !user.demo);
  const valid = usable ? await verifyPassword(user.passwordHash, attempt.password) : await verifyNoPassword(attempt.password);
  if (!valid || !user) return { kind: 'invalid' };
  passwordWasRight(db, checks);
  if (user.disabledAt) return { kind: 'disabled' };
  if (!user.emailVerifiedAt) return { kind: 'unverified', user };
  const { token, session } = createSession(db, user.id, now);
  return { kind: 'signed-in', user, token, session };
}

export type PasswordChangeOutcome =
  | { kind: 'changed'; token: string; session: SessionInfo }
  | { kind: 'wrong-password' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Change a signed-in person's password after checking the current one (throttled like signing in, so a stolen
 * session cannot guess it). Every session ends; the returned one replaces the caller's.
 */
export async function changePassword(
  db: Db,
  userId: number,
  passwords: { current: string; next: string; address: string },
  now = new Date(),
): Promise<PasswordChangeOutcome> {
  const user = findUserById(db, userId);
  if (!user) return { kind: 'wrong-password' };
  const checks = signInChecks(user.email, passwords.address);
  const wait = reserveAttempt(db, checks, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };
  if (!(await verifyPassword(user.passwordHash, passwords.current))) return { kind: 'wrong-password' };
  passwordWasRight(db, checks);
  await setPassword(db, userId, passwords.next, now);
  return { kind: 'changed', ...createSession(db, userId, now) };
}
