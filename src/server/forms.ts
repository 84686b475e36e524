// The one form-handling pattern: a route calls handleForm with the page's actions; a GET gets an empty form, a
// POST is read (size-capped), validated by the action's zod schema and run. The action answers with a Response
// (usually a 303 redirect) or a rejection; a rejection, like invalid input, re-renders the form with the values
// typed (passwords excepted), a message next to each wrong field, and a 4xx status.
import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import type { MessageKey } from '../i18n/index.ts';
import { fieldErrors, formValues, valuesToKeep, type FieldErrors, type FormValues } from '../lib/forms/form-values.ts';

export type FormContext = Pick<AstroGlobal, 'request' | 'url' | 'cookies' | 'locals' | 'response' | 'clientAddress' | 'redirect'>;

export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface FormState {
  /** Which of the page's forms was sent (its `intent`), null before any. */
  intent: string | null;
  values: FormValues;
  errors: FieldErrors;
  message: Message | null;
}

export interface FormRejection {
  rejected: true;
  status: number;
  errors?: FieldErrors;
  message?: Message;
  headers?: Record<string, string>;
}

export function reject(status: number, details: Omit<FormRejection, 'rejected' | 'status'>): FormRejection {
  return { rejected: true, status, ...details };
}

/** Files a multipart form sent, by field name; empty file inputs are left out. */
export type SentFiles = Record<string, File[]>;

export interface FormAction<S extends z.ZodType = z.ZodType> {
  schema: S;
  run: (input: z.output<S>, astro: FormContext, files: SentFiles) => Response | FormRejection | Promise<Response | FormRejection>;
}

/** Declares one action with its input typed from the schema. */
export function formAction<S extends z.ZodType>(schema: S, run: FormAction<S>['run']): FormAction {
  return { schema, run } as FormAction;
}

/** Account forms are a few hundred bytes; anything near this is not a person typing. */
export const maxFormBytes = 64 * 1024;

async function readForm(request: Request, maxBytes: number): Promise<{ values: FormValues; files: SentFiles } | 'too-large' | 'malformed'> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return 'too-large';
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of request.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) return 'too-large';
      chunks.push(chunk);
    }
    const body = new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers.get('content-type') ?? '' } });
    const data = await body.formData();
    const files: SentFiles = {};
    for (const [name, entry] of data) if (typeof entry !== 'string' && entry.size > 0) (files[name] ??= []).push(entry);
    return { values: formValues(data), files };
  } catch {
    return 'malformed';
  }
}

export async function handleForm(
  astro: FormContext,
  actions: Record<string, FormAction>,
  /** Forms that upload files raise the cap, up to the upload limit. */
  options: { maxBytes?: number } = {},
): Promise<Response | FormState> {
  const state: FormState = { intent: null, values: {}, errors: {}, message: null };
  if (astro.request.method !== 'POST') return state;

  const fail = (rejection: Omit<FormRejection, 'rejected'>): FormState => {
    astro.response.status = rejection.status;
    for (const [name, value] of Object.entries(rejection.headers ?? {})) astro.response.headers.set(name, value);
    return { ...state, errors: rejection.errors ?? {}, message: rejection.message ?? null };
  };

  const sent = await readForm(astro.request, options.maxBytes ?? maxFormBytes);
  if (sent === 'too-large') return fail({ status: 413, message: { key: 'form.tooLarge' } });
  if (sent === 'malformed') return fail({ status: 400, message: { key: 'form.malformed' } });
  const { values, files } = sent;

  const names = Object.keys(actions);
  const intent = typeof values.intent === 'string' ? values.intent : names.length === 1 ? names[0]! : '';
  const action = Object.hasOwn(actions, intent) ? actions[intent] : undefined;
  if (!action) return fail({ status: 400, message: { key: 'form.malformed' } });
  state.intent = intent;
  state.values = valuesToKeep(values);

  const parsed = action.schema.safeParse(values);
  if (!parsed.success) return fail({ status: 400, errors: fieldErrors(parsed.error), message: { key: 'form.fixErrors' } });
  const result = await action.run(parsed.data, astro, files);
  return result instanceof Response ? result : fail(result);
}
