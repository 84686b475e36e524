import type { APIRoute } from 'astro';
import { serveMedia } from '../../server/articles/media.ts';

export const GET: APIRoute = ({ request, params }) => serveMedia(request, params.name);
export const HEAD = GET;
