// The admin form of each content type: which inputs it has, and how what they send becomes item data.
import { levels } from '../content/schemas/common.ts';
import type { ContentType, ItemAttachment } from '../content/types.ts';
import { formatBuddhistDate, parseBuddhistDate } from '../forms/buddhist-date.ts';
import { getDotted, setDotted } from './dotted-keys.ts';
import { licenceChoice, licenceChoices } from './licences.ts';

export type InputKind = 'text' | 'textarea' | 'lines' | 'number' | 'date' | 'select' | 'multi' | 'units' | 'fields' | 'licence';

export interface InputSpec {
  /** The data key; dotted for nested values (contact.email). */
  name: string;
  kind: InputKind;
  required?: boolean;
  /** Choices of a select or multi input, by value; labels come from `choiceLabel` message keys. */
  choices?: readonly string[];
  /** The message-key prefix for choice labels, e.g. `level.` → `level.vc`. */
  choiceLabel?: string;
}

const fields: InputSpec = { name: 'fields', kind: 'fields', required: true };
const published: InputSpec = { name: 'published', kind: 'date', required: true };
const body: InputSpec = { name: 'body', kind: 'textarea' };

export const itemInputs: Record<ContentType, InputSpec[]> = {
  ebooks: [
    { name: 'titleTh', kind: 'text', required: true },
    { name: 'titleEn', kind: 'text' },
    { name: 'authors', kind: 'lines', required: true },
    { name: 'summary', kind: 'textarea', required: true },
    { name: 'summaryEn', kind: 'textarea' },
    { name: 'levels', kind: 'multi', required: true, choices: levels, choiceLabel: 'level.' },
    { name: 'language', kind: 'select', required: true, choices: ['th', 'en'], choiceLabel: 'language.' },
    { name: 'publisher', kind: 'text', required: true },
    { name: 'year', kind: 'number', required: true },
    { name: 'licence', kind: 'licence', required: true, choices: licenceChoices },
    { name: 'keywords', kind: 'lines' },
    fields,
    published,
    body,
  ],
  curricula: [
    { name: 'nameTh', kind: 'text', required: true },
    { name: 'nameEn', kind: 'text' },
    { name: 'level', kind: 'select', required: true, choices: levels, choiceLabel: 'level.' },
    { name: 'code', kind: 'text', required: true },
    { name: 'year', kind: 'number', required: true },
    { name: 'revisedYear', kind: 'number' },
    { name: 'nqfLevel', kind: 'number', required: true },
    { name: 'credits', kind: 'number' },
    { name: 'hours', kind: 'number' },
    { name: 'units', kind: 'units' },
    fields,
    published,
    body,
  ],
  courses: [
    { name: 'titleTh', kind: 'text', required: true },
    { name: 'titleEn', kind: 'text' },
    { name: 'summary', kind: 'textarea', required: true },
    { name: 'summaryEn', kind: 'textarea' },
    { name: 'kind', kind: 'select', required: true, choices: ['new-skill', 'up-skill', 're-skill'], choiceLabel: 'course.' },
    { name: 'hours', kind: 'number', required: true },
    { name: 'audience', kind: 'multi', required: true, choices: [...levels, 'public'], choiceLabel: 'level.' },
    { name: 'partner', kind: 'text' },
    { name: 'minTrainees', kind: 'number' },
    fields,
    published,
    body,
  ],
  research: [
    { name: 'titleTh', kind: 'text', required: true },
    { name: 'titleEn', kind: 'text' },
    { name: 'authors', kind: 'lines', required: true },
    { name: 'year', kind: 'number', required: true },
    { name: 'institution', kind: 'text', required: true },
    { name: 'summaryEn', kind: 'textarea' },
    { name: 'keywords', kind: 'lines' },
    { name: 'doi', kind: 'text' },
    { name: 'url', kind: 'text' },
    fields,
    published,
    body,
  ],
  experts: [
    { name: 'nameTh', kind: 'text', required: true },
    { name: 'nameEn', kind: 'text' },
    { name: 'titleTh', kind: 'text', required: true },
    { name: 'positionEn', kind: 'text' },
    { name: 'summaryEn', kind: 'textarea' },
    { name: 'organization', kind: 'text', required: true },
    { name: 'organizationType', kind: 'select', required: true, choices: ['college', 'establishment'], choiceLabel: 'organizationType.' },
    { name: 'expertise', kind: 'lines', required: true },
    { name: 'contact.email', kind: 'text' },
    { name: 'contact.phone', kind: 'text' },
    fields,
    published,
    body,
  ],
};

/**
 * Which types take uploaded files, and how: e-books any number, curricula and research one document. An e-book is
 * its file, so one may not be published without any (a draft may wait for it).
 */
export const fileSlot: Partial<Record<ContentType, { key: 'files' | 'document' | 'paper'; multiple: boolean; required?: boolean }>> = {
  ebooks: { key: 'files', multiple: true, required: true },
  curricula: { key: 'document', multiple: false },
  research: { key: 'paper', multiple: false },
};

type Sent = Record<string, string | string[]>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** One unit per line: `code | name | TPQI reference` (the reference may be left out). */
export function parseUnits(text: string): { code: string; nameTh: string; tpqiRef?: string }[] {
  return text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts.some(Boolean))
    .map(([code = '', nameTh = '', tpqiRef = '']) => (tpqiRef ? { code, nameTh, tpqiRef } : { code, nameTh }));
}

export const formatUnits = (units: { code: string; nameTh: string; tpqiRef?: string }[]) =>
  units.map((u) => [u.code, u.nameTh, u.tpqiRef].filter(Boolean).join(' | ')).join('\n');

/** The item data a submitted admin form describes (not yet validated), and its Markdown body. */
export function formToItemData(type: ContentType, sent: Sent, attachments: ItemAttachment[]): { data: Record<string, unknown>; body: string } {
  const data: Record<string, unknown> = {};
  let body = '';
  for (const input of itemInputs[type]) {
    const raw = sent[input.name];
    let value: unknown;
    switch (input.kind) {
      case 'lines':
        value = one(raw).split('\n').map((s) => s.trim()).filter(Boolean);
        break;
      case 'multi':
      case 'fields':
        value = many(raw).filter(Boolean);
        break;
      case 'number': {
        const text = one(raw);
        value = text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text;
        break;
      }
      case 'units':
        value = parseUnits(one(raw));
        break;
      case 'date': {
        // A date that is not one stays text, which the schema refuses (never a guess at what was meant).
        const text = one(raw);
        value = text === '' ? undefined : (parseBuddhistDate(text) ?? text);
        break;
      }
      case 'licence':
        value = (one(raw) === 'other' ? one(sent[`${input.name}Other`]) : one(raw)) || undefined;
        break;
      default:
        value = one(raw) || undefined;
    }
    if (input.name === 'body') {
      body = typeof value === 'string' ? value : '';
      continue;
    }
    if (value === undefined) continue;
    setDotted(data, input.name, value);
  }
  const slot = fileSlot[type];
  if (slot && attachments.length > 0) data[slot.key] = slot.multiple ? attachments : attachments[0]!.path;
  return { data, body };
}

/** The form's values for an existing item, as the inputs show them. */
export function itemDataToForm(type: ContentType, data: Record<string, unknown>, body: string): Sent {
  const sent: Sent = {};
  for (const input of itemInputs[type]) {
    if (input.name === 'body') {
      sent.body = body;
      continue;
    }
    const value = getDotted(data, input.name);
    if (value === undefined || value === null) continue;
    if (input.kind === 'lines') sent[input.name] = (value as string[]).join('\n');
    else if (input.kind === 'multi' || input.kind === 'fields') sent[input.name] = value as string[];
    else if (input.kind === 'units') sent[input.name] = formatUnits(value as { code: string; nameTh: string }[]);
    else if (input.kind === 'date') sent[input.name] = formatBuddhistDate(value instanceof Date ? value : String(value));
    else if (input.kind === 'licence') {
      sent[input.name] = licenceChoice(String(value));
      if (sent[input.name] === 'other') sent[`${input.name}Other`] = String(value);
    }
    else sent[input.name] = String(value);
  }
  return sent;
}
