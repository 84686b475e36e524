// Where an item's files live on disk: content/<type>/ for curated items, the uploads directory for web uploads.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { attachmentName } from '../../lib/catalog/paths.ts';
import { itemAttachments, type CatalogItem, type ItemAttachment } from '../../lib/content/types.ts';
import { env } from '../env.ts';

/** Attachments of uploaded files are written `uploads/<stored name>`. */
export const uploadPrefix = 'uploads/';

export const uploadsRoot = () => resolve(env.UPLOADS_DIR);

/** The file on disk behind an item's attachment of that name, or undefined when there is none inside the store. */
export function attachmentFile(item: CatalogItem, name: string): { path: string; attachment: ItemAttachment } | undefined {
  const attachment = itemAttachments(item).find((a) => attachmentName(a.path) === name);
  if (!attachment) return undefined;
  const uploaded = attachment.path.startsWith(uploadPrefix);
  const root = uploaded ? uploadsRoot() : resolve(env.CONTENT_DIR, item.type);
  const path = resolve(root, uploaded ? attachment.path.slice(uploadPrefix.length) : attachment.path);
  const inside = relative(root, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return { path, attachment };
}

/** The size in bytes of each of the item's files that is on disk, by attachment path (for download buttons). */
export async function attachmentSizes(item: CatalogItem): Promise<Map<string, number>> {
  const sizes = await Promise.all(
    itemAttachments(item).map(async (attachment) => {
      const file = attachmentFile(item, attachmentName(attachment.path));
      const info = file && (await stat(file.path).catch(() => undefined));
      return info?.isFile() ? [[attachment.path, info.size] as const] : [];
    }),
  );
  return new Map(sizes.flat());
}
