// h5p-standalone's files and the player page's script, served from the project.
import type { APIRoute } from 'astro';
import { playerFile } from '../../../server/h5p/embed-page.ts';

export const GET: APIRoute = ({ params, request }) => playerFile(params.file, request.method);
export const HEAD = GET;
