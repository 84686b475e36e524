// /admin/certificates: recent certificates, and revoking one by its code with a reason.
import { desc } from 'drizzle-orm';
import { certificates } from '../../../db/schema/index.ts';
import { langFromPath, localePath } from '../../i18n/index.ts';
import { revokeSchema } from '../../lib/courses/form-schemas.ts';
import { requireRole } from '../auth/authorize.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { revokeCertificate } from './certificates.ts';

export function recentCertificates(limit = 100) {
  return getDb().select().from(certificates).orderBy(desc(certificates.issuedAt)).limit(limit).all();
}

export function certificateForms(astro: FormContext) {
  requireRole(astro.locals, 'admin');
  return handleForm(astro, {
    revoke: formAction(revokeSchema, ({ code, reason }) => {
      if (!revokeCertificate(getDb(), code, reason)) return reject(404, { errors: { code: 'admin.certificates.unknown' }, message: { key: 'admin.certificates.unknown' } });
      return astro.redirect(`${localePath(langFromPath(astro.url.pathname), '/admin/certificates')}?revoked=1`, 303);
    }),
  });
}
