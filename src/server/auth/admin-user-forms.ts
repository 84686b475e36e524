// What /admin/users calls: the list an admin searches, the actions on one user (role, disable, enable), and
// inviting someone new.
import { adminUsersPageSize, changeRoleSchema, inviteSchema, userIdSchema, userListQuerySchema } from '../../lib/auth/form-schemas.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { emailLinks } from './account-forms.ts';
import { requireRole } from './authorize.ts';
import { inviteUser } from './password-reset.ts';
import { findUserById, isEmailTaken, searchUsers, setDisabled, setRole } from './users.ts';

/** The admin's list: the query string read leniently (odd values mean "all"), one page of matching users. */
export function userList(url: URL) {
  const query = userListQuerySchema.parse(Object.fromEntries(url.searchParams));
  return { query, ...searchUsers(getDb(), { ...query, pageSize: adminUsersPageSize }) };
}

export function adminUserForms(astro: FormContext) {
  const admin = requireRole(astro.locals, 'admin');
  const db = getDb();
  // Back to the same list (search, filters, page), saying what was done.
  const done = (what: string) => {
    const back = new URL(astro.url);
    back.searchParams.set('done', what);
    return astro.redirect(back.pathname + back.search, 303);
  };
  /** An admin cannot demote or disable themselves: the center must never lock out its last admin by accident. */
  const target = (userId: number) => {
    if (userId === admin.id) return reject(400, { message: { key: 'admin.users.self' } });
    if (!findUserById(db, userId)) return reject(400, { message: { key: 'admin.users.notFound' } });
    return null;
  };
  return handleForm(astro, {
    role: formAction(changeRoleSchema, ({ userId, role }) => {
      const refused = target(userId);
      if (refused) return refused;
      setRole(db, userId, role);
      return done('role');
    }),
    disable: formAction(userIdSchema, ({ userId }) => {
      const refused = target(userId);
      if (refused) return refused;
      setDisabled(db, userId, true);
      return done('disable');
    }),
    enable: formAction(userIdSchema, ({ userId }) => {
      const refused = target(userId);
      if (refused) return refused;
      setDisabled(db, userId, false);
      return done('enable');
    }),
    invite: formAction(inviteSchema, async (invitee) => {
      try {
        await inviteUser(db, invitee, emailLinks(astro));
      } catch (error) {
        if (isEmailTaken(error)) return reject(400, { errors: { email: 'admin.users.invite.taken' }, message: { key: 'form.fixErrors' } });
        throw error;
      }
      return done('invite');
    }),
  });
}
