// Serving an agreement's signed PDF from the uploads folder, only for the agreement's own field.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../../../db/connection.ts';
import { contentDisposition } from '../../lib/catalog/http-download.ts';
import { uploadPrefix, uploadsRoot } from '../catalog/file-store.ts';
import { findAgreement } from './establishments.ts';

/** The PDF's response, or null when the agreement is not this field's, has no file, or the file is gone. */
export async function agreementFile(db: Db, fieldSlug: string, id: string): Promise<Response | null> {
  if (!/^\d{1,12}$/.test(id)) return null;
  const agreement = findAgreement(db, Number(id));
  if (!agreement || agreement.fieldSlug !== fieldSlug || !agreement.file?.startsWith(uploadPrefix)) return null;
  const path = join(uploadsRoot(), agreement.file.slice(uploadPrefix.length));
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) return null;
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(agreement.fileName ?? 'agreement.pdf', `agreement-${agreement.id}.pdf`),
      'Cache-Control': 'private, no-store',
    },
  });
}
