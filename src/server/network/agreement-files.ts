// Serving an agreement's signed PDF (and other uploaded evidence) from the uploads folder, only for its own field.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../../../db/connection.ts';
import { contentDisposition, contentTypeFor } from '../../lib/catalog/http-download.ts';
import { uploadPrefix, uploadsRoot } from '../catalog/file-store.ts';
import { findAgreement } from './establishments.ts';

/** The PDF's response, or null when the agreement is not this field's, has no file, or the file is gone. */
export async function agreementFile(db: Db, fieldSlug: string, id: string): Promise<Response | null> {
  if (!/^\d{1,12}$/.test(id)) return null;
  const agreement = findAgreement(db, Number(id));
  if (!agreement || agreement.fieldSlug !== fieldSlug) return null;
  return storedUploadResponse(agreement.file, agreement.fileName ?? 'agreement.pdf', `agreement-${agreement.id}.pdf`);
}

/** A file the upload pipeline stored (`upload:` name), sent privately under the name it came with; null when gone. */
export async function storedUploadResponse(file: string | null, fileName: string, fallbackName: string): Promise<Response | null> {
  if (!file?.startsWith(uploadPrefix)) return null;
  const path = join(uploadsRoot(), file.slice(uploadPrefix.length));
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) return null;
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      'Content-Type': contentTypeFor(fileName),
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(fileName, fallbackName),
      'Cache-Control': 'private, no-store',
    },
  });
}
