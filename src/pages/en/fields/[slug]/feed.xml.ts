import type { APIRoute } from 'astro';
import { fieldFeedResponse } from '../../../../server/metadata/feeds.ts';

export const GET: APIRoute = async ({ params, rewrite }) => (await fieldFeedResponse(params.slug ?? '', 'en')) ?? rewrite('/404');
