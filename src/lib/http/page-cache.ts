// Which answers the whole-page cache (src/server/http/page-cache.ts) may keep and give to another visitor: anonymous
// GETs of the public catalog pages, answered 200 as HTML with nothing tied to the visitor. Pure rules, no I/O.

/** Public pages that show the same bytes to every anonymous visitor and read only versioned data (decision 024). */
const cacheablePaths = [
  /^\/(en\/)?$/, // home
  /^\/(en\/)?fields\/[a-z0-9-]+$/, // a field
  /^\/(en\/)?library(\/[a-z0-9-]+){0,2}$/, // the library, a type's list, an item
];

export interface CacheableRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The request's key when its answer may come from (or go into) the cache: a GET of a listed page with no cookie and
 * no credentials at all (a visitor with any cookie may be signed in, so is served as always). The key is the path
 * with its query: the language is in the path.
 */
export function pageCacheKey(request: CacheableRequest): string | undefined {
  if (request.method !== 'GET' || !request.url) return undefined;
  if (request.headers.cookie !== undefined || request.headers.authorization !== undefined) return undefined;
  if (request.url.length > 512) return undefined;
  const path = request.url.split('?')[0]!;
  return cacheablePaths.some((pattern) => pattern.test(path)) ? request.url : undefined;
}

export type HeaderValue = string | number | string[] | undefined;

/**
 * Whether an answer may be kept for others: 200, HTML, no cookie set, not marked private or no-store. Headers are
 * Node's (lower-case names).
 */
export function storableAnswer(status: number, headers: Record<string, HeaderValue>): boolean {
  if (status !== 200) return false;
  if (headers['set-cookie'] !== undefined) return false;
  if (!String(headers['content-type'] ?? '').startsWith('text/html')) return false;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity') return false;
  return !/private|no-store/i.test(String(headers['cache-control'] ?? ''));
}

/** Headers that belong to one transfer, not to the page: never stored, set afresh for each answer. */
export const perAnswerHeaders = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'vary', 'date', 'connection', 'keep-alive', 'x-request-id']);

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts, brotli first (its `q=0` refuses one); identity when it names neither. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}
