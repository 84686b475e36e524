import type { APIRoute } from 'astro';
import { serveDownload } from '../../../../server/catalog/serve-download.ts';

export const GET: APIRoute = ({ request, params, locals }) => serveDownload(request, params, locals.user?.id);
export const HEAD = GET;
