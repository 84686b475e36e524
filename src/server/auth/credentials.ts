// Checking a password someone typed: signing in, and confirming the current password before changing it. In the
// order Lucia's example uses: throttles first (before the costly hash), then the password, counting failures per
// account and per address, and clearing the account's count on success.
import type { Db } from '../../../db/connection.ts';
import type { User } from '../../../db/schema/index.ts';
import { verifyNoPassword, verifyPassword } from './password.ts';
import { createSession, type SessionInfo } from './sessions.ts';
import { clearFailures, recordFailure, signInAccountRule, signInAddressRule, throttleWait } from './throttle.ts';
import { findUserByEmail, findUserById, setPassword } from './users.ts';

export type SignInOutcome =
  | { kind: 'signed-in'; user: User; token: string; session: SessionInfo }
  /** Unknown email and wrong password alike, so the answer does not reveal who has an account. */
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  /** The password was right but an admin disabled the account; saying so reveals nothing to an attacker. */
  | { kind: 'disabled' };

const accountKey = (email: string) => `sign-in-account:${email}`;

export async function signIn(
  db: Db,
  attempt: { email: string; password: string; address: string },
  options: { allowDemo: boolean; now?: Date },
): Promise<SignInOutcome> {
  const now = options.now ?? new Date();
  const account = accountKey(attempt.email);
  const addressKey = `sign-in-address:${attempt.address}`;
  const wait = Math.max(throttleWait(db, account, signInAccountRule, now), throttleWait(db, addressKey, signInAddressRule, now));
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };

  const user = findUserByEmail(db, attempt.email);
  const usable = user && (options.allowDemo || !user.demo);
  const valid = usable ? await verifyPassword(user.passwordHash, attempt.password) : await verifyNoPassword(attempt.password);
  if (!valid || !user) {
    recordFailure(db, account, signInAccountRule, now);
    recordFailure(db, addressKey, signInAddressRule, now);
    return { kind: 'invalid' };
  }
  clearFailures(db, account);
  if (user.disabledAt) return { kind: 'disabled' };
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
  passwords: { current: string; next: string },
  now = new Date(),
): Promise<PasswordChangeOutcome> {
  const user = findUserById(db, userId);
  if (!user) return { kind: 'wrong-password' };
  const account = accountKey(user.email);
  const wait = throttleWait(db, account, signInAccountRule, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };
  if (!(await verifyPassword(user.passwordHash, passwords.current))) {
    recordFailure(db, account, signInAccountRule, now);
    return { kind: 'wrong-password' };
  }
  clearFailures(db, account);
  await setPassword(db, userId, passwords.next, now);
  return { kind: 'changed', ...createSession(db, userId, now) };
}
