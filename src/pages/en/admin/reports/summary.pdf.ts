// The field's fiscal-year summary as a printable A4 PDF in Thai.
import type { APIRoute } from 'astro';
import { summaryDownload } from '../../../../server/reports/pages.ts';

export const GET: APIRoute = (context) => summaryDownload(context);
