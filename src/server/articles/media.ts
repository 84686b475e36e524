// Images and MP4 videos an editor uploads into a document: checked by size and content like every upload, stored
// under content-hash names, and served from /media/<name> (immutable, so cached for a year).
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { uploadedFiles } from '../../../db/schema/index.ts';
import { contentTypeFor } from '../../lib/catalog/http-download.ts';
import { mediaPrefix } from '../../lib/rich-text/schema.ts';
import { serveFile } from '../catalog/serve-download.ts';
import { uploadPrefix, uploadsRoot } from '../catalog/file-store.ts';
import { acceptedUploads, commitUploads, discardUploads, type UploadProblem } from '../catalog/uploads.ts';
import { getDb } from '../db.ts';
import { readForm } from '../forms.ts';
import { maxUploadBytes, maxUploadFormFieldBytes } from '../request-body.ts';

/** Images larger than this are refused: the editor scales photos down to 1600 pixels wide before sending them. */
export const maxImageBytes = 8 * 1024 * 1024;
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/webp']);
const mediaTypes = new Set([...imageTypes, 'video/mp4']);

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

const problems: Record<UploadProblem | 'missing' | 'malformed' | 'image-too-large' | 'no-course' | 'not-course-staff', { th: string; en: string }> = {
  missing: { th: 'ไม่พบไฟล์ที่ส่งมา', en: 'No file was sent.' },
  malformed: { th: 'อ่านข้อมูลที่ส่งมาไม่ได้', en: 'The upload could not be read.' },
  empty: { th: 'ไฟล์ว่างเปล่า', en: 'The file is empty.' },
  'too-large': { th: 'ไฟล์มีขนาดใหญ่เกินกำหนด', en: 'The file is too large.' },
  'image-too-large': { th: `รูปภาพต้องมีขนาดไม่เกิน ${maxImageBytes / 1024 / 1024} MB`, en: `Images may be at most ${maxImageBytes / 1024 / 1024} MB.` },
  'unknown-type': { th: 'รับเฉพาะรูปภาพ PNG, JPEG, WebP หรือวิดีโอ MP4', en: 'Only PNG, JPEG or WebP images and MP4 videos are accepted.' },
  'type-mismatch': { th: 'นามสกุลไฟล์ไม่ตรงกับเนื้อหาของไฟล์', en: 'The file name\'s extension does not match its content.' },
  'unsafe-archive': { th: 'รับเฉพาะรูปภาพ PNG, JPEG, WebP หรือวิดีโอ MP4', en: 'Only PNG, JPEG or WebP images and MP4 videos are accepted.' },
  'no-course': { th: 'ไม่พบหลักสูตรนี้', en: 'There is no such course.' },
  'not-course-staff': {
    th: 'อัปโหลดไฟล์ให้บทเรียนได้เฉพาะผู้ดูแลระบบและเจ้าหน้าที่ของสาขาวิชาของหลักสูตรนี้',
    en: "Only admins and staff of this course's fields may upload files for its lessons.",
  },
};
/** A refusal with its reason in Thai and English, for the editor to show beside the picture it could not insert. */
export const refuseMedia = (status: number, problem: keyof typeof problems) => answer(status, { error: problem, message: problems[problem] });

/** POST /api/editor/media: one file in field `file`; answers `{ src, type }` for the editor to insert. */
export async function receiveEditorMedia(request: Request, userId: number): Promise<Response> {
  const sent = await readForm(request, { maxBytes: maxUploadBytes() + maxUploadFormFieldBytes, maxFieldBytes: 4096, maxFileBytes: maxUploadBytes() });
  if (sent === 'too-large') return refuseMedia(413, 'too-large');
  if (sent === 'malformed') return refuseMedia(400, 'malformed');
  const received = Object.values(sent.files).flat();
  try {
    if (received.length !== 1) return refuseMedia(400, 'missing');
    const accepted = acceptedUploads(received);
    if (typeof accepted === 'string') return refuseMedia(accepted === 'too-large' ? 413 : 400, accepted);
    const upload = accepted[0]!;
    const type = contentTypeFor(upload.originalName);
    // The upload's content was sniffed and agrees with its extension; a document takes pictures and MP4s only, not
    // the PDFs and Office files an item may carry.
    if (!mediaTypes.has(type)) return refuseMedia(400, 'unknown-type');
    if (imageTypes.has(type) && upload.size > maxImageBytes) return refuseMedia(413, 'image-too-large');
    await commitUploads(getDb(), [upload], { uploadedBy: userId });
    return answer(201, { src: mediaPrefix + upload.path.slice(uploadPrefix.length), type: imageTypes.has(type) ? 'image' : 'video' });
  } finally {
    await discardUploads(received);
  }
}

/** GET /media/<name>: an uploaded image or video, by its content-hash name. */
export async function serveMedia(request: Request, name: string | undefined): Promise<Response> {
  const row = name && /^[a-f0-9]{16}-[a-f0-9]{8}\.(png|jpe?g|webp|mp4)$/.test(name)
    ? getDb().select().from(uploadedFiles).where(eq(uploadedFiles.storedName, name)).get()
    : undefined;
  if (!row || !mediaTypes.has(row.contentType)) {
    return new Response('ไม่พบไฟล์ที่ต้องการ\nFile not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return serveFile(request, join(uploadsRoot(), row.storedName), { 'Content-Type': row.contentType, 'Cache-Control': 'public, max-age=31536000, immutable' });
}
