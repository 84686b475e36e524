// The network forms' input, each a zod schema whose messages are translation keys shown next to the field.
import { z } from 'astro/zod';
import { emailAddress, optionalText, repeated, requiredText } from '../forms/form-values.ts';
import {
  agreementStatuses,
  establishmentSizes,
  manpowerLevels,
  maxCount,
  maxFiscalYear,
  minFiscalYear,
  tsicPattern,
} from './terms.ts';

/** Field slugs must be among the 101 fields of excellence. */
export const knownField = (fieldSlugs: ReadonlySet<string>) =>
  z.string('form.required').refine((slug) => fieldSlugs.has(slug), 'form.fields.unknown');

/** An admin makes someone (by email) staff of exactly these fields; none takes every right away. */
export const staffGrantSchema = (fieldSlugs: ReadonlySet<string>) =>
  z.object({
    email: emailAddress,
    fields: repeated(knownField(fieldSlugs), 101).transform((slugs) => [...new Set(slugs)]),
  });

const emptyAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const count = (message: 'network.count.invalid') =>
  z.coerce.number(message).int(message).min(0, message).max(maxCount, message);
const fiscalYear = z.coerce.number('network.year.invalid').int('network.year.invalid').min(minFiscalYear, 'network.year.invalid').max(maxFiscalYear, 'network.year.invalid');
const level = z.enum(manpowerLevels, 'network.level.invalid');
const id = z.coerce.number('form.invalid').int('form.invalid').positive('form.invalid').max(Number.MAX_SAFE_INTEGER, 'form.invalid');

/**
 * One demand row, from the web form or a spreadsheet row (same column names): the establishment by its id or
 * registration number; whether it exists and the field is the reporter's is checked against the database.
 */
export const demandRowSchema = z.object({
  establishment: requiredText(20),
  field: requiredText(100),
  level,
  fiscal_year: fiscalYear,
  positions: count('network.count.invalid'),
  competencies: optionalText(1000),
});
export type DemandRowInput = z.output<typeof demandRowSchema>;
export const demandColumns = ['establishment', 'field', 'level', 'fiscal_year', 'positions', 'competencies'] as const;

/** One supply row: the college by its id or Thai name; graduates cannot outnumber the students enrolled. */
export const supplyRowSchema = z
  .object({
    college: requiredText(200),
    field: requiredText(100),
    level,
    fiscal_year: fiscalYear,
    enrolled: count('network.count.invalid'),
    graduates: count('network.count.invalid'),
  })
  .refine((row) => row.graduates <= row.enrolled, { path: ['graduates'], message: 'network.graduates.tooMany' });
export type SupplyRowInput = z.output<typeof supplyRowSchema>;
export const supplyColumns = ['college', 'field', 'level', 'fiscal_year', 'enrolled', 'graduates'] as const;

/** A demand or supply row sent by a web form: checked whole by checkReportRows, like a spreadsheet row. */
export const reportRowFormSchema = z.looseObject({});

/** Staff approve reported rows by id (checkboxes). */
export const approveSchema = z.object({
  kind: z.enum(['demand', 'supply'], 'form.invalid'),
  ids: repeated(id, 500),
});

const isoDate = z.preprocess(
  emptyAsMissing,
  z
    .string('network.date.invalid')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'network.date.invalid')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'network.date.invalid')
    .optional(),
);

/** A new establishment (staff): contact details are optional, the TSIC code and province are not. */
/** The most fields one establishment may be said to hire from. */
export const maxEstablishmentFields = 20;

export const establishmentSchema = (fieldSlugs: ReadonlySet<string>, provinceCodes: ReadonlySet<string>) =>
  z.object({
    nameTh: requiredText(200),
    nameEn: optionalText(200),
    registrationNo: z.preprocess(emptyAsMissing, z.string('form.invalid').trim().regex(/^\d{13}$/, 'network.registrationNo.invalid').optional()),
    tsic: z.string('form.required').trim().regex(tsicPattern, 'network.tsic.invalid'),
    provinceCode: z.string('form.required').refine((code) => provinceCodes.has(code), 'network.province.unknown'),
    size: z.enum(establishmentSizes, 'form.invalid'),
    fields: repeated(knownField(fieldSlugs), maxEstablishmentFields).refine((list) => list.length > 0, 'form.required'),
    contactName: optionalText(200),
    contactEmail: z.preprocess(emptyAsMissing, emailAddress.optional()),
    contactPhone: z.preprocess(emptyAsMissing, z.string('form.invalid').trim().regex(/^[0-9+\-() ]{6,20}$/, 'network.phone.invalid').optional()),
  });

/** Recording an agreement (or a proposed match) between an establishment and a college in the page's field. */
export const agreementSchema = z
  .object({
    establishmentId: id,
    collegeId: id,
    status: z.enum(agreementStatuses, 'form.invalid'),
    startsOn: isoDate,
    endsOn: isoDate,
    scope: optionalText(1000),
    placesLevel: z.preprocess(emptyAsMissing, level.optional()),
    placesYear: z.preprocess(emptyAsMissing, fiscalYear.optional()),
    places: z.preprocess(emptyAsMissing, count('network.count.invalid').optional()),
  })
  .refine((a) => !a.startsOn || !a.endsOn || a.startsOn <= a.endsOn, { path: ['endsOn'], message: 'network.date.order' })
  .refine((a) => (a.places === undefined) === (a.placesLevel === undefined) && (a.places === undefined) === (a.placesYear === undefined), {
    path: ['places'],
    message: 'network.places.incomplete',
  });

/** Moving an agreement on (proposed → MOU → MOA → dual training). */
export const agreementStatusSchema = z.object({ agreementId: id, status: z.enum(agreementStatuses, 'form.invalid') });

/** Staff propose a match from the matching list. */
export const proposeSchema = z.object({ establishmentId: id, collegeId: id });

/** A spreadsheet of demand or supply rows. */
export const uploadSchema = z.object({ kind: z.enum(['demand', 'supply'], 'form.invalid') });

/** A stored demand row's counts (its establishment, field, level and year are its key: delete it and report again). */
export const demandEditSchema = z.object({ positions: count('network.count.invalid'), competencies: optionalText(1000) });

/** A stored supply row's counts. */
export const supplyEditSchema = z
  .object({ enrolled: count('network.count.invalid'), graduates: count('network.count.invalid') })
  .refine((row) => row.graduates <= row.enrolled, { path: ['graduates'], message: 'network.graduates.tooMany' });

/** Deleting needs its box ticked: a plain form asks for confirmation without JavaScript. */
export const deleteSchema = z.object({ confirm: z.literal('1', 'network.delete.confirm') });

/** A field's staff make someone their college's reporter (by email), or take the right away (by user id). */
export const reporterGrantSchema = z.object({ email: emailAddress });
export const reporterRevokeSchema = z.object({ userId: id });
