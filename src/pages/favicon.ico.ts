// The icon browsers ask for at /favicon.ico, from the one in src/assets (the site has no public/ folder).
import type { APIRoute } from 'astro';
import icon from '../assets/favicon.ico?inline';

const bytes = Buffer.from(icon.slice(icon.indexOf(',') + 1), 'base64');

export const GET: APIRoute = () =>
  new Response(bytes, { headers: { 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=604800' } });
