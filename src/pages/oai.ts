import type { APIRoute } from 'astro';
import { answerOai } from '../server/metadata/oai.ts';

export const GET: APIRoute = ({ request, url }) => answerOai(request, url);
export const POST = GET;
