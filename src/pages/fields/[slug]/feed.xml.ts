import type { APIRoute } from 'astro';
import { fieldFeedResponse } from '../../../server/metadata/feeds.ts';

export const GET: APIRoute = async ({ params, url, rewrite }) => (await fieldFeedResponse(params.slug ?? '', url)) ?? rewrite('/404');
