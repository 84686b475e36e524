// POST a picture or video for a lesson of the course (the lesson editor's uploads): src/server/courses/lesson-editing.ts.
import type { APIRoute } from 'astro';
import { lessonMediaEndpoint } from '../../../../server/courses/lesson-editing.ts';

export const POST: APIRoute = (context) => lessonMediaEndpoint(context);
