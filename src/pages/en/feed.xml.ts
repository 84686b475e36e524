import type { APIRoute } from 'astro';
import { siteFeedResponse } from '../../server/metadata/feeds.ts';

export const GET: APIRoute = () => siteFeedResponse('en');
