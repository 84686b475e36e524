// Every request: session cookie → Astro.locals.user/session, then the route table decides who may see the page.
// (Astro's own origin check, security.checkOrigin, has already refused cross-site form posts.)
import { defineMiddleware } from 'astro:middleware';
import { langFromPath, localePath } from './i18n/index.ts';
import { checkRoute } from './server/auth/authorize.ts';
import { authenticate } from './server/auth/request.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  authenticate(context);
  const verdict = checkRoute(context.routePattern, context.locals);
  if (verdict === 'sign-in') {
    const target = context.url.pathname + context.url.search;
    const login = localePath(langFromPath(context.url.pathname), '/login');
    return context.redirect(`${login}?next=${encodeURIComponent(target)}`, 303);
  }
  const response = verdict === 'forbidden' ? await next('/403') : await next();
  try {
    // A page that shows who is looking (the header names them) must not be kept by a shared cache; files keep
    // whatever caching their endpoint chose. No page is framed by another site.
    const isPage = response.headers.get('content-type')?.startsWith('text/html');
    if (context.locals.user && isPage) response.headers.set('Cache-Control', 'private, no-store');
    response.headers.set('X-Frame-Options', 'SAMEORIGIN');
  } catch {
    // Immutable headers (a Response.redirect from an endpoint): nothing to protect in a redirect.
  }
  return response;
});
