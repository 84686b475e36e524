// /learn/<course>: resume the course where the learner stopped.
import type { APIRoute } from 'astro';
import { resumeRoute } from '../../../server/courses/learn-routes.ts';

export const GET: APIRoute = (context) => resumeRoute(context);
