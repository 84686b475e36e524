// An agreement's signed PDF, for staff of its field and admins.
import type { APIRoute } from 'astro';
import { getDb } from '../../../../server/db.ts';
import { agreementFile } from '../../../../server/network/agreement-files.ts';
import { staffField } from '../../../../server/network/staff-pages.ts';

export const GET: APIRoute = async (context) => {
  const staff = await staffField(context);
  if (staff instanceof Response) return staff;
  return (await agreementFile(getDb(), staff.field.slug, context.params.id ?? '')) ?? context.rewrite('/404');
};
