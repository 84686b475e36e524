// The field a /staff/[field]/… page is about, after checking the person is staff of it (admins: every field).
import type { AstroGlobal } from 'astro';
import type { Field } from '../../lib/content/schemas/index.ts';
import { judgeAccess } from '../../lib/auth/access.ts';
import { requireFieldStaff } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { findField } from '../catalog/fields.ts';

/** The page's field and the staff member, or the response to give instead: 404 for no such field, 403 for another's. */
export async function staffField(astro: Pick<AstroGlobal, 'params' | 'locals' | 'rewrite'>): Promise<{ field: Field; user: SessionUser } | Response> {
  const field = await findField(astro.params.field ?? '');
  if (!field) return astro.rewrite('/404');
  if (judgeAccess('field-staff', astro.locals.user, field.slug) !== 'allowed') return astro.rewrite('/403');
  return { field, user: requireFieldStaff(astro.locals, field.slug) };
}
