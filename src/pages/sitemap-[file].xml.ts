import type { APIRoute } from 'astro';
import { sitemapFileResponse } from '../server/metadata/sitemap.ts';

export const GET: APIRoute = ({ params }) => sitemapFileResponse(/^\d{1,6}$/.test(params.file ?? '') ? Number(params.file) : 0);
