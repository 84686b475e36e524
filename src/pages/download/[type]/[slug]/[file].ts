import type { APIRoute } from 'astro';
import { serveDownload } from '../../../../server/catalog/serve-download.ts';
import { clientAddress } from '../../../../server/http/proxy.ts';

export const GET: APIRoute = ({ request, params, locals, clientAddress: socketAddress }) =>
  serveDownload(request, params, { userId: locals.user?.id, address: clientAddress(request, socketAddress) });
export const HEAD = GET;
