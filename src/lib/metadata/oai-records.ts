// How catalog items (and articles) appear to OAI-PMH harvesters: identifiers, datestamps, set membership and paged lists.
import { isContentType, itemKey, type CatalogItem, type ContentType } from '../content/types.ts';
import { encodeResumptionToken, type ListArguments, type OaiError } from './oai-request.ts';
import { dayStamp } from './xml.ts';

/** Records per ListIdentifiers or ListRecords answer. */
export const oaiPageSize = 50;

/** `oai:<host>:<type>/<slug>`, the identifier scheme of the OAI identifier guidelines. */
export const oaiIdentifier = (host: string, item: { type: ContentType; slug: string }) => `oai:${host}:${itemKey(item)}`;

/** The type and slug an identifier of this repository names, or undefined when it names nothing here. */
export function parseOaiIdentifier(host: string, identifier: string): { type: ContentType; slug: string } | undefined {
  const prefix = `oai:${host}:`;
  if (!identifier.startsWith(prefix)) return undefined;
  const [type, slug, ...rest] = identifier.slice(prefix.length).split('/');
  return isContentType(type) && slug && rest.length === 0 ? { type, slug } : undefined;
}

/** Only publication is recorded, so an item's datestamp is the day it was published. */
export const oaiDatestamp = (item: CatalogItem) => dayStamp(item.data.published);

/** The sets an item belongs to: each of its fields and its type. */
export const itemSetSpecs = (item: CatalogItem) => [...item.data.fields.map((slug) => `field:${slug}`), `type:${item.type}`];

/** Whether set specs place a record in a set, counting membership of a child set (`field:x`) as membership of its parent (`field`). */
const specsInSet = (specs: readonly string[], set: string) => specs.some((spec) => spec === set || spec.startsWith(`${set}:`));

/** What selecting and ordering a record needs: its key (for a stable order), datestamp and sets. */
export interface RecordFacts {
  key: string;
  datestamp: string;
  setSpecs: string[];
}

/**
 * The records (outside the catalog's SQL store: articles) a list request selects, oldest first so records published
 * later land on later pages.
 */
export function selectRecords<T>(records: T[], list: ListArguments, factsOf: (record: T) => RecordFacts): T[] {
  return records
    .map((record) => ({ record, ...factsOf(record) }))
    .filter((r) => (!list.from || r.datestamp >= list.from) && (!list.until || r.datestamp <= list.until) && (!list.set || specsInSet(r.setSpecs, list.set)))
    .sort((a, b) => (a.datestamp < b.datestamp ? -1 : a.datestamp > b.datestamp ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ record }) => record);
}

export interface ResumptionState {
  /** Empty on the last page of a list that took more than one. */
  token: string;
  completeListSize: number;
  cursor: number;
}

/**
 * The answer for one page of a selected list: `records` are the list's records from `offset` on (at most a page), out
 * of `total`; with the token for the next page, or the error a harvester earns.
 */
export function pageOfRecords<T>(
  records: T[],
  total: number,
  list: ListArguments,
  offset: number,
): { ok: true; records: T[]; resumption?: ResumptionState } | { ok: false; error: OaiError } {
  if (total === 0 && offset === 0) return { ok: false, error: { code: 'noRecordsMatch', message: 'No records match the request.' } };
  if (offset >= total) {
    return { ok: false, error: { code: 'badResumptionToken', message: 'The resumption token points past the end of the list; start the harvest again.' } };
  }
  const next = offset + records.length;
  const more = next < total;
  if (offset === 0 && !more) return { ok: true, records };
  return {
    ok: true,
    records,
    resumption: { token: more ? encodeResumptionToken(list, next) : '', completeListSize: total, cursor: offset },
  };
}
