// The report's tables as CSV or XLSX, with the page's filters (src/server/reports/exports.ts).
import type { APIRoute } from 'astro';
import { reportExport } from '../../../../server/reports/exports.ts';

export const GET: APIRoute = (context) => reportExport(context);
