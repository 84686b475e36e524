import type { APIRoute } from 'astro';
import { robotsResponse } from '../server/metadata/sitemap.ts';

export const GET: APIRoute = () => robotsResponse();
