// POST an H5P activity's state (JSON) for the signed-in learner: src/server/courses/learner-api.ts.
import type { APIRoute } from 'astro';
import { stateEndpoint } from '../../../server/courses/learner-api.ts';

export const POST: APIRoute = (context) => stateEndpoint(context);
