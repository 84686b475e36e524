// What /admin/users calls: the list an admin searches, and the actions on one user (role, disable, enable).
import { changeRoleSchema, userIdSchema, userListQuerySchema, adminUsersPageSize } from '../../lib/auth/form-schemas.ts';
import { getDb } from '../db.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { requireRole } from './authorize.ts';
import { findUserById, searchUsers, setDisabled, setRole } from './users.ts';

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
  });
}
