// Uploaded files: each written to a temporary file in the uploads folder while its form streams in, checked by size
// and by content on the way, so memory stays flat whatever the size. The files of a form are moved into place and
// recorded only when the whole form is saved, in the transaction that saves the item: a refused file or a failed
// save leaves no file and no row behind.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extensionMatches, sanitizeFileName, sniffFileType } from '../../lib/catalog/file-type.ts';
import { contentTypeFor } from '../../lib/catalog/http-download.ts';
import type { Db } from '../../../db/connection.ts';
import { uploadedFiles } from '../../../db/schema/index.ts';
import { uploadPrefix, uploadsRoot } from './file-store.ts';

/** `unsafe-archive` is found by archive-check.ts where a ZIP-based file is kept for people to unpack. */
export type UploadProblem = 'empty' | 'too-large' | 'unknown-type' | 'type-mismatch' | 'unsafe-archive';

export interface StoredUpload {
  /** The attachment path to put in an item: `uploads/<stored name>`. */
  path: string;
  originalName: string;
  size: number;
  sha256: string;
}

/** An accepted file whose bytes wait in `tempPath` until committed. */
export type AcceptedUpload = StoredUpload & { problem?: undefined; tempPath: string };

/** A file received with a form: accepted, or refused and not kept. */
export type ReceivedUpload = AcceptedUpload | { problem: UploadProblem; originalName: string };

/** The first bytes decide the type, which must be one we take and agree with the name. */
function typeProblem(head: Uint8Array, name: string): UploadProblem | undefined {
  const type = sniffFileType(head);
  if (!type) return 'unknown-type';
  return extensionMatches(type, name) ? undefined : 'type-mismatch';
}

/** Read what is left of a file and drop it: a form's parser waits for each file to be read before it reads on. */
async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/** Write `data` to `tempPath`, checking it as it comes; once a problem is found nothing more is written, but all is read. */
async function writeChecked(data: AsyncIterable<Uint8Array>, name: string, tempPath: string, maxBytes: number): Promise<{ size: number; sha256: string } | UploadProblem> {
  const hash = createHash('sha256');
  let failure: unknown;
  const out = createWriteStream(tempPath, { flags: 'wx' }).on('error', (error) => (failure ??= error));
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  let size = 0;
  let head = new Uint8Array(0);
  let problem: UploadProblem | undefined;
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (problem || failure) continue;
      if (size > maxBytes) {
        problem = 'too-large';
        continue;
      }
      if (head.length < 64) {
        head = new Uint8Array([...head, ...chunk.subarray(0, 64 - head.length)]);
        if (head.length >= 64) problem = typeProblem(head, name);
        if (problem) continue;
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resume) => (out.once('drain', () => resume()), out.once('close', () => resume())));
    }
  } finally {
    out.end();
    await closed;
  }
  if (failure) throw failure;
  if (problem) return problem;
  if (size === 0) return 'empty';
  return (head.length < 64 && typeProblem(head, name)) || { size, sha256: hash.digest('hex') };
}

/** Receive one file of a form as it streams; a refused file is reported with its problem, and nothing of it is kept. */
export async function receiveUpload(data: AsyncIterable<Uint8Array>, fileName: string, options: { maxBytes: number; root?: string }): Promise<ReceivedUpload> {
  const root = options.root ?? uploadsRoot();
  const originalName = sanitizeFileName(fileName);
  const tempPath = join(root, `.incoming-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(root, { recursive: true });
    const written = await writeChecked(data, originalName, tempPath, options.maxBytes);
    if (typeof written === 'string') {
      await rm(tempPath, { force: true });
      return { problem: written, originalName };
    }
    const ext = originalName.includes('.') ? originalName.slice(originalName.lastIndexOf('.')).toLowerCase() : '';
    // Named by content hash plus a random part: never the uploader's name, never a collision.
    const storedName = `${written.sha256.slice(0, 16)}-${randomBytes(4).toString('hex')}${ext}`;
    return { path: uploadPrefix + storedName, originalName, ...written, tempPath };
  } catch (error) {
    await drain(data).catch(() => {});
    await rm(tempPath, { force: true }).catch(() => {});
    throw error;
  }
}

/** Remove what received uploads left in the uploads folder; committed ones have moved, so nothing of them goes. */
export async function discardUploads(uploads: readonly ReceivedUpload[]): Promise<void> {
  await Promise.all(uploads.map((upload) => upload.problem === undefined && rm(upload.tempPath, { force: true })));
}

/** The uploads of a form if all were accepted, else the first problem. */
export function acceptedUploads(uploads: readonly ReceivedUpload[]): AcceptedUpload[] | UploadProblem {
  for (const upload of uploads) if (upload.problem !== undefined) return upload.problem;
  return uploads as AcceptedUpload[];
}

/**
 * Move accepted uploads into place and record them, with `save` (the item that names them) in the same transaction:
 * if any step fails the rows are rolled back and the moved files removed.
 */
export async function commitUploads(
  db: Db,
  accepted: readonly AcceptedUpload[],
  options: { uploadedBy?: number; root?: string },
  save: () => void = () => {},
): Promise<void> {
  const root = options.root ?? uploadsRoot();
  const finalPath = (upload: StoredUpload) => join(root, upload.path.slice(uploadPrefix.length));
  try {
    for (const upload of accepted) await rename(upload.tempPath, finalPath(upload));
    db.transaction((tx) => {
      for (const upload of accepted) {
        const storedName = upload.path.slice(uploadPrefix.length);
        const { originalName, size, sha256 } = upload;
        tx.insert(uploadedFiles).values({ storedName, originalName, contentType: contentTypeFor(originalName), size, sha256, uploadedBy: options.uploadedBy }).run();
      }
      save();
    });
  } catch (error) {
    await Promise.all(accepted.map((upload) => rm(finalPath(upload), { force: true })));
    throw error;
  }
}

/**
 * A file sent with a form that was not saved (a preview, or a save with wrong input), held under an id the form
 * carries in a hidden input, so the person need not choose the file again. Held files wait in `.pending/` beside
 * the uploads (never served: no item names them) and are removed a day after they came.
 */
export interface PendingUpload extends StoredUpload {
  id: string;
  uploadedBy: number;
  receivedAt: number;
}

export const pendingUploadLifetimeMs = 24 * 60 * 60 * 1000;
const pendingIdPattern = /^[0-9a-f]{32}$/;
const pendingRoot = (root: string) => join(root, '.pending');

/** Ids a form sent that have the shape of a pending upload's; anything else is ignored. */
export const pendingUploadIds = (sent: string | string[] | undefined): string[] =>
  [...new Set([sent ?? []].flat().filter((id) => pendingIdPattern.test(id)))];

/** Keep an accepted upload for a later save of the same form, by the same person. */
export async function holdUpload(upload: AcceptedUpload, uploadedBy: number, options: { root?: string; now?: number } = {}): Promise<PendingUpload> {
  const dir = pendingRoot(options.root ?? uploadsRoot());
  const now = options.now ?? Date.now();
  await mkdir(dir, { recursive: true });
  await sweepPendingUploads({ ...options, now });
  const { path, originalName, size, sha256 } = upload;
  const pending: PendingUpload = { id: randomBytes(16).toString('hex'), path, originalName, size, sha256, uploadedBy, receivedAt: now };
  await rename(upload.tempPath, join(dir, pending.id));
  await writeFile(join(dir, `${pending.id}.json`), JSON.stringify(pending));
  return pending;
}

/**
 * The pending uploads of `ids` that this person sent and that have not expired, ready to commit like a form's own
 * files (their bytes wait at `tempPath`); ids of others, unknown or expired, are left out.
 */
export async function pendingUploads(ids: readonly string[], uploadedBy: number, options: { root?: string; now?: number } = {}): Promise<(PendingUpload & AcceptedUpload)[]> {
  const dir = pendingRoot(options.root ?? uploadsRoot());
  const now = options.now ?? Date.now();
  const found = await Promise.all(
    ids.filter((id) => pendingIdPattern.test(id)).map(async (id) => {
      const pending = await readFile(join(dir, `${id}.json`), 'utf8').then((text) => JSON.parse(text) as PendingUpload, () => undefined);
      if (!pending || pending.uploadedBy !== uploadedBy || now - pending.receivedAt > pendingUploadLifetimeMs) return [];
      return [{ ...pending, tempPath: join(dir, id) }];
    }),
  );
  return found.flat();
}

/** Forget pending uploads once committed (their bytes have moved) or no longer wanted. */
export async function releasePendingUploads(ids: readonly string[], options: { root?: string } = {}): Promise<void> {
  const dir = pendingRoot(options.root ?? uploadsRoot());
  await Promise.all(ids.filter((id) => pendingIdPattern.test(id)).flatMap((id) => [rm(join(dir, id), { force: true }), rm(join(dir, `${id}.json`), { force: true })]));
}

/** Remove pending uploads older than a day (files whose form was never saved). */
export async function sweepPendingUploads(options: { root?: string; now?: number } = {}): Promise<void> {
  const dir = pendingRoot(options.root ?? uploadsRoot());
  const now = options.now ?? Date.now();
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = await Promise.all(
    names.map(async (name) => {
      const id = name.replace(/\.json$/, '');
      const info = await stat(join(dir, name)).catch(() => undefined);
      return info && now - info.mtimeMs > pendingUploadLifetimeMs ? [id] : [];
    }),
  );
  await releasePendingUploads([...new Set(stale.flat())], options);
}
