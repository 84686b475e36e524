// Items as simple Dublin Core (oai_dc), the one format every OAI-PMH harvester reads.
import { contentTypeFor } from '../catalog/http-download.ts';
import { ceYear } from '../content/schemas/common.ts';
import { itemAttachments, itemFacts, type CatalogItem, type ContentType } from '../content/types.ts';
import { itemCreators, itemSummary } from './describe.ts';
import { dayStamp, xmlElement, xmlText } from './xml.ts';

export const dcElements = ['title', 'creator', 'subject', 'description', 'publisher', 'date', 'type', 'format', 'identifier', 'language', 'rights'] as const;
export type DcElement = (typeof dcElements)[number];

export interface DcValue {
  element: DcElement;
  value: string;
  lang?: 'th' | 'en';
}

/** DCMI Type Vocabulary terms where one fits, then the repository's own word for the type. */
const dcTypes: Record<ContentType, string[]> = {
  ebooks: ['Text', 'e-book'],
  curricula: ['Text', 'curriculum'],
  courses: ['InteractiveResource', 'course'],
  research: ['Text', 'research'],
  // No DCMI type describes a person.
  experts: ['person'],
};

export interface DcContext {
  /** The item's detail page. */
  url: string;
  /** Thai and English names of fields by slug. */
  fieldNames: Map<string, { th: string; en: string }>;
}

export function itemDublinCore(item: CatalogItem, context: DcContext): DcValue[] {
  const facts = itemFacts(item);
  const values: DcValue[] = [];
  const add = (element: DcElement, value: string | undefined, lang?: 'th' | 'en') => {
    if (value) values.push(lang ? { element, value, lang } : { element, value });
  };

  add('title', facts.titleTh, 'th');
  add('title', facts.titleEn, 'en');
  for (const name of itemCreators(item)) add('creator', name);
  const keywords = item.type === 'ebooks' || item.type === 'research' ? item.data.keywords : item.type === 'experts' ? item.data.expertise : [];
  for (const keyword of keywords) add('subject', keyword);
  for (const slug of item.data.fields) {
    add('subject', context.fieldNames.get(slug)?.th, 'th');
    add('subject', context.fieldNames.get(slug)?.en, 'en');
  }
  add('description', itemSummary(item), 'th');
  add('publisher', item.type === 'ebooks' ? item.data.publisher : item.type === 'research' ? item.data.institution : undefined);
  add('date', facts.year ? String(ceYear(facts.year)) : dayStamp(facts.published));
  for (const type of dcTypes[item.type]) add('type', type);
  const formats = new Set(itemAttachments(item).map((a) => contentTypeFor(a.path)));
  for (const format of formats.size > 0 ? formats : ['text/html']) add('format', format);
  add('identifier', context.url);
  if (item.type === 'research' && item.data.doi) add('identifier', `https://doi.org/${item.data.doi}`);
  add('language', facts.language ?? 'th');
  if (item.type === 'ebooks') add('rights', item.data.licence);

  return values.sort((a, b) => dcElements.indexOf(a.element) - dcElements.indexOf(b.element));
}

export function dublinCoreXml(values: DcValue[]): string {
  return xmlElement(
    'oai_dc:dc',
    {
      'xmlns:oai_dc': 'http://www.openarchives.org/OAI/2.0/oai_dc/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
    },
    values.map((v) => xmlText(`dc:${v.element}`, v.value, { 'xml:lang': v.lang })),
  );
}
