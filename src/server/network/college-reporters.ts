// College reporters (decision 018): granting and taking away the right, listing them, and the pages they use:
// /college-reports (their college's rows; reporting by form and sheet) and /staff/[field]/reporters (granting).
import type { AstroGlobal } from 'astro';
import type { Db } from '../../../db/connection.ts';
import type { Field } from '../../lib/content/schemas/index.ts';
import { judgeAccess } from '../../lib/auth/access.ts';
import { reporterGrantProblem } from '../../lib/network/college-reporters.ts';
import { reporterGrantSchema, reporterRevokeSchema } from '../../lib/network/form-schemas.ts';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { AccessDenied } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { findUserByEmail } from '../auth/users.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { reportRowEdit } from './staff-edit-forms.ts';
import { done, reportingActions } from './staff-forms-field.ts';

const fixErrors = { key: 'form.fixErrors' } as const;

/** Make `userId` the reporter of `collegeId` (a person reports for one college; a new grant replaces the old). */
export function grantReporter(db: Db, userId: number, collegeId: number, grantedBy: number): void {
  db.$client
    .prepare(
      `insert into college_reporters (user_id, college_id, granted_by) values (?, ?, ?)
       on conflict (user_id) do update set college_id = excluded.college_id, granted_by = excluded.granted_by, created_at = unixepoch('subsec') * 1000`,
    )
    .run(userId, collegeId, grantedBy);
}

/** Take the right away, only from a reporter of one of `collegeIds` (a field's colleges); false when there was none. */
export function revokeReporter(db: Db, userId: number, collegeIds: readonly number[]): boolean {
  const placeholders = collegeIds.map(() => '?').join(',') || 'null';
  return db.$client.prepare(`delete from college_reporters where user_id = ? and college_id in (${placeholders})`).run(userId, ...collegeIds).changes > 0;
}

export function collegeTeaches(db: Db, collegeId: number, fieldSlug: string): boolean {
  return db.$client.prepare('select 1 from college_fields where college_id = ? and field_slug = ?').get(collegeId, fieldSlug) !== undefined;
}

/** The fields a college teaches: what its reporters may report for. */
export function fieldsOfCollege(db: Db, collegeId: number): string[] {
  return db.$client.prepare('select field_slug from college_fields where college_id = ? order by field_slug').pluck().all(collegeId) as string[];
}

export interface ReporterListing {
  userId: number;
  nameTh: string;
  email: string;
  college: string;
  /** False when the person's profile now names another college (the right is then suspended). */
  active: boolean;
}

/** The reporters of the colleges teaching a field, by college and name. */
export function reportersOfField(db: Db, fieldSlug: string): ReporterListing[] {
  const rows = db.$client
    .prepare(
      `select u.id as userId, u.name_th as nameTh, u.email, c.name_th as college, (u.college_id = r.college_id) as active
       from college_reporters r join users u on u.id = r.user_id join colleges c on c.id = r.college_id
       join college_fields cf on cf.college_id = r.college_id and cf.field_slug = ?
       order by c.name_th, u.name_th`,
    )
    .all(fieldSlug) as (Omit<ReporterListing, 'active'> & { active: number })[];
  return rows.map((row) => ({ ...row, active: row.active === 1 }));
}

/** /staff/[field]/reporters: making a teacher or expert of a college teaching the field its reporter, and undoing it. */
export function reporterForms(astro: FormContext, field: Field, user: SessionUser) {
  const db = getDb();
  return handleForm(astro, {
    grant: formAction(reporterGrantSchema, ({ email }) => {
      const person = findUserByEmail(db, email);
      if (!person) return reject(400, { errors: { email: 'network.staff.noSuchUser' }, message: fixErrors });
      const problem = reporterGrantProblem(person, person.collegeId !== null && collegeTeaches(db, person.collegeId, field.slug));
      if (problem) return reject(400, { errors: { email: problem }, message: fixErrors });
      grantReporter(db, person.id, person.collegeId!, user.id);
      return done(astro, 'grant');
    }),
    revoke: formAction(reporterRevokeSchema, ({ userId }) => {
      const colleges = db.$client.prepare('select college_id from college_fields where field_slug = ?').pluck().all(field.slug) as number[];
      if (!revokeReporter(db, userId, colleges)) return reject(404, { message: { key: 'network.reporter.unknown' } });
      return done(astro, 'revoke');
    }),
  });
}

/** The signed-in reporter and their college (the route table has already refused everyone else). */
export function requireReporter(locals: App.Locals): { user: SessionUser; collegeId: number } {
  if (judgeAccess('college-reporter', locals.user) !== 'allowed') throw new AccessDenied(locals.user ? 'forbidden' : 'sign-in');
  return { user: locals.user!, collegeId: locals.user!.reporterCollegeId! };
}

/** /college-reports: the reporter's college's supply (the college filled in) and demand, by form or sheet. */
export async function collegeReportForms(astro: FormContext) {
  const { user, collegeId } = requireReporter(astro.locals);
  const fields = new Set(fieldsOfCollege(getDb(), collegeId));
  // Supply forms are the college's own; a demand row's establishment and a sheet's every row are checked as staff's are.
  const supply = reportingActions(astro, { fields, reportedBy: user.id, reporterCollegeId: collegeId, fixed: { college: String(collegeId) } });
  const other = reportingActions(astro, { fields, reportedBy: user.id, reporterCollegeId: collegeId, fixed: {} });
  const form = await handleForm(astro, { supply: supply.actions.supply, demand: other.actions.demand, upload: other.actions.upload }, { acceptsFiles: true });
  return { form, issues: other.issues, collegeId, fields: [...fields] };
}

/**
 * /college-reports/rows/[kind]/[id]: one of the college's rows (404 for another college's), changed or deleted only
 * while it waits for approval (403 once approved: it is then the field's figure, changed by its staff).
 */
export function collegeRowEditForms(astro: FormContext & Pick<AstroGlobal, 'params' | 'rewrite'>) {
  const { user, collegeId } = requireReporter(astro.locals);
  const back = localePath(langFromPath(astro.url.pathname), '/college-reports');
  return reportRowEdit(astro, user, { owns: (row) => row.collegeId === collegeId, afterDelete: () => `${back}?done=deleted` });
}
