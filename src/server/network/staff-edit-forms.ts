// Editing and deleting on a field's staff pages: one of the field's establishments (/staff/[field]/establishments/[id])
// and one of its demand or supply rows (/staff/[field]/rows/[kind]/[id]). Each write is one statement or transaction.
import type { AstroGlobal } from 'astro';
import type { Field } from '../../lib/content/schemas/index.ts';
import { curatesAny } from '../../lib/auth/access.ts';
import { deleteSchema, demandEditSchema, establishmentSchema, supplyEditSchema } from '../../lib/network/form-schemas.ts';
import { mayChangeReportRow, type ReportKind } from '../../lib/network/report-rows.ts';
import { langFromPath, localePath } from '../../i18n/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { knownFieldSlugs } from '../catalog/import.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext, type FormState } from '../forms.ts';
import { deleteEstablishment, findEstablishment, hiresFrom, isDuplicateRegistration, updateEstablishment } from './establishments.ts';
import { listProvinces } from './provinces.ts';
import { deleteReportRow, findReportRow, updateReportRow, type StoredRow } from './reports.ts';

type EditAstro = FormContext & Pick<AstroGlobal, 'params' | 'rewrite'>;
const fixErrors = { key: 'form.fixErrors' } as const;
const positiveId = (value: string | undefined) => (value && /^\d{1,15}$/.test(value) ? Number(value) : undefined);
const staffPath = (astro: FormContext, field: Field, rest: string) => localePath(langFromPath(astro.url.pathname), `/staff/${field.slug}${rest}`);
const again = (astro: FormContext, what: string) => astro.redirect(`${astro.url.pathname}?done=${what}`, 303);

/** The establishment in the URL if it hires from the page's field (404 otherwise), and its edit and delete forms. */
export async function establishmentEditForms(astro: EditAstro, field: Field, user: SessionUser): Promise<Response | { form: FormState; establishment: NonNullable<ReturnType<typeof findEstablishment>> }> {
  const db = getDb();
  const id = positiveId(astro.params.id);
  const establishment = id === undefined || !hiresFrom(db, id, field.slug) ? undefined : findEstablishment(db, id);
  if (!establishment) return astro.rewrite('/404');
  const provinces = new Set(listProvinces(db).map((p) => p.code));
  const form = await handleForm(astro, {
    update: formAction(establishmentSchema(knownFieldSlugs(env.CONTENT_DIR), provinces), (input) => {
      // Staff keep it among their fields: an establishment moved wholly to other fields would leave their hands.
      if (!curatesAny(user, input.fields)) return reject(400, { errors: { fields: 'network.curate.notYourFields' }, message: fixErrors });
      try {
        if (!updateEstablishment(db, establishment.id, input)) return reject(404, { message: { key: 'network.establishment.unknown' } });
      } catch (error) {
        if (isDuplicateRegistration(error)) return reject(400, { errors: { registrationNo: 'network.registrationNo.taken' }, message: fixErrors });
        throw error;
      }
      return again(astro, 'updated');
    }),
    delete: formAction(deleteSchema, () => {
      const outcome = deleteEstablishment(db, establishment.id);
      if (outcome === 'has-agreements') return reject(409, { message: { key: 'network.establishment.hasAgreements', params: { n: establishment.agreements } } });
      if (outcome === 'missing') return reject(404, { message: { key: 'network.establishment.unknown' } });
      return astro.redirect(`${staffPath(astro, field, '/establishments')}?done=deleted`, 303);
    }),
  });
  if (form instanceof Response) return form;
  return { form, establishment: findEstablishment(db, establishment.id) ?? establishment };
}

/** The demand or supply row in the URL if it is of the page's field (404 otherwise), and its edit and delete forms. */
export function reportRowEditForms(astro: EditAstro, field: Field, user: SessionUser) {
  return reportRowEdit(astro, user, {
    owns: (row) => row.fieldSlug === field.slug,
    afterDelete: (kind) => `${staffPath(astro, field, '/rows')}?kind=${kind}&done=deleted`,
  });
}

/**
 * The demand or supply row in the URL if `owns` it (404 otherwise; 403 when the person may not change it), and its
 * edit and delete forms. A write applies only while the row still has the status it was judged on.
 */
export async function reportRowEdit(
  astro: EditAstro,
  user: SessionUser,
  scope: { owns: (row: StoredRow) => boolean; afterDelete: (kind: ReportKind) => string },
): Promise<Response | { form: FormState; row: StoredRow; kind: ReportKind }> {
  const db = getDb();
  const kind = astro.params.kind === 'demand' || astro.params.kind === 'supply' ? astro.params.kind : undefined;
  const id = positiveId(astro.params.id);
  const row = kind && id !== undefined ? findReportRow(db, kind, id) : undefined;
  if (!kind || !row || !scope.owns(row)) return astro.rewrite('/404');
  if (!mayChangeReportRow(user, row)) return astro.rewrite('/403');
  const changedMeanwhile = () => reject(409, { message: { key: 'network.row.changedMeanwhile' } });
  const form = await handleForm(astro, {
    update:
      kind === 'demand'
        ? formAction(demandEditSchema, (values) => (updateReportRow(db, kind, row.id, row.status, values) ? again(astro, 'updated') : changedMeanwhile()))
        : formAction(supplyEditSchema, (values) => (updateReportRow(db, kind, row.id, row.status, values) ? again(astro, 'updated') : changedMeanwhile())),
    delete: formAction(deleteSchema, () => (deleteReportRow(db, kind, row.id, row.status) ? astro.redirect(scope.afterDelete(kind), 303) : changedMeanwhile())),
  });
  if (form instanceof Response) return form;
  return { form, row: findReportRow(db, kind, row.id) ?? row, kind };
}
