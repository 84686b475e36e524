// POST an xAPI statement from an H5P activity (JSON): src/server/courses/learner-api.ts.
import type { APIRoute } from 'astro';
import { statementEndpoint } from '../../../server/courses/learner-api.ts';

export const POST: APIRoute = (context) => statementEndpoint(context);
