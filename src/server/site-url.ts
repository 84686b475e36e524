// Every absolute URL the site hands out (emailed links, sitemap, feeds, OAI-PMH, og:url, JSON-LD) starts here:
// SITE_URL when set, else the address the server was configured to listen on. Never a request's Host header,
// which anyone can forge to put their own address into a victim's reset link.
import { env } from './env.ts';

/** A listening address as the host part of a URL: a wildcard bind is reached as localhost, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** The site's public base, without a trailing slash (it may carry a path, e.g. https://example.ac.th/center). */
export const siteBase: string = env.SITE_URL ?? `http://${urlHost(env.HOST)}:${env.PORT}`;

/** The origin browsers show for the site when SITE_URL says so; form posts must come from it. */
export const configuredOrigin: string | undefined = env.SITE_URL ? new URL(env.SITE_URL).origin : undefined;

/** Where people (and OAI-PMH harvesters) write to the center: OAI_ADMIN_EMAIL, else webmaster@ the site's host. */
export const contactEmail: string = env.OAI_ADMIN_EMAIL ?? `webmaster@${new URL(siteBase).hostname}`;

/** The absolute URL of a site path such as `/fields/hotel` (the path may carry a query). */
export function absoluteUrl(path: string): string {
  return siteBase + (path.startsWith('/') ? path : `/${path}`);
}
