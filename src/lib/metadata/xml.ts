// The one way the sitemap, the Atom feeds and OAI-PMH write XML: escaped text and elements built as strings.

// Characters XML 1.0 forbids anywhere, even escaped: a stray one from a pasted summary would break a harvest.
const illegal = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(illegal, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export type XmlAttributes = Record<string, string | number | undefined>;

const attributes = (attrs: XmlAttributes) =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

/** An element around content that is already XML (nested elements); empty content makes `<name/>`. */
export function xmlElement(name: string, attrs: XmlAttributes = {}, content: string | string[] = ''): string {
  const inner = Array.isArray(content) ? content.join('') : content;
  return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** An element holding text, escaped. */
export function xmlText(name: string, text: string | number, attrs: XmlAttributes = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(String(text))}</${name}>`;
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A date as sitemaps and OAI-PMH give days: `YYYY-MM-DD`, in UTC. */
export const dayStamp = (date: Date) => date.toISOString().slice(0, 10);

/** A moment as Atom and OAI-PMH give it: `YYYY-MM-DDThh:mm:ssZ`. */
export const secondStamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
