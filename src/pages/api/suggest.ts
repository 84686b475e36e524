// Search-as-you-type: a few titles for what has been typed so far, as JSON for the header's suggestion list.
import type { APIRoute } from 'astro';
import { suggestTitles } from '../../server/search-page.ts';

export const GET: APIRoute = async ({ url }) =>
  Response.json(await suggestTitles(url.searchParams.get('q') ?? '', url.searchParams.get('lang') === 'en' ? 'en' : 'th'), {
    headers: { 'Cache-Control': 'public, max-age=60' },
  });
