import type { APIRoute } from 'astro';
import icon from '../assets/favicon.svg?raw';

export const GET: APIRoute = () =>
  new Response(icon, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=604800' } });
