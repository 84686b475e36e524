// A hand-kept indicator value's evidence file, for the field's staff and admins.
import type { APIRoute } from 'astro';
import { evidenceDownload } from '../../../../../server/reports/pages.ts';

export const GET: APIRoute = (context) => evidenceDownload(context);
