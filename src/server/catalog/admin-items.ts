// What /admin/items calls: create, edit, preview, publish and unpublish catalog items, with file uploads.
import type { AstroGlobal } from 'astro';
import { z } from 'astro/zod';
import type { MessageKey } from '../../i18n/index.ts';
import { fileSlot, formToItemData, itemDataToForm, itemInputs } from '../../lib/catalog/item-form.ts';
import { getDotted } from '../../lib/catalog/dotted-keys.ts';
import { slugForRow } from '../../lib/catalog/import-rows.ts';
import type { FieldErrors, FormValues } from '../../lib/forms/form-values.ts';
import { slugPattern } from '../../lib/content/schemas/common.ts';
import { isContentType, itemAttachments, schemaFor, type CatalogItem, type ContentType, type ItemAttachment, type ItemStatus } from '../../lib/content/types.ts';
import { curatedFields, curatesAny } from '../../lib/auth/access.ts';
import { requireFieldStaff } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';
import { formAction, handleForm, reject, type FormContext, type FormState, type SentFiles } from '../forms.ts';
import { catalog } from './catalog.ts';
import { knownFieldSlugs } from './import.ts';
import { reindexItem } from '../search.ts';
import { saveItems } from './store.ts';
import { archiveFileIsSafe, isZipBasedName } from './archive-check.ts';
import {
  acceptedUploads,
  commitUploads,
  holdUpload,
  pendingUploadIds,
  pendingUploads,
  releasePendingUploads,
  type AcceptedUpload,
  type PendingUpload,
  type UploadProblem,
} from './uploads.ts';

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

/**
 * Each zod complaint about item data becomes a message next to its input: an empty input asks to fill it in (a choice
 * left empty, to choose one), a date that is not one shows how to write it, anything else is invalid.
 */
function itemErrors(type: ContentType, data: Record<string, unknown>, error: z.ZodError): FieldErrors {
  const kinds = new Map(itemInputs[type].map((input) => [input.name, input.kind]));
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join('.') || 'form';
    const kind = kinds.get(name);
    const value = getDotted(data, name);
    const missing = value === undefined || (Array.isArray(value) && value.length === 0);
    const choice = kind === 'select' || kind === 'multi' || kind === 'fields' || kind === 'licence';
    errors[name] ??= missing ? (choice ? 'form.chooseRequired' : 'form.required') : kind === 'date' ? 'form.dateBE' : 'form.invalid';
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

/**
 * Who curates library items: admins every item, field staff the items filed under one of their fields (the route
 * table lets staff of any field in; the item's fields are judged here).
 */
function itemCurator(locals: App.Locals): SessionUser {
  return requireFieldStaff(locals);
}

/** What a curator may not file an item under: no field of theirs among `fields` (admins: nothing). */
function curatorFieldsError(curator: SessionUser, fields: unknown): 'network.curate.notYourFields' | undefined {
  const list = Array.isArray(fields) ? fields.map(String) : [];
  return curatesAny(curator, list) ? undefined : 'network.curate.notYourFields';
}

/** The fields the item list shows (undefined: every item, for admins). */
export const itemListFields = (locals: App.Locals) => curatedFields(itemCurator(locals));

export interface ItemFormPage {
  type: ContentType;
  state: FormState;
  /** The values the form shows: what was sent, else the stored item's. */
  values: FormValues;
  /** Item data to preview, after a preview request that validated. */
  preview?: CatalogItem;
  existing?: CatalogItem;
  /** Files sent with this form and held for its save (a preview, or a save refused for its input). */
  pending: PendingUpload[];
}

/** Which status a save gives: "save as draft" a draft; "save" publishes a new item or a draft, else keeps the status. */
function savedStatus(intent: 'save' | 'draft', existing: CatalogItem | undefined): ItemStatus {
  if (intent === 'draft') return 'draft';
  return !existing || existing.status === 'draft' ? 'published' : existing.status;
}

type ItemFormContext = FormContext & Pick<AstroGlobal, 'rewrite'>;

/** Handle the item form of `type` (new when `slug` is undefined). */
export async function adminItemForm(astro: ItemFormContext, type: ContentType, slug?: string): Promise<Response | ItemFormPage | undefined> {
  const admin = itemCurator(astro.locals);
  const existing = slug ? catalog().find(type, slug, { includeUnpublished: true }) : undefined;
  if (slug && !existing) return undefined;
  // Staff of other fields only: refused before any form is read, for every intent (save, publish, unpublish).
  if (existing && curatorFieldsError(admin, existing.data.fields)) return astro.rewrite('/403');
  const db = getDb();
  const slot = fileSlot[type];
  let preview: CatalogItem | undefined;
  /** Files this request's form sent, held for a later save unless this one saves them. */
  const held: PendingUpload[] = [];

  /** Validate the sent form as item data, with the kept attachments and `newFiles`. */
  const readItem = (values: FormValues, newFiles: ItemAttachment[], status: ItemStatus = 'published') => {
    const keep = new Set([values.keepFile ?? []].flat());
    const kept = existing ? itemAttachments(existing).filter((a) => keep.has(a.path)) : [];
    // One document: a new file replaces the kept one.
    const { data, body } = formToItemData(type, values, slot?.multiple === false && newFiles.length > 0 ? newFiles : [...kept, ...newFiles]);
    const parsed = schemaFor[type].safeParse(data);
    const errors: FieldErrors = parsed.success ? {} : itemErrors(type, data, parsed.error);
    const known = knownFieldSlugs(env.CONTENT_DIR);
    if (Array.isArray(data.fields) && data.fields.some((f) => !known.has(String(f)))) errors.fields = 'form.fields.unknown';
    if (slot?.required && status === 'published' && kept.length + newFiles.length === 0) errors.upload = 'admin.items.upload.required';
    const notYours = curatorFieldsError(admin, data.fields);
    if (notYours) errors.fields ??= notYours;
    return { data, body, parsed, errors };
  };

  /** Hold the files sent for the type's file slot, or say what is wrong with them (then none is kept). */
  const holdSent = async (files: SentFiles): Promise<MessageKey | undefined> => {
    const sent = slot ? (files.upload ?? []) : [];
    if (slot && !slot.multiple && sent.length > 1) return 'admin.items.upload.one';
    const accepted = acceptedUploads(sent);
    if (typeof accepted === 'string') return uploadMessages[accepted];
    // People download these and unpack them: a ZIP-based file must be safe to unpack.
    for (const upload of accepted) if (isZipBasedName(upload.originalName) && !(await archiveFileIsSafe(upload.tempPath))) return uploadMessages['unsafe-archive'];
    for (const upload of accepted) held.push(await holdUpload(upload, admin.id));
    return undefined;
  };
  /** The held files the form names (this person's, not expired), then those it just sent; one document keeps the newest. */
  const heldFiles = async (values: FormValues) => {
    const named = await pendingUploads([...pendingUploadIds(values.pendingUpload), ...held.map((p) => p.id)], admin.id);
    return slot?.multiple === false ? named.slice(-1) : named;
  };
  const attachment = (upload: AcceptedUpload): ItemAttachment => ({
    path: upload.path,
    label: upload.originalName.replace(/\.[^.]+$/, ''),
    kind: upload.path.endsWith('.pdf') ? 'pdf' : upload.path.endsWith('.epub') ? 'epub' : 'other',
  });
  const uploadRefused = (problem: MessageKey) => reject(400, { errors: { upload: problem }, message: { key: 'form.fixErrors' } });

  const save = (intent: 'save' | 'draft') =>
    formAction(anyInputs, async (input, _astro, files) => {
      const values = input as FormValues;
      const problem = await holdSent(files);
      if (problem) return uploadRefused(problem);
      const status = savedStatus(intent, existing);
      const pending = await heldFiles(values);
      const saved = readItem(values, pending.map(attachment), status);
      if (Object.keys(saved.errors).length > 0) return reject(400, { errors: saved.errors, message: { key: 'form.fixErrors' } });
      const itemSlug = existing?.slug ?? (await freeSlug(type, input.slug, saved.data));
      // The files, their rows and the item land together, or none of them does (and a held file is not held on).
      try {
        await commitUploads(db, pending, { uploadedBy: admin.id }, () =>
          saveItems(db, [{ type, slug: itemSlug, data: saved.data, body: saved.body, status, createdBy: admin.id }]),
        );
      } finally {
        await releasePendingUploads(pending.map((p) => p.id));
      }
      reindexItem({ type, slug: itemSlug, data: saved.parsed.data, body: saved.body, source: 'database', status } as CatalogItem);
      const done = status === 'draft' ? 'draft' : 'saved';
      return astro.redirect(`${astro.url.pathname.startsWith('/en/') ? '/en' : ''}/admin/items/${type}/${itemSlug}?done=${done}`, 303);
    });

  const state = await handleForm(
    astro,
    {
      // Nothing is saved on preview: the form comes back with what was typed and the files held, and the item as it would look.
      preview: formAction(anyInputs, async (_input, _astro, files) => {
        const problem = await holdSent(files);
        return problem ? uploadRefused(problem) : reject(200, {});
      }),
      save: save('save'),
      draft: save('draft'),
      ...(existing && {
        publish: formAction(anyInputs, () => setStatus(existing, 'published')),
        unpublish: formAction(anyInputs, () => setStatus(existing, 'unpublished')),
      }),
    },
    { acceptsFiles: true },
  );
  if (state instanceof Response) return state;

  function setStatus(item: CatalogItem, status: 'published' | 'unpublished') {
    if (status === 'published' && slot?.required && itemAttachments(item).length === 0) {
      return reject(400, { errors: { upload: 'admin.items.upload.required' }, message: { key: 'admin.items.upload.required' } });
    }
    // A curated file item is unpublished by storing its data with that status: the row overrides the file.
    saveItems(db, [{ type, slug: item.slug, data: item.data as unknown as Record<string, unknown>, body: item.body, status }]);
    reindexItem({ ...item, status });
    return astro.redirect(`${astro.url.pathname}?done=${status}`, 303);
  }

  // The files held stay named in the form, so the next preview or save has them.
  const pending = state.intent && state.intent !== 'publish' && state.intent !== 'unpublish' ? await heldFiles(state.values) : [];
  if (state.intent) state.values.pendingUpload = pending.map((p) => p.id);

  if (state.intent === 'preview' && astro.response.status === 200) {
    // A missing file is said on save, not here: a preview shows what there is so far.
    const checked = readItem(state.values, pending.map(attachment), 'draft');
    if (checked.parsed.success) {
      preview = { type, slug: existing?.slug ?? 'preview', data: checked.parsed.data, body: checked.body, source: 'database', status: 'published' } as CatalogItem;
    }
    if (Object.keys(checked.errors).length > 0) {
      state.errors = checked.errors;
      state.message = { key: 'form.fixErrors' };
      astro.response.status = 400;
    }
  }
  const values = state.intent ? state.values : existing ? itemDataToForm(type, existing.data as unknown as Record<string, unknown>, existing.body) : {};
  return { type, state, values, preview, existing, pending };
}

/** /admin/items/new?type=…: a new item of the type asked for (e-book when the type is missing or unknown). */
export async function newItemForm(astro: ItemFormContext): Promise<Response | ItemFormPage> {
  const type = astro.url.searchParams.get('type');
  return (await adminItemForm(astro, isContentType(type) ? type : 'ebooks'))!;
}

/** /admin/items/[type]/[slug]: an existing item, or undefined when the URL names none. */
export async function editItemForm(astro: ItemFormContext & { params: Record<string, string | undefined> }): Promise<Response | ItemFormPage | undefined> {
  const { type, slug } = astro.params;
  if (!isContentType(type) || !slug) return undefined;
  return adminItemForm(astro, type, slug);
}
