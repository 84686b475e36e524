// OAI-PMH 2.0 requests: which verbs take which arguments, date and resumption-token checks, and the error each
// mistake earns (https://www.openarchives.org/OAI/openarchivesprotocol.html §3.6).
import { z } from 'astro/zod';

export const oaiVerbs = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
export type OaiVerb = (typeof oaiVerbs)[number];

export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noMetadataFormats'
  | 'noRecordsMatch';

export interface OaiError {
  code: OaiErrorCode;
  message: string;
}

export const metadataFormats = [
  { prefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
] as const;

/** The arguments of ListIdentifiers and ListRecords, whether given directly or carried in a resumption token. */
export interface ListArguments {
  metadataPrefix: string;
  from?: string;
  until?: string;
  set?: string;
}

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets' }
  | { verb: 'ListIdentifiers' | 'ListRecords'; list: ListArguments; offset: number }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string };

/** `echo` holds the arguments the response's <request> element repeats: none after badVerb or badArgument. */
export type ParsedOaiRequest =
  | { ok: true; request: OaiRequest; echo: Record<string, string> }
  | { ok: false; error: OaiError; echo: Record<string, string> };

const rules: Record<OaiVerb, { required: string[]; optional: string[]; exclusive?: 'resumptionToken' }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

const isVerb = (value: string): value is OaiVerb => (oaiVerbs as readonly string[]).includes(value);

/** A day in the repository's only granularity, `YYYY-MM-DD`, that exists in the calendar. */
export function isOaiDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What is wrong with a set of list arguments, if anything. */
function listArgumentsError(list: ListArguments): OaiError | undefined {
  for (const name of ['from', 'until'] as const) {
    const value = list[name];
    if (value !== undefined && !isOaiDay(value)) {
      return { code: 'badArgument', message: `${name} must be a day as YYYY-MM-DD, the granularity of this repository; "${value}" is not.` };
    }
  }
  if (list.from && list.until && list.from > list.until) return { code: 'badArgument', message: 'from is later than until.' };
  return undefined;
}

const formatError = (prefix: string): OaiError | undefined =>
  metadataFormats.some((f) => f.prefix === prefix)
    ? undefined
    : { code: 'cannotDisseminateFormat', message: `The metadata format "${prefix}" is not offered; oai_dc is.` };

const tokenSchema = z.strictObject({
  o: z.number().int().positive(),
  m: z.string().min(1),
  f: z.string().optional(),
  u: z.string().optional(),
  s: z.string().optional(),
});

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64Url(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** A resumption token carries the original list arguments and where the next page starts, so the server keeps no state. */
export function encodeResumptionToken(list: ListArguments, offset: number): string {
  return toBase64Url(JSON.stringify({ o: offset, m: list.metadataPrefix, f: list.from, u: list.until, s: list.set }));
}

export function decodeResumptionToken(token: string): { list: ListArguments; offset: number } | undefined {
  const json = fromBase64Url(token);
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = tokenSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { o, m, f, u, s } = parsed.data;
  const list: ListArguments = { metadataPrefix: m, ...(f && { from: f }), ...(u && { until: u }), ...(s && { set: s }) };
  if (listArgumentsError(list) || formatError(m)) return undefined;
  return { list, offset: o };
}

/** Checks a request's arguments, given as name–value pairs in the order they came so repeats are seen. */
export function parseOaiRequest(pairs: Iterable<[string, string]>): ParsedOaiRequest {
  const args = [...pairs];
  const reject = (code: OaiErrorCode, message: string, echo: Record<string, string> = {}): ParsedOaiRequest => ({
    ok: false,
    error: { code, message },
    echo,
  });

  const verbs = args.filter(([name]) => name === 'verb').map(([, value]) => value);
  if (verbs.length === 0) return reject('badVerb', 'The request names no verb.');
  if (verbs.length > 1) return reject('badVerb', 'The verb argument is repeated.');
  const verb = verbs[0]!;
  if (!isVerb(verb)) return reject('badVerb', `"${verb}" is not an OAI-PMH verb.`);

  const rule = rules[verb];
  const known = [...rule.required, ...rule.optional, ...(rule.exclusive ? [rule.exclusive] : [])];
  const values = new Map<string, string>();
  for (const [name, value] of args) {
    if (name === 'verb') continue;
    if (!known.includes(name)) return reject('badArgument', `"${name}" is not an argument of ${verb}.`);
    if (values.has(name)) return reject('badArgument', `The argument ${name} is repeated.`);
    if (value === '') return reject('badArgument', `The argument ${name} is empty.`);
    values.set(name, value);
  }
  const echo = { verb, ...Object.fromEntries(values) };
  const ok = (request: OaiRequest): ParsedOaiRequest => ({ ok: true, request, echo });

  const token = rule.exclusive ? values.get(rule.exclusive) : undefined;
  if (token !== undefined) {
    if (values.size > 1) return reject('badArgument', 'resumptionToken is an exclusive argument: it comes alone with the verb.');
    // Every set fits in one ListSets answer, so no token for it was ever handed out.
    const decoded = verb === 'ListSets' ? undefined : decodeResumptionToken(token);
    if (!decoded) return reject('badResumptionToken', 'The resumption token is not one this repository issued, or it is damaged.', echo);
    return ok({ verb: verb as 'ListIdentifiers' | 'ListRecords', ...decoded });
  }

  const missing = rule.required.filter((name) => !values.has(name));
  if (missing.length > 0) return reject('badArgument', `${verb} needs the argument ${missing.join(' and ')}.`);

  switch (verb) {
    case 'Identify':
    case 'ListSets':
      return ok({ verb });
    case 'ListMetadataFormats':
      return ok({ verb, identifier: values.get('identifier') });
    case 'GetRecord': {
      const metadataPrefix = values.get('metadataPrefix')!;
      const error = formatError(metadataPrefix);
      return error ? reject(error.code, error.message, echo) : ok({ verb, identifier: values.get('identifier')!, metadataPrefix });
    }
    case 'ListIdentifiers':
    case 'ListRecords': {
      const list: ListArguments = { metadataPrefix: values.get('metadataPrefix')! };
      for (const name of ['from', 'until', 'set'] as const) {
        const value = values.get(name);
        if (value !== undefined) list[name] = value;
      }
      const badArgument = listArgumentsError(list);
      if (badArgument) return reject(badArgument.code, badArgument.message);
      const error = formatError(list.metadataPrefix);
      return error ? reject(error.code, error.message, echo) : ok({ verb, list, offset: 0 });
    }
  }
}
