// GET/HEAD of an item's file: streamed, resumable (206), cacheable (ETag), named in Thai, and counted.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentDisposition, contentTypeFor, isSafeFileName, parseRange } from '../../lib/catalog/http-download.ts';
import { itemAttachments, itemKey } from '../../lib/content/types.ts';
import { findPublishedItem } from './catalog.ts';
import { recordDownload, type Downloader } from './downloads.ts';
import { attachmentFile } from './file-store.ts';

const text = (status: number, th: string, en: string) =>
  new Response(`${th}\n${en}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

const notFound = () => text(404, 'ไม่พบไฟล์ที่ต้องการ', 'File not found');

export async function serveDownload(
  request: Request,
  params: { type?: string; slug?: string; file?: string },
  who: Downloader,
): Promise<Response> {
  const name = params.file ?? '';
  if (!isSafeFileName(name)) return text(400, 'ชื่อไฟล์ไม่ถูกต้อง', 'Invalid file name');
  const item = findPublishedItem(params.type, params.slug);
  if (!item) return notFound();
  const file = attachmentFile(item, name);
  if (!file) return notFound();
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  // Clients without RFC 5987 get the item's slug (its second file slug-2 and so on), never the stored hash name.
  const position = itemAttachments(item).findIndex((a) => a.path === file.attachment.path);
  const asciiName = `${item.slug}${position > 0 ? `-${position + 1}` : ''}${extension}`;
  return serveFile(request, file.path, {
    'Content-Type': contentTypeFor(name),
    'Content-Disposition': contentDisposition(file.attachment.label + extension, asciiName),
    'Cache-Control': 'private, max-age=3600',
  }, () => recordDownload(itemKey(item), name, who));
}

/**
 * A file on disk answered with `headers`, an ETag and byte ranges (206, If-Range, 416). `onFullStart` runs for a
 * GET that starts at the first byte, the answer that counts as a download.
 */
export async function serveFile(request: Request, path: string, headersFor: Record<string, string>, onFullStart: () => void = () => {}): Promise<Response> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return notFound();

  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = new Headers({
    ...headersFor,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });

  // A stale If-Range means the file changed since the client's first part: send it whole.
  const ifRange = request.headers.get('If-Range');
  const range = parseRange(ifRange && ifRange !== etag ? null : request.headers.get('Range'), info.size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${info.size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, info.size - 1];
  headers.set('Content-Length', String(info.size === 0 ? 0 : end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${info.size}`);
  const status = range.kind === 'partial' ? 206 : 200;

  if (request.method === 'HEAD') return new Response(null, { status, headers });
  // A resumed download is the same download: count only a response that starts at the first byte, and only the
  // first of the day per person or address (repeats and probing range requests are not more downloads).
  if (start === 0) onFullStart();
  const body = info.size === 0 ? null : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream);
  return new Response(body, { status, headers });
}
