// /manpower's tables (by year, by province) as CSV or XLSX, with the page's filters: aggregates only.
import type { APIRoute } from 'astro';
import { exportQuerySchema, manpowerQuerySchema, queryObject } from '../../lib/network/query.ts';
import { getDb } from '../../server/db.ts';
import { manpowerExport } from '../../server/network/exports.ts';

export const GET: APIRoute = ({ url }) => {
  const query = queryObject(url);
  const table = query.table === 'provinces' ? 'provinces' : 'years';
  return manpowerExport(getDb(), table, manpowerQuerySchema.parse(query), exportQuerySchema.parse(query).format);
};
