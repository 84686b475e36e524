// Where the site is reached from outside: SITE_URL when set (behind a proxy), else the request's own origin.
import { env } from '../env.ts';

/** The absolute base every URL handed to crawlers, feed readers and harvesters starts with, without a trailing slash. */
export const publicBase = (requestUrl: URL) => env.SITE_URL ?? requestUrl.origin;

export function xmlResponse(body: string, contentType: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': `${contentType}; charset=utf-8` } });
}
