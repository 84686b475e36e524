// The sandboxed player page an activity's iframe loads (src/server/h5p/embed-page.ts).
import type { APIRoute } from 'astro';
import { embedPage } from '../../../server/h5p/embed-page.ts';

export const GET: APIRoute = ({ params, url }) => embedPage(params.id, url.searchParams.get('lang') === 'en' ? 'en' : 'th');
