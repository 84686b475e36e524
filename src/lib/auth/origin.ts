// Cross-site form posts are refused (CSRF): a form-like POST must carry an Origin header naming this site.
// Routes that change nothing and are meant for other sites' machines (OAI-PMH harvesters) are exempt.

/** Routes any site may post to: they read only, and take no cookies into account. */
export const crossSitePostRoutes: readonly string[] = ['/oai'];

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a request must be refused as a cross-site form post. `siteOrigin` is the origin the site's own pages
 * are served from as the browser sees it (behind a proxy, not the app's own http://… origin).
 */
export function isCrossSiteFormPost(request: { method: string; headers: Headers }, siteOrigin: string, routePattern: string): boolean {
  if (!unsafeMethods.has(request.method.toUpperCase())) return false;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // A browser sends any of these cross-site without asking first; other types need a CORS preflight it would fail.
  if (type !== '' && !formTypes.includes(type)) return false;
  if (crossSitePostRoutes.includes(routePattern)) return false;
  return request.headers.get('origin') !== siteOrigin;
}
