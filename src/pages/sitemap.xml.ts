import type { APIRoute } from 'astro';
import { sitemapResponse } from '../server/metadata/sitemap.ts';

export const GET: APIRoute = () => sitemapResponse();
