// Parsing the XML the server writes (sitemap, Atom, OAI-PMH) strictly: any well-formedness problem fails the test.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/** The namespaces the server's XML uses. */
export const xmlns = {
  oai: 'http://www.openarchives.org/OAI/2.0/',
  oaiDc: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  oaiIdentifier: 'http://www.openarchives.org/OAI/2.0/oai-identifier',
  dc: 'http://purl.org/dc/elements/1.1/',
  atom: 'http://www.w3.org/2005/Atom',
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

// Characters XML 1.0 forbids anywhere; xmldom lets them through.
const illegalCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function parseXml(text: string): Document {
  const problems: string[] = [];
  if (illegalCharacter.test(text)) problems.push('a character XML 1.0 does not allow');
  const document = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  if (problems.length > 0) throw new Error(`not well-formed XML:\n${problems.join('\n')}`);
  return document;
}

/** The element children of an element, in document order. */
export const childElements = (element: Element): Element[] =>
  Array.from(element.childNodes).filter((node): node is Element => node.nodeType === 1);

/** The local names of an element's children, in order, to compare with a schema's sequence. */
export const childNames = (element: Element) => childElements(element).map((child) => child.localName);

/** Every descendant named `localName` in namespace `ns`. */
export const elementsNamed = (root: Document | Element, ns: string, localName: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(ns, localName));

/** The text of each descendant named `localName` in namespace `ns`. */
export const textsOf = (root: Document | Element, ns: string, localName: string): string[] =>
  elementsNamed(root, ns, localName).map((element) => element.textContent ?? '');
