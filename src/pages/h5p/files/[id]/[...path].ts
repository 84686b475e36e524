// An activity's h5p.json, content and libraries, fetched by the sandboxed player.
import type { APIRoute } from 'astro';
import { activityFileResponse } from '../../../../server/h5p/embed-page.ts';

export const GET: APIRoute = ({ params, request }) => activityFileResponse(params.id, params.path, request.method);
export const HEAD = GET;
