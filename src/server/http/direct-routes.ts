// Endpoints the site server answers before Astro's handler (decision 021): the learning records a lesson page posts
// again and again. Astro's handler would look for a static file of that name, build its render context, import the
// route's module and run its middleware sequence for every one of them. Here a POST goes through the same middleware
// (src/middleware.ts: body limit, cross-site check, session, route table, security headers) and the same endpoint
// function the Astro route calls, on a request built and an answer written by Astro's own Node helpers.
import type { APIContext, MiddlewareHandler } from 'astro';
import { createRequestFromNodeRequest, getAbortControllerCleanup, writeResponse } from 'astro/app/node';
import { createContext } from 'astro/middleware';
import { defaultLang, locales } from '../../i18n/index.ts';
import { accessFor } from '../../lib/auth/access.ts';
import { registerDirectRoute } from '../ops/process-state.ts';

type Endpoint = (context: APIContext) => Promise<Response>;

/** Have the site server answer POSTs to each path (an Astro route with no parameters) with `middleware` and its endpoint. */
export function registerDirectRoutes(middleware: MiddlewareHandler, routes: Record<string, Endpoint>): void {
  for (const [path, endpoint] of Object.entries(routes)) {
    // The middleware answers a forbidden request by rewriting to the /403 page, which only Astro can render; a route
    // every signed-in person may post to is never forbidden.
    if (accessFor(path) !== 'signed-in') throw new Error(`${path} cannot be answered before Astro: only routes open to every signed-in person can`);
    registerDirectRoute(path, async (req, res) => {
      // A client that leaves mid-body: Astro's adapter drops the error silently, and so does this.
      let reset: unknown;
      req.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET') reset = error;
      });
      const request = createRequestFromNodeRequest(req);
      try {
        const context = createContext({
          request,
          locals: {} as App.Locals,
          clientAddress: req.socket.remoteAddress,
          defaultLocale: defaultLang,
          userDefinedLocales: [...locales],
        });
        context.routePattern = path;
        const response = await middleware(context, (rewrite) => {
          if (rewrite !== undefined) throw new Error(`${path}: the middleware asked to render ${String(rewrite)}, which only Astro can`);
          return endpoint(context);
        });
        if (!response) throw new Error(`${path}: the middleware answered nothing`);
        // What Astro does with the cookies the middleware set (a renewed session, a cleared one).
        for (const cookie of context.cookies.headers()) response.headers.append('Set-Cookie', cookie);
        // Also removes the request's listener on the (keep-alive) socket once the answer is sent.
        await writeResponse(response, res);
      } catch (error) {
        getAbortControllerCleanup(req)?.();
        if (reset !== undefined && error === reset) return;
        throw error;
      }
    });
  }
}
