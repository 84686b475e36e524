// OAI-PMH 2.0 responses as XML, each element in the order OAI-PMH.xsd lists it.
import { metadataFormats, type OaiError, type OaiVerb } from './oai-request.ts';
import type { ResumptionState } from './oai-records.ts';
import { secondStamp, xmlDeclaration, xmlElement, xmlText } from './xml.ts';

const xsi = 'http://www.w3.org/2001/XMLSchema-instance';

export function oaiEnvelope(options: { responseDate: Date; baseUrl: string; echo: Record<string, string>; body: string }): string {
  return (
    xmlDeclaration +
    xmlElement(
      'OAI-PMH',
      {
        xmlns: 'http://www.openarchives.org/OAI/2.0/',
        'xmlns:xsi': xsi,
        'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd',
      },
      ['\n', xmlText('responseDate', secondStamp(options.responseDate)), '\n', xmlText('request', options.baseUrl, options.echo), '\n', options.body, '\n'],
    ) +
    '\n'
  );
}

export const oaiErrorXml = (error: OaiError) => xmlText('error', error.message, { code: error.code });

export interface RepositoryIdentity {
  name: string;
  baseUrl: string;
  adminEmail: string;
  earliestDatestamp: string;
  /** The host in identifiers; described by the oai-identifier scheme only when it is a domain name. */
  host: string;
  sampleIdentifier?: string;
}

// The oai-identifier schema's pattern for repositoryIdentifier: a domain name, so not an IP address or `localhost`.
const domainName = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/;

export function identifyXml(identity: RepositoryIdentity): string {
  const identifierScheme =
    domainName.test(identity.host) && identity.sampleIdentifier
      ? xmlElement(
          'description',
          {},
          xmlElement(
            'oai-identifier',
            {
              xmlns: 'http://www.openarchives.org/OAI/2.0/oai-identifier',
              'xmlns:xsi': xsi,
              'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd',
            },
            [xmlText('scheme', 'oai'), xmlText('repositoryIdentifier', identity.host), xmlText('delimiter', ':'), xmlText('sampleIdentifier', identity.sampleIdentifier)],
          ),
        )
      : '';
  return xmlElement('Identify', {}, [
    xmlText('repositoryName', identity.name),
    xmlText('baseURL', identity.baseUrl),
    xmlText('protocolVersion', '2.0'),
    xmlText('adminEmail', identity.adminEmail),
    xmlText('earliestDatestamp', identity.earliestDatestamp),
    // Unpublished items simply leave the repository; no record of their deletion is kept.
    xmlText('deletedRecord', 'no'),
    xmlText('granularity', 'YYYY-MM-DD'),
    identifierScheme,
  ]);
}

export const metadataFormatsXml = () =>
  xmlElement(
    'ListMetadataFormats',
    {},
    metadataFormats.map((f) =>
      xmlElement('metadataFormat', {}, [xmlText('metadataPrefix', f.prefix), xmlText('schema', f.schema), xmlText('metadataNamespace', f.namespace)]),
    ),
  );

export interface OaiSet {
  spec: string;
  name: string;
}

export const setsXml = (sets: OaiSet[]) =>
  xmlElement('ListSets', {}, sets.map((set) => xmlElement('set', {}, [xmlText('setSpec', set.spec), xmlText('setName', set.name)])));

export interface OaiHeader {
  identifier: string;
  datestamp: string;
  setSpecs: string[];
}

export const headerXml = (header: OaiHeader) =>
  xmlElement('header', {}, [xmlText('identifier', header.identifier), xmlText('datestamp', header.datestamp), ...header.setSpecs.map((spec) => xmlText('setSpec', spec))]);

export const recordXml = (header: OaiHeader, metadata: string) => xmlElement('record', {}, [headerXml(header), xmlElement('metadata', {}, metadata)]);

const resumptionXml = (state: ResumptionState) =>
  xmlElement('resumptionToken', { completeListSize: state.completeListSize, cursor: state.cursor }, state.token);

/** The body of a verb's answer: ListIdentifiers holds headers, ListRecords and GetRecord hold records. */
export function verbXml(verb: Extract<OaiVerb, 'ListIdentifiers' | 'ListRecords' | 'GetRecord'>, parts: string[], resumption?: ResumptionState): string {
  return xmlElement(verb, {}, ['\n', parts.join('\n'), resumption ? '\n' + resumptionXml(resumption) : '', '\n']);
}
