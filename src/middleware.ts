// Every request: cross-site form posts refused, session cookie → Astro.locals.user/session, then the route table
// decides who may see the page.
import { defineMiddleware } from 'astro:middleware';
import { langFromPath, localePath } from './i18n/index.ts';
import { isCrossSiteFormPost } from './lib/auth/origin.ts';
import { checkRoute } from './server/auth/authorize.ts';
import { authenticate } from './server/auth/request.ts';
import { refuseOversizedBody } from './server/request-body.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  // A body declared larger than its route takes is refused before any of it is read (src/server/request-body.ts).
  const tooLarge = refuseOversizedBody(context);
  if (tooLarge) return tooLarge;
  // Our own check rather than Astro's security.checkOrigin, which cannot exempt OAI-PMH harvesters' POSTs.
  if (isCrossSiteFormPost(context.request, context.url, context.routePattern)) {
    return new Response('คำขอจากเว็บไซต์อื่นถูกปฏิเสธ\nCross-site form submission refused\n', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
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
