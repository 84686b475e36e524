// What /admin/staff calls: granting and taking away field staff rights.
import { staffGrantSchema } from '../../lib/network/form-schemas.ts';
import { requireRole } from '../auth/authorize.ts';
import { findUserByEmail } from '../auth/users.ts';
import { knownFieldSlugs } from '../catalog/import.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { setStaffFields } from './field-staff.ts';

export function adminStaffForms(astro: FormContext) {
  const admin = requireRole(astro.locals, 'admin');
  const db = getDb();
  return handleForm(astro, {
    grant: formAction(staffGrantSchema(knownFieldSlugs(env.CONTENT_DIR)), ({ email, fields }) => {
      const person = findUserByEmail(db, email);
      if (!person) return reject(400, { errors: { email: 'network.staff.noSuchUser' }, message: { key: 'form.fixErrors' } });
      setStaffFields(db, person.id, fields, admin.id);
      const back = new URL(astro.url);
      back.searchParams.set('done', fields.length ? 'grant' : 'revoke');
      return astro.redirect(back.pathname + back.search, 303);
    }),
  });
}
