// The forms of the indicators page: admins define indicators and set targets; a field's staff (and admins) enter
// hand-kept values with a note and an evidence file (through the upload pipeline) and write the yearly summary.
import { indicatorSchema, summarySchema, targetSchema, valueSchema } from '../../lib/reports/indicators.ts';
import { acceptedUploads, commitUploads } from '../catalog/uploads.ts';
import { knownFieldSlugs } from '../catalog/import.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { createIndicator, indicatorExists, saveSummary, saveValue, setTarget } from './indicators.ts';
import type { ReportScope } from './pages.ts';

const fixErrors = { key: 'form.fixErrors' } as const;

function done(astro: FormContext, what: string, year: number, field?: string) {
  const back = new URL(astro.url);
  back.search = '';
  back.searchParams.set('year', String(year));
  if (field && !back.pathname.includes('/staff/')) back.searchParams.set('field', field);
  back.searchParams.set('done', what);
  return astro.redirect(back.pathname + back.search, 303);
}

export function indicatorForms(astro: FormContext, scope: ReportScope) {
  const db = getDb();
  const admin = scope.user.role === 'admin' && !scope.field;
  const field = scope.field?.slug ?? scope.filter.field;
  const adminOnly = () => reject(403, { message: { key: 'reports.indicator.adminOnly' } });
  const needsField = () => reject(400, { message: { key: 'reports.indicator.field' } });
  return handleForm(
    astro,
    {
      indicator: formAction(indicatorSchema, (input) => {
        if (!admin) return adminOnly();
        createIndicator(db, input, scope.user.id);
        return done(astro, 'indicator', scope.filter.year, field);
      }),
      target: formAction(targetSchema, (input) => {
        if (!admin) return adminOnly();
        if (!indicatorExists(db, input.indicatorId)) return reject(400, { errors: { indicatorId: 'reports.indicator.unknown' }, message: fixErrors });
        if (!knownFieldSlugs(env.CONTENT_DIR).has(input.field)) return reject(400, { errors: { field: 'reports.indicator.field' }, message: fixErrors });
        setTarget(db, input);
        return done(astro, 'target', input.year, input.field);
      }),
      value: formAction(valueSchema, async (input, _astro, files) => {
        if (!field) return needsField();
        const indicator = indicatorExists(db, input.indicatorId);
        if (!indicator || indicator.source !== 'manual') return reject(400, { errors: { indicatorId: 'reports.indicator.unknown' }, message: fixErrors });
        // The upload pipeline has checked each file's size and that its first bytes agree with its name.
        const sent = acceptedUploads(files.evidence ?? []);
        if (typeof sent === 'string' || sent.length > 1) return reject(400, { errors: { evidence: 'reports.indicator.evidence' }, message: fixErrors });
        const evidence = sent[0];
        const save = () => saveValue(db, { ...input, field, file: evidence && { path: evidence.path, name: evidence.originalName } }, scope.user.id);
        if (evidence) await commitUploads(db, [evidence], { uploadedBy: scope.user.id }, save);
        else save();
        return done(astro, 'value', input.year, field);
      }),
      summary: formAction(summarySchema, (input) => {
        if (!field) return needsField();
        saveSummary(db, field, input.year, input.recommendations, scope.user.id);
        return done(astro, 'summary', input.year, field);
      }),
    },
    { acceptsFiles: true },
  );
}
