// GET/HEAD of an item's file: streamed, resumable (206), cacheable (ETag), named in Thai, and counted.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentDisposition, contentTypeFor, isSafeFileName, parseRange } from '../../lib/catalog/http-download.ts';
import { itemKey } from '../../lib/content/types.ts';
import { findPublishedItem } from './catalog.ts';
import { recordDownload } from './downloads.ts';
import { attachmentFile } from './file-store.ts';

const text = (status: number, th: string, en: string) =>
  new Response(`${th}\n${en}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

const notFound = () => text(404, 'ไม่พบไฟล์ที่ต้องการ', 'File not found');

export async function serveDownload(
  request: Request,
  params: { type?: string; slug?: string; file?: string },
  userId: number | undefined,
): Promise<Response> {
  const name = params.file ?? '';
  if (!isSafeFileName(name)) return text(400, 'ชื่อไฟล์ไม่ถูกต้อง', 'Invalid file name');
  const item = findPublishedItem(params.type, params.slug);
  if (!item) return notFound();
  const file = attachmentFile(item, name);
  if (!file) return notFound();
  const info = await stat(file.path).catch(() => undefined);
  if (!info?.isFile()) return notFound();

  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  const headers = new Headers({
    'Content-Type': contentTypeFor(name),
    'Content-Disposition': contentDisposition(file.attachment.label + extension, name),
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'Cache-Control': 'private, max-age=3600',
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
  // A resumed download is the same download: count only the part that starts at the first byte.
  if (start === 0) recordDownload(itemKey(item), name, userId);
  const body = info.size === 0 ? null : (Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream);
  return new Response(body, { status, headers });
}
