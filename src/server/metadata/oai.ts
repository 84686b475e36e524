// /oai: the catalog for OAI-PMH 2.0 harvesters (national repositories, union catalogues), in Dublin Core.
import { translator, type MessageKey } from '../../i18n/index.ts';
import { itemPath } from '../../lib/catalog/paths.ts';
import { contentTypes, type CatalogItem } from '../../lib/content/types.ts';
import { dublinCoreXml, itemDublinCore } from '../../lib/metadata/dublin-core.ts';
import { itemSetSpecs, oaiDatestamp, oaiIdentifier, oaiPageSize, pageOfRecords, parseOaiIdentifier } from '../../lib/metadata/oai-records.ts';
import { parseOaiRequest, type OaiError } from '../../lib/metadata/oai-request.ts';
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
import { catalog } from '../catalog/catalog.ts';
import { fieldNameMap } from '../catalog/field-names.ts';
import { env } from '../env.ts';
import { publicBase, xmlResponse } from './public-url.ts';

const th = translator('th');
const en = translator('en');
const bilingual = (key: MessageKey) => `${th(key)} / ${en(key)}`;

/** The arguments of a GET query, or of a POST body (application/x-www-form-urlencoded, as OAI-PMH requires). */
async function requestArguments(request: Request, requestUrl: URL): Promise<[string, string][]> {
  return request.method === 'POST' ? [...new URLSearchParams(await request.text())] : [...requestUrl.searchParams];
}

export async function answerOai(request: Request, requestUrl: URL): Promise<Response> {
  const base = publicBase(requestUrl);
  const baseUrl = `${base}/oai`;
  const host = new URL(base).hostname;
  const respond = (echo: Record<string, string>, body: string) =>
    xmlResponse(oaiEnvelope({ responseDate: new Date(), baseUrl, echo, body }), 'text/xml');

  const parsed = parseOaiRequest(await requestArguments(request, requestUrl));
  if (!parsed.ok) return respond(parsed.echo, oaiErrorXml(parsed.error));
  const { request: oai, echo } = parsed;
  const fail = (error: OaiError) => respond(echo, oaiErrorXml(error));
  const idDoesNotExist: OaiError = { code: 'idDoesNotExist', message: 'No item has this identifier.' };

  const findRecordItem = async (identifier: string) => {
    const named = parseOaiIdentifier(host, identifier);
    return named && catalog().find(named.type, named.slug);
  };
  const fieldNames = await fieldNameMap();
  const header = (item: CatalogItem) => ({ identifier: oaiIdentifier(host, item), datestamp: oaiDatestamp(item), setSpecs: itemSetSpecs(item) });
  const record = (item: CatalogItem) => recordXml(header(item), dublinCoreXml(itemDublinCore(item, { url: base + itemPath(item), fieldNames })));

  switch (oai.verb) {
    case 'Identify': {
      const items = catalog().records({}, 0, 1).records;
      return respond(
        echo,
        identifyXml({
          name: `${th('site.name')} (${en('site.name')})`,
          baseUrl,
          adminEmail: env.OAI_ADMIN_EMAIL ?? `webmaster@${host}`,
          earliestDatestamp: items[0] ? oaiDatestamp(items[0]) : '1970-01-01',
          host,
          sampleIdentifier: items[0] && oaiIdentifier(host, items[0]),
        }),
      );
    }
    case 'ListMetadataFormats':
      // Every item is offered in oai_dc, so noMetadataFormats never applies.
      if (oai.identifier && !(await findRecordItem(oai.identifier))) return fail(idDoesNotExist);
      return respond(echo, metadataFormatsXml());
    case 'ListSets': {
      const sets: OaiSet[] = [
        { spec: 'field', name: bilingual('list.field') },
        ...[...fieldNames].map(([slug, name]) => ({ spec: `field:${slug}`, name: `${name.th} / ${name.en}` })),
        { spec: 'type', name: bilingual('list.type') },
        ...contentTypes.map((type) => ({ spec: `type:${type}`, name: bilingual(`type.${type}`) })),
      ];
      return respond(echo, setsXml(sets));
    }
    case 'GetRecord': {
      const item = await findRecordItem(oai.identifier);
      return item ? respond(echo, verbXml('GetRecord', [record(item)])) : fail(idDoesNotExist);
    }
    case 'ListIdentifiers':
    case 'ListRecords': {
      const selected = catalog().records(oai.list, oai.offset, oaiPageSize);
      const page = pageOfRecords(selected.records, selected.total, oai.list, oai.offset);
      if (!page.ok) return fail(page.error);
      const parts = page.records.map((item) => (oai.verb === 'ListIdentifiers' ? headerXml(header(item)) : record(item)));
      return respond(echo, verbXml(oai.verb, parts, page.resumption));
    }
  }
}
