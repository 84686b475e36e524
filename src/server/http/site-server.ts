// The HTTP server around Astro's built handler: responses compressed (brotli or gzip, as the client accepts), and
// content-hashed assets cached for a year. Astro's own standalone server sends /_astro/* with max-age=0 and
// compresses nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';

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

export function createSiteServer(handler: NodeHandler): Server {
  return createServer((req, res) => {
    if (req.url?.startsWith(hashedAssets)) cacheForever(res);
    compress(req, res, () => void handler(req, res));
  });
}
