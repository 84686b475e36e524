// The forms on a field's staff pages: reporting demand and supply (one row, or a spreadsheet), approving reported
// rows, adding establishments, proposing matches and recording agreements (with the signed PDF).
import type { Field } from '../../lib/content/schemas/index.ts';
import { headerProblems, type ReportKind, type RowIssue } from '../../lib/network/report-rows.ts';
import {
  agreementSchema,
  agreementStatusSchema,
  approveSchema,
  establishmentSchema,
  proposeSchema,
  reportRowFormSchema,
  uploadSchema,
} from '../../lib/network/form-schemas.ts';
import { isFieldStaff } from '../../lib/auth/access.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { knownFieldSlugs } from '../catalog/import.ts';
import { acceptedUploads, commitUploads } from '../catalog/uploads.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext, type SentFiles } from '../forms.ts';
import { createEstablishment, insertAgreement, isDuplicateRegistration, partiesExist, setAgreementStatus } from './establishments.ts';
import { proposeMatch } from './matching.ts';
import { listProvinces } from './provinces.ts';
import { approveRows, reportRows } from './reports.ts';
import { readSheet, SheetUnreadable } from './spreadsheet.ts';

const fixErrors = { key: 'form.fixErrors' } as const;

/** Back to the same page, saying what was done. */
export function done(astro: FormContext, what: string, count?: number) {
  const back = new URL(astro.url);
  back.search = '';
  back.searchParams.set('done', what);
  if (count !== undefined) back.searchParams.set('n', String(count));
  return astro.redirect(back.pathname + back.search, 303);
}

/** The fields a person may report for: all for admins, else those they are staff of. */
function reportableFields(user: SessionUser): ReadonlySet<string> {
  return user.role === 'admin' || !isFieldStaff(user) ? knownFieldSlugs(env.CONTENT_DIR) : new Set(user.staffFields);
}

/** Who reports, for which fields, and what a one-row form fills in itself (the page's field, the reporter's college). */
export interface ReportingScope {
  fields: ReadonlySet<string>;
  reportedBy: number;
  reporterCollegeId?: number;
  fixed: Partial<Record<'field' | 'college', string>>;
}

/**
 * The form actions that report demand and supply: one row (each problem next to its input) or a CSV/XLSX sheet (each
 * bad row listed with its number; nothing saved unless every row is right). Shared by field staff and college reporters.
 */
export function reportingActions(astro: FormContext, scope: ReportingScope) {
  const db = getDb();
  let issues: RowIssue[] = [];
  const options = { fields: scope.fields, reportedBy: scope.reportedBy, reporterCollegeId: scope.reporterCollegeId };
  /** One row from a web form, checked as a spreadsheet row is. */
  const oneRow = (kind: ReportKind) => (input: Record<string, unknown>) => {
    const row = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
    const result = reportRows(db, kind, [{ ...row, ...scope.fixed }], options);
    if (result.issues.length === 0) return done(astro, kind);
    const errors = Object.fromEntries(result.issues[0]!.problems.map((p) => [p.column === '(row)' ? 'level' : p.column, p.key]));
    return reject(400, { errors, message: fixErrors });
  };
  const actions = {
    demand: formAction(reportRowFormSchema, oneRow('demand')),
    supply: formAction(reportRowFormSchema, oneRow('supply')),
    upload: formAction(uploadSchema, async ({ kind }, _astro, files: SentFiles) => {
      const file = files.sheet?.[0];
      if (!file) return reject(400, { errors: { sheet: 'network.sheet.missing' }, message: fixErrors });
      if (file.problem !== undefined || !/\.(csv|xlsx)$/i.test(file.originalName)) {
        return reject(400, { errors: { sheet: 'network.sheet.type' }, message: fixErrors });
      }
      let sheet;
      try {
        sheet = await readSheet(file.tempPath, file.originalName);
      } catch (error) {
        if (error instanceof SheetUnreadable) return reject(400, { errors: { sheet: `network.sheet.${error.problem}` }, message: fixErrors });
        throw error;
      }
      const header = headerProblems(kind, sheet.header);
      if (header) {
        issues = [header];
        return reject(400, { message: { key: 'network.sheet.rejected', params: { count: 1 } } });
      }
      const result = reportRows(db, kind, sheet.rows, options);
      issues = result.issues;
      if (issues.length > 0) return reject(400, { message: { key: 'network.sheet.rejected', params: { count: issues.length } } });
      return done(astro, `${kind}-sheet`, result.saved);
    }),
  };
  return { actions, issues: () => issues };
}

/** /staff/[field]: one demand or supply row, a spreadsheet of them, and approving what was reported. */
export async function reportForms(astro: FormContext, field: Field, user: SessionUser) {
  const db = getDb();
  const { actions, issues } = reportingActions(astro, { fields: reportableFields(user), reportedBy: user.id, fixed: { field: field.slug } });
  const form = await handleForm(
    astro,
    {
      ...actions,
      approve: formAction(approveSchema, ({ kind, ids }) => done(astro, 'approve', approveRows(db, kind, field.slug, ids, user.id))),
    },
    { acceptsFiles: true },
  );
  return { form, issues };
}

/** /staff/[field]/establishments: adding an establishment that hires from the field (and maybe others). */
export function establishmentForms(astro: FormContext) {
  const db = getDb();
  const provinces = new Set(listProvinces(db).map((p) => p.code));
  return handleForm(astro, {
    establishment: formAction(establishmentSchema(knownFieldSlugs(env.CONTENT_DIR), provinces), (input) => {
      try {
        createEstablishment(db, input);
      } catch (error) {
        if (isDuplicateRegistration(error)) return reject(400, { errors: { registrationNo: 'network.registrationNo.taken' }, message: fixErrors });
        throw error;
      }
      return done(astro, 'establishment');
    }),
  });
}

/** /staff/[field]/matching: proposing a match records a `proposed` agreement. */
export function matchingForms(astro: FormContext, field: Field, user: SessionUser) {
  const db = getDb();
  return handleForm(astro, {
    propose: formAction(proposeSchema, ({ establishmentId, collegeId }) => {
      const exists = partiesExist(db, establishmentId, collegeId);
      if (!exists.establishment || !exists.college) return reject(400, { message: { key: 'network.agreement.unknownParty' } });
      const outcome = proposeMatch(db, { establishmentId, collegeId, fieldSlug: field.slug, createdBy: user.id });
      return done(astro, outcome);
    }),
  });
}

/** /staff/[field]/agreements: recording an agreement with its signed PDF, and moving one on to its next status. */
export function agreementForms(astro: FormContext, field: Field, user: SessionUser) {
  const db = getDb();
  return handleForm(
    astro,
    {
      record: formAction(agreementSchema, async (input, _astro, files) => {
        const exists = partiesExist(db, input.establishmentId, input.collegeId);
        const errors = {
          ...(exists.establishment ? {} : { establishmentId: 'network.establishment.unknown' as const }),
          ...(exists.college ? {} : { collegeId: 'network.college.unknown' as const }),
        };
        if (Object.keys(errors).length) return reject(400, { errors, message: fixErrors });
        // The upload pipeline has checked each file's first bytes agree with its name, so a .pdf is a PDF.
        const sent = acceptedUploads(files.file ?? []);
        if (typeof sent === 'string' || sent.length > 1 || sent.some((f) => !f.originalName.toLowerCase().endsWith('.pdf'))) {
          return reject(400, { errors: { file: 'network.agreement.pdfOnly' }, message: fixErrors });
        }
        const places = input.places !== undefined ? { level: input.placesLevel!, fiscalYear: input.placesYear!, places: input.places } : undefined;
        const record = (file?: { path: string; name: string }) =>
          insertAgreement(db, { ...input, fieldSlug: field.slug, file, places, createdBy: user.id });
        const pdf = sent[0];
        if (pdf) await commitUploads(db, [pdf], { uploadedBy: user.id }, () => record({ path: pdf.path, name: pdf.originalName }));
        else db.transaction(() => record());
        return done(astro, 'agreement');
      }),
      status: formAction(agreementStatusSchema, ({ agreementId, status }) => {
        if (!setAgreementStatus(db, agreementId, field.slug, status)) return reject(400, { message: { key: 'network.agreement.unknown' } });
        return done(astro, 'status');
      }),
    },
    { acceptsFiles: true },
  );
}
