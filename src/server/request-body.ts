// Every request body has a cap, by route: a body that says it is larger is refused before a byte of it is read, and
// one that grows past the cap while it streams (chunked) is read no further. Both answer 413.
import { maxStateLength } from '../lib/h5p/messages.ts';
import { env } from './env.ts';

/** Account and admin forms are a few hundred bytes; anything near this is not a person typing. */
export const maxFormBytes = 64 * 1024;

/** OAI-PMH arguments (a verb, a prefix, dates, a set, an identifier or a resumption token) fit in a few hundred bytes. */
export const maxOaiBytes = 8 * 1024;

/** The text fields of a form that also carries files (an item's description in Markdown can be long). */
export const maxUploadFormFieldBytes = 1024 * 1024;

/** The largest file an admin may upload (UPLOAD_MAX_MB). */
export const maxUploadBytes = () => env.UPLOAD_MAX_MB * 1024 * 1024;

/** A form with files: the files, up to the upload limit together, and its text fields. */
export const maxUploadFormBytes = () => maxUploadBytes() + maxUploadFormFieldBytes;

/** An article's form (multipart, Thai at three bytes a character): a document of the largest size and the rest. */
export const maxArticleFormBytes = 2 * 1024 * 1024;

/** An H5P activity's saved state (at most maxStateLength characters, Thai at three bytes, JSON-escaped) in its envelope. */
export const maxStateBodyBytes = 4 * maxStateLength + 1024;

/** A request of statements (maxStatementsPerRequest of them; an H5P statement with its context is a few KiB at most). */
export const maxStatementsBodyBytes = 256 * 1024;

/** Routes that take more than a plain form, by Astro route pattern; every other route takes `maxFormBytes`. */
const routeLimits: Record<string, () => number> = {
  '/oai': () => maxOaiBytes,
  '/api/learn/state': () => maxStateBodyBytes,
  '/api/learn/statements': () => maxStatementsBodyBytes,
  '/admin/items/new': maxUploadFormBytes,
  '/admin/items/[type]/[slug]': maxUploadFormBytes,
  '/en/admin/items/new': maxUploadFormBytes,
  '/en/admin/items/[type]/[slug]': maxUploadFormBytes,
  '/admin/h5p': maxUploadFormBytes,
  '/en/admin/h5p': maxUploadFormBytes,
  '/api/editor/media': maxUploadFormBytes,
  '/staff/courses/[course]/media': maxUploadFormBytes,
  '/account/articles/new': () => maxArticleFormBytes,
  '/account/articles/[id]': () => maxArticleFormBytes,
  '/en/account/articles/new': () => maxArticleFormBytes,
  '/en/account/articles/[id]': () => maxArticleFormBytes,
  // A course lesson written in the rich-text editor: as large as an article.
  '/staff/courses/[course]/lessons/[lesson]': () => maxArticleFormBytes,
  '/en/staff/courses/[course]/lessons/[lesson]': () => maxArticleFormBytes,
  // CVM network: a demand or supply spreadsheet, and an agreement's signed PDF.
  '/staff/[field]': maxUploadFormBytes,
  '/en/staff/[field]': maxUploadFormBytes,
  '/staff/[field]/agreements': maxUploadFormBytes,
  '/en/staff/[field]/agreements': maxUploadFormBytes,
};

export function maxBodyBytes(routePattern: string): number {
  return Object.hasOwn(routeLimits, routePattern) ? routeLimits[routePattern]!() : maxFormBytes;
}

export class BodyTooLarge extends Error {
  constructor(maxBytes: number) {
    super(`request body larger than ${maxBytes} bytes`);
  }
}

/** The 413 answer where no page renders one; the connection is closed, so the rest of the body is never read. */
export function bodyTooLarge(): Response {
  return new Response('ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป\nRequest body too large\n', {
    status: 413,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' },
  });
}

/** For the middleware: a 413 when the request declares a body larger than its route takes, else undefined. */
export function refuseOversizedBody(context: { request: Request; routePattern: string }): Response | undefined {
  const declared = context.request.headers.get('content-length');
  return declared !== null && Number(declared) > maxBodyBytes(context.routePattern) ? bodyTooLarge() : undefined;
}

/**
 * The request's body chunk by chunk, throwing BodyTooLarge once more than `maxBytes` arrived (or were declared).
 * Stopping early leaves the rest unread without cancelling the body: cancelling would reset the connection before
 * the 413 could be sent.
 */
export async function* cappedBody(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!request.body) return;
  let size = 0;
  for await (const chunk of request.body.values({ preventCancel: true })) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyTooLarge(maxBytes);
    yield chunk;
  }
}

/** The whole body of a small request (OAI-PMH arguments), at most `maxBytes`, as text. */
export async function readCappedText(request: Request, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of cappedBody(request, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
