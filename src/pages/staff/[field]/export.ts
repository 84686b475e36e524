// A field's staff tables as CSV or XLSX: its establishments with contacts (filters as on the page), its agreements.
import type { APIRoute } from 'astro';
import { directoryQuerySchema, exportQuerySchema, queryObject } from '../../../lib/network/query.ts';
import { getDb } from '../../../server/db.ts';
import { agreementsExport, establishmentsExport } from '../../../server/network/exports.ts';
import { staffField } from '../../../server/network/staff-pages.ts';

export const GET: APIRoute = async (context) => {
  const staff = await staffField(context);
  if (staff instanceof Response) return staff;
  const query = queryObject(context.url);
  const { format } = exportQuerySchema.parse(query);
  if (query.table === 'agreements') return agreementsExport(getDb(), staff.field.slug, format);
  return establishmentsExport(getDb(), { ...directoryQuerySchema.parse(query), field: staff.field.slug }, format, true);
};
