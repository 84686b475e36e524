// Authorization in one place: the middleware checks every route against the table in src/lib/auth/access.ts;
// pages and actions call requireRole for the typed user it returns. Both judge with judgeAccess.
import { accessFor, judgeAccess, type AccessVerdict } from '../../lib/auth/access.ts';
import { roles, type Role } from '../../lib/auth/roles.ts';
import type { SessionUser } from './sessions.ts';

export class AccessDenied extends Error {
  readonly verdict: Exclude<AccessVerdict, 'allowed'>;
  constructor(verdict: Exclude<AccessVerdict, 'allowed'>) {
    super(verdict === 'sign-in' ? 'Sign-in required' : 'Forbidden');
    this.verdict = verdict;
  }
}

/** The signed-in user if their role is one of `allowed` (any role when none is named); throws AccessDenied. */
export function requireRole(locals: App.Locals, ...allowed: Role[]): SessionUser {
  const verdict = judgeAccess(allowed.length ? allowed : roles, locals.user);
  if (verdict !== 'allowed') throw new AccessDenied(verdict);
  return locals.user!;
}

/** The signed-in admin, or staff of `fieldSlug` (of any field when none is named); throws AccessDenied. */
export function requireFieldStaff(locals: App.Locals, fieldSlug?: string): SessionUser {
  const verdict = judgeAccess('field-staff', locals.user, fieldSlug);
  if (verdict !== 'allowed') throw new AccessDenied(verdict);
  return locals.user!;
}

/** What the route table says about this request: allowed, or why not; a route's `[field]` narrows field-staff rules. */
export function checkRoute(routePattern: string, locals: App.Locals, fieldSlug?: string): AccessVerdict {
  return judgeAccess(accessFor(routePattern), locals.user, fieldSlug);
}
