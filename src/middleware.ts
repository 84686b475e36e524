// Every request: cross-site form posts refused, session cookie → Astro.locals.user/session, then the route table
// decides who may see the page; every answer leaves with the security headers. The learning-record endpoints run
// through this same middleware in the site server, before Astro's handler (src/server/http/direct-routes.ts).
import { defineMiddleware } from 'astro:middleware';
import { langFromPath, localePath } from './i18n/index.ts';
import { isCrossSiteFormPost } from './lib/auth/origin.ts';
import { applySecurityHeaders } from './lib/http/security-headers.ts';
import { checkRoute } from './server/auth/authorize.ts';
import { authenticate } from './server/auth/request.ts';
import { progressEndpoint, statementEndpoint } from './server/courses/learner-api.ts';
import { env } from './server/env.ts';
import { registerDirectRoutes } from './server/http/direct-routes.ts';
import { expectedOrigin } from './server/http/proxy.ts';
import { errorFields, logEvent } from './server/ops/log.ts';
import { currentRequest } from './server/ops/process-state.ts';
import { refuseOversizedBody } from './server/request-body.ts';

const production = env.NODE_ENV === 'production';

/** The response with the security headers, copied first when its headers are immutable (Response.redirect). */
function secured(response: Response, signedIn: boolean): Response {
  let out = response;
  try {
    out.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    out = new Response(response.body, response);
  }
  // A page that shows who is looking (the header names them) must not be kept by a shared cache; files keep
  // whatever caching their endpoint chose.
  if (signedIn && out.headers.get('content-type')?.startsWith('text/html')) out.headers.set('Cache-Control', 'private, no-store');
  applySecurityHeaders(out.headers, { production });
  return out;
}

export const onRequest = defineMiddleware(async (context, next) => {
  // A body declared larger than its route takes is refused before any of it is read (src/server/request-body.ts).
  const tooLarge = refuseOversizedBody(context);
  if (tooLarge) return secured(tooLarge, false);
  // Our own check rather than Astro's security.checkOrigin, which cannot exempt OAI-PMH harvesters' POSTs.
  if (isCrossSiteFormPost(context.request, expectedOrigin(context.request, context.url), context.routePattern)) {
    const refused = new Response('คำขอจากเว็บไซต์อื่นถูกปฏิเสธ\nCross-site form submission refused\n', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    return secured(refused, false);
  }
  authenticate(context);
  const request = currentRequest();
  if (request && context.locals.user) request.userId = context.locals.user.id;
  const verdict = checkRoute(context.routePattern, context.locals, context.params.field);
  if (verdict === 'sign-in') {
    const target = context.url.pathname + context.url.search;
    const login = localePath(langFromPath(context.url.pathname), '/login');
    return secured(context.redirect(`${login}?next=${encodeURIComponent(target)}`, 303), false);
  }
  let response: Response;
  try {
    response = verdict === 'forbidden' ? await next('/403') : await next();
  } catch (error) {
    // Logged with the request's id (the access line carries it too); Astro then answers with its 500 page.
    logEvent('error', 'request failed', { method: context.request.method, path: context.url.pathname, ...errorFields(error) });
    throw error;
  }
  return secured(response, context.locals.user !== null);
});

// Posted many times a minute by every learner in a lesson: answered by the site server with this middleware, before
// Astro's handler (decision 021). Registered when the bundle first loads this module, i.e. from the first request on.
registerDirectRoutes(onRequest, { '/api/learn/statements': statementEndpoint, '/api/learn/progress': progressEndpoint });
