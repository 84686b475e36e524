// /oai: the catalog and the published articles for OAI-PMH 2.0 harvesters (national repositories, union catalogues), in Dublin Core.
import { translator, type MessageKey } from '../../i18n/index.ts';
import { itemPath } from '../../lib/catalog/paths.ts';
import { contentTypes, itemKey, type CatalogItem } from '../../lib/content/types.ts';
import { dublinCoreXml, itemDublinCore } from '../../lib/metadata/dublin-core.ts';
import { itemSetSpecs, oaiDatestamp, oaiIdentifier, oaiPageSize, pageOfRecords, parseOaiIdentifier, selectRecords } from '../../lib/metadata/oai-records.ts';
import { parseOaiRequest, type ListArguments, type OaiError } from '../../lib/metadata/oai-request.ts';
import {
  headerXml,
  identifyXml,
  metadataFormatsXml,
  oaiEnvelope,
  oaiErrorXml,
  recordXml,
  setsXml,
  verbXml,
  type OaiSet,
} from '../../lib/metadata/oai-response.ts';
import { articleHarvestables, type Harvestable } from '../articles/syndication.ts';
import { catalog } from '../catalog/catalog.ts';
import { fieldNameMap } from '../catalog/field-names.ts';
import { BodyTooLarge, bodyTooLarge, maxOaiBytes, readCappedText } from '../request-body.ts';
import { contactEmail, siteBase } from '../site-url.ts';
import { xmlResponse } from './xml-response.ts';

const th = translator('th');
const en = translator('en');
const bilingual = (key: MessageKey) => `${th(key)} / ${en(key)}`;

/** The arguments of a GET query, or of a POST body (application/x-www-form-urlencoded, as OAI-PMH requires). */
async function requestArguments(request: Request, requestUrl: URL): Promise<[string, string][]> {
  return request.method === 'POST' ? [...new URLSearchParams(await readCappedText(request, maxOaiBytes))] : [...requestUrl.searchParams];
}

export async function answerOai(request: Request, requestUrl: URL): Promise<Response> {
  const base = siteBase;
  const baseUrl = `${base}/oai`;
  const host = new URL(base).hostname;
  const respond = (echo: Record<string, string>, body: string) =>
    xmlResponse(oaiEnvelope({ responseDate: new Date(), baseUrl, echo, body }), 'text/xml');

  let sent: [string, string][];
  try {
    sent = await requestArguments(request, requestUrl);
  } catch (error) {
    if (error instanceof BodyTooLarge) return bodyTooLarge();
    throw error;
  }
  const parsed = parseOaiRequest(sent);
  if (!parsed.ok) return respond(parsed.echo, oaiErrorXml(parsed.error));
  const { request: oai, echo } = parsed;
  const fail = (error: OaiError) => respond(echo, oaiErrorXml(error));
  const idDoesNotExist: OaiError = { code: 'idDoesNotExist', message: 'No item has this identifier.' };

  const fieldNames = await fieldNameMap();
  const itemRecord = (item: CatalogItem): Harvestable => ({
    key: itemKey(item),
    header: { identifier: oaiIdentifier(host, item), datestamp: oaiDatestamp(item), setSpecs: itemSetSpecs(item) },
    dublinCore: () => itemDublinCore(item, { url: base + itemPath(item), fieldNames }),
  });
  const findRecord = async (identifier: string) => {
    const named = parseOaiIdentifier(host, identifier);
    const item = named && catalog().find(named.type, named.slug);
    return item ? itemRecord(item) : articleHarvestables(host, fieldNames).find((r) => r.header.identifier === identifier);
  };
  // A list is the catalog's records (paged in SQL) followed by the articles (few, selected here): one offset runs
  // through both, so the stateless resumption token stays an offset.
  const articlesIn = (list: ListArguments) => selectRecords(articleHarvestables(host, fieldNames), list, (r) => ({ key: r.key, ...r.header }));
  const listPage = (list: ListArguments, offset: number, size: number) => {
    const fromCatalog = catalog().records(list, offset, size);
    const articles = articlesIn(list);
    const records = fromCatalog.records.map(itemRecord);
    const articleStart = Math.max(0, offset - fromCatalog.total);
    if (records.length < size) records.push(...articles.slice(articleStart, articleStart + size - records.length));
    return { records, total: fromCatalog.total + articles.length };
  };
  const record = (r: Harvestable) => recordXml(r.header, dublinCoreXml(r.dublinCore()));

  switch (oai.verb) {
    case 'Identify': {
      const first = [catalog().records({}, 0, 1).records.map(itemRecord)[0], articlesIn({ metadataPrefix: 'oai_dc' })[0]]
        .filter((r): r is Harvestable => r !== undefined)
        .sort((a, b) => (a.header.datestamp < b.header.datestamp ? -1 : 1))[0];
      return respond(
        echo,
        identifyXml({
          name: `${th('site.name')} (${en('site.name')})`,
          baseUrl,
          adminEmail: contactEmail,
          earliestDatestamp: first?.header.datestamp ?? '1970-01-01',
          host,
          sampleIdentifier: first?.header.identifier,
        }),
      );
    }
    case 'ListMetadataFormats':
      // Every item is offered in oai_dc, so noMetadataFormats never applies.
      if (oai.identifier && !(await findRecord(oai.identifier))) return fail(idDoesNotExist);
      return respond(echo, metadataFormatsXml());
    case 'ListSets': {
      const sets: OaiSet[] = [
        { spec: 'field', name: bilingual('list.field') },
        ...[...fieldNames].map(([slug, name]) => ({ spec: `field:${slug}`, name: `${name.th} / ${name.en}` })),
        { spec: 'type', name: bilingual('list.type') },
        ...[...contentTypes, 'articles' as const].map((type) => ({ spec: `type:${type}`, name: bilingual(`type.${type}`) })),
      ];
      return respond(echo, setsXml(sets));
    }
    case 'GetRecord': {
      const found = await findRecord(oai.identifier);
      return found ? respond(echo, verbXml('GetRecord', [record(found)])) : fail(idDoesNotExist);
    }
    case 'ListIdentifiers':
    case 'ListRecords': {
      const selected = listPage(oai.list, oai.offset, oaiPageSize);
      const page = pageOfRecords(selected.records, selected.total, oai.list, oai.offset);
      if (!page.ok) return fail(page.error);
      const parts = page.records.map((r) => (oai.verb === 'ListIdentifiers' ? headerXml(r.header) : record(r)));
      return respond(echo, verbXml(oai.verb, parts, page.resumption));
    }
  }
}
