// What /admin/items calls: create, edit, preview, publish and unpublish catalog items, with file uploads.
import { z } from 'astro/zod';
import type { MessageKey } from '../../i18n/index.ts';
import { fileSlot, formToItemData, itemDataToForm } from '../../lib/catalog/item-form.ts';
import { slugForRow } from '../../lib/catalog/import-rows.ts';
import type { FieldErrors, FormValues } from '../../lib/forms/form-values.ts';
import { slugPattern } from '../../lib/content/schemas/common.ts';
import { isContentType, itemAttachments, schemaFor, type CatalogItem, type ContentType, type ItemAttachment } from '../../lib/content/types.ts';
import { requireRole } from '../auth/authorize.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext, type FormState, type SentFiles } from '../forms.ts';
import { catalog } from './catalog.ts';
import { knownFieldSlugs } from './import.ts';
import { reindexItem } from '../search.ts';
import { saveItems } from './store.ts';
import { archiveFileIsSafe, isZipBasedName } from './archive-check.ts';
import { acceptedUploads, commitUploads, type AcceptedUpload, type UploadProblem } from './uploads.ts';

export const uploadMessages: Record<UploadProblem, MessageKey> = {
  empty: 'admin.items.upload.empty',
  'too-large': 'admin.items.upload.tooLarge',
  'unknown-type': 'admin.items.upload.unknownType',
  'type-mismatch': 'admin.items.upload.mismatch',
  'unsafe-archive': 'admin.items.upload.unsafeArchive',
};

/**
 * The form sends any of its inputs; what they mean is checked by the type's schema in `run`. A typed slug must
 * already be a good one (it becomes a URL and a file-system-safe key), checked before anything is written.
 */
const anyInputs = z.looseObject({
  slug: z.union([z.literal(''), z.string().max(80, 'form.tooLong').regex(slugPattern, 'form.slug.invalid')]).optional(),
});

/** Each zod complaint about item data becomes a message next to its input. */
function itemErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join('.') || 'form';
    const missing = issue.code === 'invalid_type' || (issue.code === 'too_small' && issue.origin === 'array');
    errors[name] ??= missing ? 'form.required' : 'form.invalid';
  }
  return errors;
}

/** A slug no other item of the type has yet, from the one typed or from the English title or code. */
async function freeSlug(type: ContentType, typed: string | undefined, data: Record<string, unknown>): Promise<string> {
  const base = slugForRow({ slug: typed ?? '' }, data, 0);
  const taken = catalog().slugsLike(type, base);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export interface ItemFormPage {
  type: ContentType;
  state: FormState;
  /** The values the form shows: what was sent, else the stored item's. */
  values: FormValues;
  /** Item data to preview, after a preview request that validated. */
  preview?: CatalogItem;
  existing?: CatalogItem;
}

/** Handle the item form of `type` (new when `slug` is undefined). */
export async function adminItemForm(astro: FormContext, type: ContentType, slug?: string): Promise<Response | ItemFormPage | undefined> {
  const admin = requireRole(astro.locals, 'admin');
  const existing = slug ? catalog().find(type, slug, { includeUnpublished: true }) : undefined;
  if (slug && !existing) return undefined;
  const db = getDb();
  let preview: CatalogItem | undefined;

  /** Validate the sent form as item data; kept attachments plus new uploads (stored only on save). */
  const readItem = (values: FormValues, newFiles: ItemAttachment[]) => {
    const keep = new Set([values.keepFile ?? []].flat());
    const kept = existing ? itemAttachments(existing).filter((a) => keep.has(a.path)) : [];
    const { data, body } = formToItemData(type, values, [...kept, ...newFiles]);
    const parsed = schemaFor[type].safeParse(data);
    const errors: FieldErrors = parsed.success ? {} : itemErrors(parsed.error);
    const known = knownFieldSlugs(env.CONTENT_DIR);
    if (Array.isArray(data.fields) && data.fields.some((f) => !known.has(String(f)))) errors.fields = 'form.fields.unknown';
    return { data, body, parsed, errors };
  };

  /** The files sent for the type's file slot, all accepted (waiting to be committed with the item), or what is wrong. */
  const uploads = async (files: SentFiles): Promise<AcceptedUpload[] | MessageKey> => {
    const slot = fileSlot[type];
    const sent = slot ? (files.upload ?? []) : [];
    if (slot && !slot.multiple && sent.length > 1) return 'admin.items.upload.one';
    const accepted = acceptedUploads(sent);
    if (typeof accepted === 'string') return uploadMessages[accepted];
    // People download these and unpack them: a ZIP-based file must be safe to unpack.
    for (const upload of accepted) if (isZipBasedName(upload.originalName) && !(await archiveFileIsSafe(upload.tempPath))) return uploadMessages['unsafe-archive'];
    return accepted;
  };
  const attachment = (upload: AcceptedUpload): ItemAttachment => ({
    path: upload.path,
    label: upload.originalName.replace(/\.[^.]+$/, ''),
    kind: upload.path.endsWith('.pdf') ? 'pdf' : upload.path.endsWith('.epub') ? 'epub' : 'other',
  });

  const state = await handleForm(
    astro,
    {
      // Nothing is saved on preview: the form comes back with what was typed, and the item as it would look.
      preview: formAction(anyInputs, () => reject(200, {})),
      save: formAction(anyInputs, async (input, _astro, files) => {
        const values = input as FormValues;
        const checked = readItem(values, []);
        if (Object.keys(checked.errors).length > 0) return reject(400, { errors: checked.errors, message: { key: 'form.fixErrors' } });
        const added = await uploads(files);
        if (typeof added === 'string') return reject(400, { errors: { upload: added }, message: { key: 'form.fixErrors' } });
        const saved = readItem(values, added.map(attachment));
        const itemSlug = existing?.slug ?? (await freeSlug(type, input.slug, saved.data));
        const status = existing?.status ?? 'published';
        // The files, their rows and the item land together, or none of them does.
        await commitUploads(db, added, { uploadedBy: admin.id }, () =>
          saveItems(db, [{ type, slug: itemSlug, data: saved.data, body: saved.body, status, createdBy: admin.id }]),
        );
        reindexItem({ type, slug: itemSlug, data: saved.parsed.data, body: saved.body, source: 'database', status } as CatalogItem);
        return astro.redirect(`${astro.url.pathname.startsWith('/en/') ? '/en' : ''}/admin/items/${type}/${itemSlug}?done=saved`, 303);
      }),
      ...(existing && {
        publish: formAction(anyInputs, () => setStatus(existing, 'published')),
        unpublish: formAction(anyInputs, () => setStatus(existing, 'unpublished')),
      }),
    },
    { acceptsFiles: true },
  );
  if (state instanceof Response) return state;

  function setStatus(item: CatalogItem, status: 'published' | 'unpublished') {
    // A curated file item is unpublished by storing its data with that status: the row overrides the file.
    saveItems(db, [{ type, slug: item.slug, data: item.data as unknown as Record<string, unknown>, body: item.body, status }]);
    reindexItem({ ...item, status });
    return astro.redirect(`${astro.url.pathname}?done=${status}`, 303);
  }

  if (state.intent === 'preview' && astro.response.status === 200) {
    const checked = readItem(state.values, []);
    if (checked.parsed.success) {
      preview = { type, slug: existing?.slug ?? 'preview', data: checked.parsed.data, body: checked.body, source: 'database', status: 'published' } as CatalogItem;
    } else {
      state.errors = checked.errors;
      state.message = { key: 'form.fixErrors' };
      astro.response.status = 400;
    }
  }
  const values = state.intent ? state.values : existing ? itemDataToForm(type, existing.data as unknown as Record<string, unknown>, existing.body) : {};
  return { type, state, values, preview, existing };
}

/** /admin/items/new?type=…: a new item of the type asked for (e-book when the type is missing or unknown). */
export async function newItemForm(astro: FormContext & { url: URL }): Promise<Response | ItemFormPage> {
  const type = astro.url.searchParams.get('type');
  return (await adminItemForm(astro, isContentType(type) ? type : 'ebooks'))!;
}

/** /admin/items/[type]/[slug]: an existing item, or undefined when the URL names none. */
export async function editItemForm(astro: FormContext & { params: Record<string, string | undefined> }): Promise<Response | ItemFormPage | undefined> {
  const { type, slug } = astro.params;
  if (!isContentType(type) || !slug) return undefined;
  return adminItemForm(astro, type, slug);
}
