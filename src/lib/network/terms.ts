// The CVM network's fixed vocabularies (manual §1.1–1.3), shared by the schema, the forms and the reports.

/** ปวช. (vc), ปวส. (hvc), ทล.บ. (btech), and short competency courses. */
export const manpowerLevels = ['vc', 'hvc', 'btech', 'short'] as const;
export type ManpowerLevel = (typeof manpowerLevels)[number];

/** A college's group in one field, as the manual names them. */
export const collegeGroups = ['cvm-host', 'excellent', 'expert', 'standard'] as const;
export type CollegeGroup = (typeof collegeGroups)[number];

export const ownerships = ['state', 'private'] as const;
export type Ownership = (typeof ownerships)[number];

/** Establishment size by employees (Thai SME definitions): micro < 5, small < 50, medium < 200, large. */
export const establishmentSizes = ['micro', 'small', 'medium', 'large'] as const;
export type EstablishmentSize = (typeof establishmentSizes)[number];

/** An agreement's life: a match staff propose, then MOU, MOA, and dual training running. */
export const agreementStatuses = ['proposed', 'mou', 'moa', 'dual'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** Agreements that make a college an establishment's partner (a proposal does not yet). */
export const partnerStatuses: readonly AgreementStatus[] = ['mou', 'moa', 'dual'];

/** A reported demand or supply row counts only once staff approve it. */
export const reportStatuses = ['reported', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** Thai regions as the first digit of the official province geocode groups them (DOPA). */
export const regions = ['central', 'east', 'northeast', 'north', 'west', 'south'] as const;
export type Region = (typeof regions)[number];

const regionByDigit: Record<string, Region> = {
  '1': 'central',
  '2': 'east',
  '3': 'northeast',
  '4': 'northeast',
  '5': 'north',
  '6': 'north',
  '7': 'west',
  '8': 'south',
  '9': 'south',
};

/** The region of a two-digit province geocode (10 Bangkok … 96 Narathiwat). */
export function regionOf(provinceCode: string): Region {
  const region = regionByDigit[provinceCode.charAt(0)];
  if (!region || !/^\d\d$/.test(provinceCode)) throw new Error(`not a province geocode: "${provinceCode}"`);
  return region;
}

/** Fiscal years in the Buddhist Era, as the center reports them. */
export const minFiscalYear = 2560;
export const maxFiscalYear = 2600;

/** More people than this in one row is a typing mistake, not a report. */
export const maxCount = 100_000;

/** A TSIC 2009 code: a section letter, or 2 to 5 digits (division … subclass). */
export const tsicPattern = /^([A-U]|\d{2,5})$/;
