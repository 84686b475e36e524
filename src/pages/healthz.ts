// Liveness: the process answers. Public and outside the route table; kept out of the sitemap and robots.txt.
import type { APIRoute } from 'astro';
import { livenessResponse } from '../server/ops/health.ts';

export const GET: APIRoute = () => livenessResponse();
