// The one form-handling pattern: a route calls handleForm with the page's actions; a GET gets an empty form, a
// POST is read as it streams (size-capped, files straight to disk), validated by the action's zod schema and run.
// The action answers with a Response (usually a 303 redirect) or a rejection; a rejection, like invalid input,
// re-renders the form with the values typed (passwords excepted), a message next to each wrong field, and a 4xx status.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import busboy, { type Busboy } from 'busboy';
import type { MessageKey } from '../i18n/index.ts';
import { fieldErrors, formValues, valuesToKeep, type FieldErrors, type FormValues } from '../lib/forms/form-values.ts';
import { discardUploads, receiveUpload, type ReceivedUpload } from './catalog/uploads.ts';
import { BodyTooLarge, cappedBody, maxFormBytes, maxUploadBytes, maxUploadFormBytes, maxUploadFormFieldBytes } from './request-body.ts';

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

/** Files a multipart form sent, by field name, each received to disk as it streamed; file inputs left empty are left out. */
export type SentFiles = Record<string, ReceivedUpload[]>;

export interface FormAction<S extends z.ZodType = z.ZodType> {
  schema: S;
  run: (input: z.output<S>, astro: FormContext, files: SentFiles) => Response | FormRejection | Promise<Response | FormRejection>;
}

/** Declares one action with its input typed from the schema. */
export function formAction<S extends z.ZodType>(schema: S, run: FormAction<S>['run']): FormAction {
  return { schema, run } as FormAction;
}

export interface FormLimits {
  /** The whole body. */
  maxBytes: number;
  /** The text fields together. */
  maxFieldBytes: number;
  /** Each file, for forms that take files; other forms read and drop any file sent. */
  maxFileBytes?: number;
}

/** More inputs and files than any of our forms has, counting each checkbox ticked. */
const maxFields = 1000;
const maxFiles = 20;

/**
 * Read a urlencoded or multipart body as it streams: text fields kept in memory under their caps, each file written
 * to the uploads folder by receiveUpload. Whatever the outcome, no file received is left behind unless returned.
 */
export async function readForm(request: Request, limits: FormLimits): Promise<{ values: FormValues; files: SentFiles } | 'too-large' | 'malformed'> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      defParamCharset: 'utf8',
      limits: { fieldNameSize: 200, fieldSize: limits.maxFieldBytes, fields: maxFields, files: maxFiles },
    });
  } catch {
    return 'malformed';
  }
  const fields = new FormData();
  let fieldBytes = 0;
  const received: Promise<[string, ReceivedUpload]>[] = [];
  let problem: 'too-large' | 'malformed' | undefined;
  const overLimit = () => (problem ??= 'too-large');
  parser.on('field', (name, value, info) => {
    fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.nameTruncated || info.valueTruncated || fieldBytes > limits.maxFieldBytes) overLimit();
    else fields.append(name, value);
  });
  // Every file part's stream, to end those a broken form leaves open. busboy reports a malformed part header as an
  // error and goes on parsing the chunk, so a file part may begin after the form has failed: such a part is never
  // ended or failed by the parser, and reading it would wait for ever (a request that never gets an answer).
  const fileStreams: Readable[] = [];
  let reading = true;
  parser.on('file', (name, data: Readable, info) => {
    // Its error is seen by whoever reads it; a stream failed before it is read must not be an uncaught error.
    data.on('error', () => {});
    fileStreams.push(data);
    if (!reading || limits.maxFileBytes === undefined || problem || !info.filename) data.resume();
    else received.push(receiveUpload(data, info.filename, { maxBytes: limits.maxFileBytes }).then((upload) => [name, upload]));
  });
  for (const limit of ['fieldsLimit', 'filesLimit', 'partsLimit'] as const) parser.on(limit, overLimit);
  try {
    await pipeline(Readable.from(cappedBody(request, limits.maxBytes)), parser);
  } catch (error) {
    problem ??= error instanceof BodyTooLarge ? 'too-large' : 'malformed';
  }
  reading = false;
  if (problem) for (const stream of fileStreams) if (!stream.readableEnded) stream.destroy(new Error('The form ended before this file did'));
  const settled = await Promise.allSettled(received);
  const files: SentFiles = {};
  for (const result of settled) if (result.status === 'fulfilled') (files[result.value[0]] ??= []).push(result.value[1]);
  const failure = settled.find((result) => result.status === 'rejected');
  if (problem || failure) {
    await discardUploads(Object.values(files).flat());
    if (problem) return problem;
    throw failure!.reason;
  }
  return { values: formValues(fields), files };
}

export async function handleForm(
  astro: FormContext,
  actions: Record<string, FormAction>,
  /**
   * acceptsFiles: forms that take files (their body may be as large as the upload limit, and their files are kept);
   * maxBytes: a text-only form larger than the usual cap (an article's document).
   */
  options: { acceptsFiles?: boolean; maxBytes?: number } = {},
): Promise<Response | FormState> {
  const state: FormState = { intent: null, values: {}, errors: {}, message: null };
  if (astro.request.method !== 'POST') return state;

  const fail = (rejection: Omit<FormRejection, 'rejected'>): FormState => {
    astro.response.status = rejection.status;
    for (const [name, value] of Object.entries(rejection.headers ?? {})) astro.response.headers.set(name, value);
    return { ...state, errors: rejection.errors ?? {}, message: rejection.message ?? null };
  };

  const limits: FormLimits = options.acceptsFiles
    ? { maxBytes: maxUploadFormBytes(), maxFieldBytes: maxUploadFormFieldBytes, maxFileBytes: maxUploadBytes() }
    : { maxBytes: options.maxBytes ?? maxFormBytes, maxFieldBytes: options.maxBytes ?? maxFormBytes };
  const sent = await readForm(astro.request, limits);
  // The rest of a body too large or malformed is left unread, so the connection cannot serve another request.
  const close = { Connection: 'close' };
  if (sent === 'too-large') return fail({ status: 413, message: { key: 'form.tooLarge' }, headers: close });
  if (sent === 'malformed') return fail({ status: 400, message: { key: 'form.malformed' }, headers: close });
  const { values, files } = sent;
  try {
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
  } finally {
    // Files the action committed have moved; any other is removed, whatever the action answered or threw.
    await discardUploads(Object.values(files).flat());
  }
}
