// POST a lesson progress report (JSON): src/server/courses/learner-api.ts.
import type { APIRoute } from 'astro';
import { progressEndpoint } from '../../../server/courses/learner-api.ts';

export const POST: APIRoute = (context) => progressEndpoint(context);
