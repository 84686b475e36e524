// The licences an admin picks an item's from; any other is typed. Stored as written here (JSON-LD `license` too).
import type { Lang } from '../../i18n/index.ts';

export const allRightsReserved = 'All rights reserved';

export const licenceChoices = ['CC BY 4.0', 'CC BY-SA 4.0', 'CC BY-NC 4.0', 'CC BY-NC-SA 4.0', 'CC0 1.0', allRightsReserved] as const;

/** The choice a stored licence falls under: one of the list, or `other` (with the text typed). */
export const licenceChoice = (licence: string): string => ((licenceChoices as readonly string[]).includes(licence) ? licence : 'other');

/** A licence as readers see it: "All rights reserved" in Thai on Thai pages, the rest as stored. */
export const licenceLabel = (licence: string, lang: Lang): string => (licence === allRightsReserved && lang === 'th' ? 'สงวนลิขสิทธิ์' : licence);
