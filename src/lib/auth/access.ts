// Who may open which route: the one table the middleware consults for every request. Routes not listed are public.
import type { Role } from './roles.ts';

/**
 * `field-staff`: admins (national) and people an admin made staff of at least one field of excellence; which field a
 * page is about is judged again with that field (requireFieldStaff). `college-reporter`: people given the right to
 * report their own college's numbers (decision 018), whatever else they are.
 */
export type Access = 'public' | 'signed-in' | 'field-staff' | 'college-reporter' | readonly Role[];

/**
 * Who judgeAccess looks at: the role, the fields the person is staff of (none when absent), and the college they
 * report for (none when absent or null).
 */
export interface AccessUser {
  role: Role;
  staffFields?: readonly string[];
  reporterCollegeId?: number | null;
}

/** Route patterns (as in src/pages, without the /en prefix) and everything under them. */
export const routeAccess: readonly { route: string; access: Exclude<Access, 'public'> }[] = [
  // Writing articles: experts, and admins (who also review them). Before /account, which the rest of it falls under.
  { route: '/account/articles', access: ['expert', 'admin'] },
  { route: '/api/editor', access: ['expert', 'admin'] },
  { route: '/account', access: 'signed-in' },
  // Field staff curate their fields' library items and course runs; which item or course is judged again with its fields.
  { route: '/admin/items', access: 'field-staff' },
  { route: '/admin/runs', access: 'field-staff' },
  // Reports (issue 12): every field's training and personal data to admins; /staff/<field>/training to that field's
  // staff; /teach/<run>/report to the run's instructors (checked on the page); /learn/history to its owner.
  { route: '/admin/reports', access: ['admin'] },
  { route: '/staff/[field]/training', access: 'field-staff' },
  { route: '/learn/history', access: 'signed-in' },
  { route: '/admin', access: ['admin'] },
  { route: '/learn', access: 'signed-in' },
  { route: '/teach', access: 'signed-in' },
  { route: '/api/learn', access: 'signed-in' },
  { route: '/staff', access: 'field-staff' },
  // A college's reporters: their college's demand and supply rows (decision 018).
  { route: '/college-reports', access: 'college-reporter' },
];

/** The access rule for an Astro route pattern such as `/en/admin/users` or `/fields/[slug]`. */
export function accessFor(routePattern: string): Access {
  const route = routePattern.replace(/^\/en(?=\/|$)/, '') || '/';
  const rule = routeAccess.find((r) => route === r.route || route.startsWith(`${r.route}/`));
  return rule?.access ?? 'public';
}

export type AccessVerdict = 'allowed' | 'sign-in' | 'forbidden';

/** The verdict for `user`; for `field-staff`, a `fieldSlug` narrows it to staff of that one field (admins: every field). */
export function judgeAccess(access: Access, user: AccessUser | null, fieldSlug?: string): AccessVerdict {
  if (access === 'public') return 'allowed';
  if (!user) return 'sign-in';
  if (access === 'field-staff') return isFieldStaff(user, fieldSlug) ? 'allowed' : 'forbidden';
  if (access === 'college-reporter') return user.reporterCollegeId ? 'allowed' : 'forbidden';
  if (access === 'signed-in' || access.includes(user.role)) return 'allowed';
  return 'forbidden';
}

/** Admins are staff of every field; others of the fields an admin granted them (of any, when no field is named). */
export function isFieldStaff(user: AccessUser, fieldSlug?: string): boolean {
  if (user.role === 'admin') return true;
  const fields = user.staffFields ?? [];
  return fieldSlug === undefined ? fields.length > 0 : fields.includes(fieldSlug);
}

/** The fields a person curates (library items, course runs): undefined for admins, who curate every field. */
export function curatedFields(user: AccessUser): readonly string[] | undefined {
  return user.role === 'admin' ? undefined : (user.staffFields ?? []);
}

/** Whether a person may curate something filed under `fields`: admins always, field staff when one of them is theirs. */
export function curatesAny(user: AccessUser, fields: readonly string[]): boolean {
  return user.role === 'admin' || fields.some((field) => isFieldStaff(user, field));
}

const probeOrigin = 'http://next.invalid';

/**
 * Where to go after signing in: only a path on this site, never `//evil.example` or `/\evil.example`, and
 * percent-encoded, since a Location header holds ASCII only (`/ไ` leaves as `/%E0%B9%84`).
 */
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(next)) {
    return fallback;
  }
  if (!URL.canParse(next, probeOrigin)) return fallback;
  const url = new URL(next, probeOrigin);
  if (url.origin !== probeOrigin) return fallback;
  return url.pathname + url.search + url.hash;
}
