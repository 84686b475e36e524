// Whole anonymous pages kept in memory (decision 024): the catalog pages most visitors ask for cost 10–20 ms of
// rendering each, and are the same bytes for every anonymous visitor (the CSP carries hashes, not nonces). An answer
// is kept under the public data's version read when its request began (catalog_meta's version, which every catalog
// write raises, and the listed articles' revisions), so a page is never given out after a save changed it, in this
// process or any other on the file. Kept compressed too (brotli and gzip, made once on libuv's threads), so a hit
// costs neither rendering nor compression. Which requests and answers qualify: src/lib/http/page-cache.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import { listedArticlesStateSql } from '../articles/listed-state.ts';
import { chooseEncoding, perAnswerHeaders, storableAnswer, type Encoding, type HeaderValue } from '../../lib/http/page-cache.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

interface Entry {
  version: string;
  storedAt: number;
  headers: [string, HeaderValue][];
  bodies: Record<Encoding, Buffer>;
  bytes: number;
}

export interface PageCacheOptions {
  /** The public data's version now (publicPagesVersion). */
  version: () => string;
  maxEntries?: number;
  maxBytes?: number;
  /**
   * Age after which a page is rendered again even at the same version (by the first request to see it, the others
   * getting it as it was meanwhile): bounds what no version covers (download counts, dates).
   */
  maxAgeMs?: number;
  /** Longest a request waits for another's render of its page before rendering it itself. */
  waitMs?: number;
}

export interface PageCache {
  /** The data's version, read once per request before anything is rendered. */
  version: () => string;
  /** Answer from the cache when it holds this key at this version; false (nothing written) otherwise. */
  answer: (key: string, version: string, req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * When this key is being rendered for this version by another request: resolves once that render is stored or
   * given up (its handler done and the page compressed; the client's speed does not count; at most `waitMs`), so a
   * burst of visitors missing at once (a cold worker, a save's new version) costs one render, not one each.
   * Undefined when nothing is being rendered.
   */
  rendering: (key: string, version: string) => Promise<void> | undefined;
  /** Watch an answer being written (after the compressor took over res.write) and keep it if it qualifies. */
  capture: (key: string, version: string, res: ServerResponse) => void;
  stats: () => { entries: number; bytes: number };
}

/** Pages larger than this are served as always, never kept. */
const largestPage = 1024 * 1024;

export function createPageCache(options: PageCacheOptions): PageCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  // A Map keeps insertion order: re-inserting on each hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  /** Keys being compressed for a version, so 200 connections missing at once store a page once. */
  const pending = new Set<string>();
  /** Renders under way by key: the first miss renders, the misses after it wait for that one. */
  const renders = new Map<string, { version: string; done: Promise<void> }>();
  const waitMs = options.waitMs ?? 10_000;
  let bytes = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const store = async (key: string, version: string, headers: [string, HeaderValue][], body: Buffer) => {
    const marker = `${version}\n${key}`;
    if (pending.has(marker)) return;
    pending.add(marker);
    try {
      const [br, gz] = await Promise.all([brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }), gzipped(body, { level: 6 })]);
      // A write may have raised the version while this page was compressed: it is stored under the old one and so
      // never given out after the write.
      remove(key);
      const entry: Entry = { version, storedAt: Date.now(), headers, bodies: { identity: body, br, gzip: gz }, bytes: body.length + br.length + gz.length + key.length };
      entries.set(key, entry);
      bytes += entry.bytes;
      while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value!);
    } finally {
      pending.delete(marker);
    }
  };

  return {
    version: options.version,
    rendering(key, version) {
      const render = renders.get(key);
      if (!render || render.version !== version) return undefined;
      return Promise.race([render.done, new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref())]);
    },
    answer(key, version, req, res) {
      const entry = entries.get(key);
      if (!entry) return false;
      if (entry.version !== version) {
        remove(key);
        return false;
      }
      // Past its age the page is rendered again by the first request to see it; until that render is stored, the
      // others get the page as it was (nothing a version covers has changed, only counts and dates may have).
      if (Date.now() - entry.storedAt > maxAgeMs && renders.get(key)?.version !== version) return false;
      entries.delete(key);
      entries.set(key, entry);
      const encoding = chooseEncoding(req.headers['accept-encoding']);
      const body = entry.bodies[encoding];
      for (const [name, value] of entry.headers) if (value !== undefined) res.setHeader(name, value);
      res.setHeader('Vary', 'Accept-Encoding');
      if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', body.length);
      res.writeHead(200);
      res.end(body);
      return true;
    },
    capture(key, version, res) {
      // The first render of a key at a version is the one others wait for; it ends when its page is stored or not.
      let settle = () => {};
      if (renders.get(key)?.version !== version) {
        let finish!: () => void;
        const render = { version, done: new Promise<void>((resolve) => (finish = resolve)) };
        renders.set(key, render);
        settle = () => {
          if (renders.get(key) === render) renders.delete(key);
          finish();
        };
        res.once('close', () => res.writableFinished || settle());
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let complete = true;
      const keep = (chunk: unknown, encoding: unknown) => {
        if (!complete || chunk === undefined || chunk === null || typeof chunk === 'function') return;
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
        if (!buffer || size + buffer.length > largestPage) {
          complete = false;
          chunks.length = 0;
          return;
        }
        chunks.push(buffer);
        size += buffer.length;
      };
      // The handler's own status and headers, taken as it writes them: before the compressor adds its encoding.
      let answered: { status: number; headers: Record<string, HeaderValue> } | undefined;
      const writeHead = res.writeHead;
      res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
        const given = rest.find((arg) => typeof arg === 'object' && arg !== null);
        const headers = { ...this.getHeaders() } as Record<string, HeaderValue>;
        if (Array.isArray(given)) complete = false;
        else if (given) for (const [name, value] of Object.entries(given as Record<string, HeaderValue>)) headers[name.toLowerCase()] = value;
        answered = { status, headers };
        return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
      } as typeof res.writeHead;
      // Stored once the handler has written all of it (a slow client's download does not hold the others up).
      let ended = false;
      const whenEnded = () => {
        if (ended) return;
        ended = true;
        if (!complete || !answered || !storableAnswer(answered.status, answered.headers)) return settle();
        const kept = Object.entries(answered.headers).filter(([name]) => !perAnswerHeaders.has(name));
        void store(key, version, kept, Buffer.concat(chunks))
          .catch(() => undefined)
          .finally(settle);
      };
      const write = res.write;
      const end = res.end;
      res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
        keep(chunk, rest[0]);
        return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof res.write;
      res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
        keep(chunk, rest[0]);
        const result = (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
        whenEnded();
        return result;
      } as typeof res.end;
    },
    stats: () => ({ entries: entries.size, bytes }),
  };
}

/**
 * The version of everything the cached pages show from the database: the catalog store's version (every item write
 * and content sync raises it, decision 010) and the listed articles' revisions (as the search index's key counts
 * them). A connection of its own, read-only: it sees every commit, this process's and other processes'.
 */
export function publicPagesVersion(db: BetterSqlite3.Database): () => string {
  const statement = db
    .prepare(
      `select coalesce((select value from catalog_meta where key = 'version'), '0') || ':' || n || ':' || revisions || ':' || updated
       from (${listedArticlesStateSql})`,
    )
    .pluck();
  return () => String(statement.get());
}
