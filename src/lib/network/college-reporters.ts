// College reporters (docs/decisions/018-college-reporters.md): a college's own teachers or experts, given the right
// by an admin or a field's staff, report the college's supply and the demand of establishments around it.
import type { MessageKey } from '../../i18n/index.ts';

/** The roles a college's reporter may have: the people who work at a college (students and admins may not be granted). */
export const reporterRoles = ['teacher', 'expert'] as const;

/**
 * The college a person reports for: the granted college while they hold a reporter role and their profile still
 * names that college (moving to another college suspends the right), else null.
 */
export function reportingCollege(person: { role: string; collegeId: number | null }, grantedCollegeId: number | null | undefined): number | null {
  if (!grantedCollegeId || person.collegeId !== grantedCollegeId) return null;
  return (reporterRoles as readonly string[]).includes(person.role) ? grantedCollegeId : null;
}

/**
 * Why a person may not be made a reporter from a field's staff page, or undefined when they may: they must work at a
 * college (teacher or expert), have chosen it on their profile, and that college must teach the page's field.
 */
export function reporterGrantProblem(person: { role: string; collegeId: number | null }, collegeTeachesField: boolean): MessageKey | undefined {
  if (!(reporterRoles as readonly string[]).includes(person.role)) return 'network.reporter.wrongRole';
  if (!person.collegeId) return 'network.reporter.noCollege';
  if (!collegeTeachesField) return 'network.reporter.collegeNotInField';
  return undefined;
}
