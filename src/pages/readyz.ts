// Readiness: the database writable, search reachable or reported degraded (JSON, 200 or 503).
import type { APIRoute } from 'astro';
import { readinessResponse } from '../server/ops/health.ts';

export const GET: APIRoute = () => readinessResponse();
