// The HTTP server around Astro's built handler: every request gets an id (X-Request-Id) and one JSON access-log line;
// responses are compressed (brotli or gzip, as the client accepts), and content-hashed assets cached for a year.
// Astro's own standalone server sends /_astro/* with max-age=0 and compresses nothing. The learning-record endpoints
// the bundle registers (src/server/http/direct-routes.ts) are answered here, before Astro's handler (decision 021).
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';
import { pageCacheKey } from '../../lib/http/page-cache.ts';
import { errorFields, logEvent } from '../ops/log.ts';
import { directRouteFor, requestContexts, type RequestContext } from '../ops/process-state.ts';
import type { PageCache } from './page-cache.ts';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Assets whose names carry their content hash: a changed file gets a new name, so caches may keep them forever. */
const hashedAssets = '/_astro/';

function cacheForever(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    name.toLowerCase() === 'cache-control' ? setHeader(name, 'public, max-age=31536000, immutable') : setHeader(name, value);
  setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}

// Downloads are served with byte ranges and their own Content-Length; compressing them would break both (and PDFs,
// EPUBs, videos and images do not shrink anyway).
const compress = compression({
  threshold: 1024,
  filter: (req, res) => !req.url?.startsWith('/download/') && compression.filter(req, res),
}) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** A proxy's request id is kept only when it looks like one: no spaces, quotes or control characters to forge log lines. */
const acceptableRequestId = /^[A-Za-z0-9._:@+=\/-]{1,128}$/;

/** The proxy's id when the proxy is trusted (so a request can be followed across both logs), else a new one. */
export function requestIdFor(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers['x-request-id'];
  if (trustProxy && typeof given === 'string' && acceptableRequestId.test(given)) return given;
  return randomUUID();
}

/** The path without its query: queries may carry tokens (reset and confirmation links) that logs must not keep. */
const loggedPath = (url: string | undefined) => (url ?? '/').split('?')[0];

export function createSiteServer(handler: NodeHandler, options: { trustProxy?: boolean; pageCache?: PageCache } = {}): Server {
  const { pageCache } = options;
  return createServer((req, res) => {
    const started = performance.now();
    let fromCache: true | undefined;
    const context: RequestContext = { requestId: requestIdFor(req, options.trustProxy ?? false) };
    const direct = directRouteFor(req.method, req.url);
    // The pages read the id from the request like any header; a client's own is replaced unless the proxy is trusted.
    req.headers['x-request-id'] = context.requestId;
    res.setHeader('X-Request-Id', context.requestId);
    res.once('close', () => {
      logEvent(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        requestId: context.requestId,
        method: req.method,
        path: loggedPath(req.url),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: context.userId,
        // Answered before Astro's handler, by the same middleware and endpoint.
        direct: direct ? true : undefined,
        cache: fromCache && 'hit',
        // Which of several workers answered (SERVER_WORKERS > 1); absent when one process serves.
        worker: cluster.worker?.id,
        // A client that left before the answer was whole.
        aborted: res.writableFinished ? undefined : true,
      });
    });
    requestContexts.run(context, () => {
      if (req.url?.startsWith(hashedAssets)) cacheForever(res);
      // An anonymous catalog page kept whole (page-cache.ts): its version is read before anything is rendered, so an
      // answer rendered while a save lands is kept under the older version, never given out after the save.
      const key = pageCache && pageCacheKey(req);
      let version: string | undefined;
      try {
        version = key ? pageCache.version() : undefined;
      } catch (error) {
        logEvent('warn', 'page cache: version unreadable; serving without the cache', errorFields(error));
      }
      const fromPageCache = () => key !== undefined && version !== undefined && pageCache!.answer(key, version, req, res) && (fromCache = true);
      const render = () =>
        compress(req, res, () => {
          if (key && version !== undefined) pageCache!.capture(key, version, res);
          Promise.resolve((direct ?? handler)(req, res)).catch((error: unknown) => {
            logEvent('error', 'unhandled error', { requestId: context.requestId, ...errorFields(error) });
            if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
            res.end();
          });
        });
      if (fromPageCache()) return;
      // Another request is rendering this page right now: wait for it rather than render it again.
      const other = key !== undefined && version !== undefined ? pageCache!.rendering(key, version) : undefined;
      if (other) void other.then(() => fromPageCache() || render());
      else render();
    });
  });
}
