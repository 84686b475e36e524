// The public establishment directory as CSV or XLSX, filtered as on the page; never with contacts.
import type { APIRoute } from 'astro';
import { directoryQuerySchema, exportQuerySchema, queryObject } from '../../lib/network/query.ts';
import { getDb } from '../../server/db.ts';
import { establishmentsExport } from '../../server/network/exports.ts';

export const GET: APIRoute = ({ url }) => {
  const query = queryObject(url);
  return establishmentsExport(getDb(), directoryQuerySchema.parse(query), exportQuerySchema.parse(query).format, false);
};
