// Who a report page is for and what it may show: /admin/reports/… (admins, every field) or /staff/<field>/training/…
// (that field's staff, and admins), with the filter from the URL pinned to the staff's field. Drill-downs check that
// the run, course or college they open is the field's: another field's people answer 403.
import type { APIContext, AstroGlobal } from 'astro';
import type { Field } from '../../lib/content/schemas/index.ts';
import { langFromPath, localePath, type Lang } from '../../i18n/index.ts';
import { reportFilterFrom, type ReportFilter } from '../../lib/reports/query.ts';
import { requireRole } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getDb } from '../db.ts';
import { storedUploadResponse } from '../network/agreement-files.ts';
import { staffField } from '../network/staff-pages.ts';
import { findField } from '../catalog/fields.ts';
import { evidenceOf } from './indicators.ts';
import { summaryPdfResponse } from './summary-pdf.ts';
import { teaches } from '../courses/teaching.ts';
import { collegeInField, courseInField, findReportRun, runInField } from './training.ts';

export interface ReportScope {
  lang: Lang;
  user: SessionUser;
  /** Where the report's pages live: `/admin/reports` or `/staff/<field>/training`, in the page's language. */
  base: string;
  /** The staff page's field, which every query is pinned to; none on the admin's pages. */
  field?: Field;
  filter: ReportFilter;
}

type ReportAstro = Pick<AstroGlobal, 'params' | 'locals' | 'rewrite' | 'url'>;

export async function reportScope(astro: ReportAstro): Promise<ReportScope | Response> {
  const lang = langFromPath(astro.url.pathname);
  const filter = reportFilterFrom(astro.url);
  if (astro.params.field === undefined) {
    return { lang, user: requireRole(astro.locals, 'admin'), base: localePath(lang, '/admin/reports'), filter };
  }
  const staff = await staffField(astro);
  if (staff instanceof Response) return staff;
  return { lang, user: staff.user, base: localePath(lang, `/staff/${staff.field.slug}/training`), field: staff.field, filter: { ...filter, field: staff.field.slug } };
}

const positiveId = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** The run a drill-down names: 404 when there is none, 403 when it is another field's. */
export function scopedRun(astro: ReportAstro, scope: ReportScope): Promise<Response> | number {
  const id = positiveId(astro.params.run);
  if (id === undefined || !getDb().$client.prepare('select 1 from course_runs where id = ?').get(id)) return astro.rewrite('/404');
  if (scope.field && !runInField(getDb(), id, scope.field.slug)) return astro.rewrite('/403');
  return id;
}

export function scopedCollege(astro: ReportAstro, scope: ReportScope): Promise<Response> | number {
  const id = positiveId(astro.params.college);
  if (id === undefined || !getDb().$client.prepare('select 1 from colleges where id = ?').get(id)) return astro.rewrite('/404');
  if (scope.field && !collegeInField(getDb(), id, scope.field.slug)) return astro.rewrite('/403');
  return id;
}

export function scopedCourse(astro: ReportAstro, scope: ReportScope): Promise<Response> | string {
  const slug = astro.params.course ?? '';
  if (!/^[a-z0-9][a-z0-9-]{0,120}$/.test(slug) || !getDb().$client.prepare("select 1 from catalog_entries where key = 'courses/' || ?").get(slug)) return astro.rewrite('/404');
  if (scope.field && !courseInField(getDb(), slug, scope.field.slug)) return astro.rewrite('/403');
  return slug;
}

/** The run of /teach/<run>/report and its export, for its instructors and admins; 404 for anyone else, as /teach/<run>. */
export async function taughtRun(astro: Pick<AstroGlobal, 'params' | 'locals' | 'rewrite'>): Promise<NonNullable<ReturnType<typeof findReportRun>> | Response> {
  const user = requireRole(astro.locals);
  const id = positiveId(astro.params.run);
  const run = id === undefined ? undefined : findReportRun(getDb(), id);
  if (!run || !teaches(getDb(), run.id, user)) return astro.rewrite('/404');
  return run;
}

/** …/evidence/<indicator>?year=…: a hand-kept value's evidence, within the scope's field; 404 when there is none. */
export async function evidenceDownload(context: APIContext): Promise<Response> {
  const scope = await reportScope(context);
  if (scope instanceof Response) return scope;
  const id = positiveId(context.params.indicator);
  const field = scope.field?.slug ?? scope.filter.field;
  const stored = id !== undefined && field ? evidenceOf(getDb(), id, field, scope.filter.year) : undefined;
  const response = stored && (await storedUploadResponse(stored.file, stored.fileName, `evidence-${id}`));
  return response || context.rewrite('/404');
}

/** …/summary.pdf?year=…: the field's A4 summary (admins name the field with ?field=). */
export async function summaryDownload(context: APIContext): Promise<Response> {
  const scope = await reportScope(context);
  if (scope instanceof Response) return scope;
  const field = scope.field ?? (await findField(scope.filter.field ?? ''));
  if (!field) return context.rewrite('/404');
  return summaryPdfResponse(getDb(), field, scope.filter.year);
}
