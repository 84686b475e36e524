// Who may see what of an item, beyond published or not.
import type { Role } from '../auth/roles.ts';

/** Experts' contact details are for teachers (who invite them) and center admins, not the public. */
export const seesExpertContacts = (user: { role: Role } | null | undefined): boolean => user?.role === 'teacher' || user?.role === 'admin';
