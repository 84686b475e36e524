// Storing an uploaded file: checked by size while it streams and by content, hashed, renamed into place
// only when whole, so a failed upload leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { extensionMatches, sanitizeFileName, sniffFileType } from '../../lib/catalog/file-type.ts';
import { contentTypeFor } from '../../lib/catalog/http-download.ts';
import type { Db } from '../../../db/connection.ts';
import { uploadedFiles } from '../../../db/schema/index.ts';
import { uploadPrefix, uploadsRoot } from './file-store.ts';

export type UploadProblem = 'empty' | 'too-large' | 'unknown-type' | 'type-mismatch';

export class UploadRejected extends Error {
  readonly problem: UploadProblem;
  constructor(problem: UploadProblem) {
    super(`upload rejected: ${problem}`);
    this.problem = problem;
  }
}

export interface StoredUpload {
  /** The attachment path to put in an item: `uploads/<stored name>`. */
  path: string;
  originalName: string;
  size: number;
  sha256: string;
}

async function writeChecked(file: File, tempPath: string, maxBytes: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = createWriteStream(tempPath, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  let size = 0;
  let head = new Uint8Array(0);
  try {
    for await (const chunk of file.stream()) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new UploadRejected('too-large');
      if (head.length < 64) {
        head = new Uint8Array([...head, ...chunk.subarray(0, 64 - head.length)]);
        if (head.length >= 64 || size === file.size) {
          const type = sniffFileType(head);
          if (!type) throw new UploadRejected('unknown-type');
          if (!extensionMatches(type, file.name)) throw new UploadRejected('type-mismatch');
        }
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    if (size === 0) throw new UploadRejected('empty');
    if (head.length < 64 && !sniffFileType(head)) throw new UploadRejected('unknown-type');
  } finally {
    out.end();
    await closed;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Store one uploaded file and record it; throws UploadRejected with the reason when it is not acceptable. */
export async function storeUpload(
  db: Db,
  file: File,
  options: { maxBytes: number; uploadedBy?: number; root?: string },
): Promise<StoredUpload> {
  if (file.size > options.maxBytes) throw new UploadRejected('too-large');
  const root = options.root ?? uploadsRoot();
  await mkdir(root, { recursive: true });
  const originalName = sanitizeFileName(file.name);
  const tempPath = join(root, `.incoming-${randomBytes(8).toString('hex')}`);
  let finalPath: string | undefined;
  try {
    const { size, sha256 } = await writeChecked(file, tempPath, options.maxBytes);
    const ext = originalName.includes('.') ? originalName.slice(originalName.lastIndexOf('.')).toLowerCase() : '';
    // Named by content hash plus a random part: never the uploader's name, never a collision.
    const storedName = `${sha256.slice(0, 16)}-${randomBytes(4).toString('hex')}${ext}`;
    finalPath = join(root, storedName);
    await rename(tempPath, finalPath);
    db.insert(uploadedFiles)
      .values({ storedName, originalName, contentType: contentTypeFor(originalName), size, sha256, uploadedBy: options.uploadedBy })
      .run();
    return { path: uploadPrefix + storedName, originalName, size, sha256 };
  } catch (error) {
    await rm(tempPath, { force: true });
    if (finalPath) await rm(finalPath, { force: true });
    throw error;
  }
}
