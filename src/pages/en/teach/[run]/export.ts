// The run's learners as CSV or XLSX for its instructors (and admins).
import type { APIRoute } from 'astro';
import { runLearnersExport } from '../../../../server/reports/exports.ts';

export const GET: APIRoute = (context) => runLearnersExport(context);
