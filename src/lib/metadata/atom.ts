// Atom 1.0 feeds (RFC 4287) of newly published items, for feed readers and for colleges that embed them.
import { itemFacts, type CatalogItem } from '../content/types.ts';
import { itemCreators, itemSummary } from './describe.ts';
import { secondStamp, xmlDeclaration, xmlElement, xmlText } from './xml.ts';

/** The feed of a field's new items, which its page names in its head. */
export const fieldFeedPath = (fieldSlug: string) => `/fields/${fieldSlug}/feed.xml`;

export interface AtomEntry {
  /** The item's page; also its id. */
  url: string;
  title: string;
  updated: Date;
  summary?: string;
  authors: string[];
  category: { term: string; label: string };
}

export interface AtomFeed {
  /** The page the feed follows; also its id. */
  pageUrl: string;
  selfUrl: string;
  title: string;
  lang: 'th' | 'en';
  /** Stands for every entry that names no author of its own, as RFC 4287 requires. */
  authorName: string;
  entries: AtomEntry[];
}

export function itemAtomEntry(item: CatalogItem, url: string, typeLabel: string): AtomEntry {
  return {
    url,
    title: itemFacts(item).titleTh,
    updated: item.data.published,
    summary: itemSummary(item),
    authors: itemCreators(item),
    category: { term: item.type, label: typeLabel },
  };
}

const newestFirst = (a: AtomEntry, b: AtomEntry) => b.updated.getTime() - a.updated.getTime();

export function atomXml(feed: AtomFeed): string {
  const entries = [...feed.entries].sort(newestFirst);
  // An empty feed still needs <updated>; the epoch says "nothing yet" without changing on every request.
  const updated = entries[0]?.updated ?? new Date(0);
  const entryXml = entries.map((entry) =>
    xmlElement('entry', {}, [
      xmlText('id', entry.url),
      xmlText('title', entry.title),
      xmlElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
      xmlText('published', secondStamp(entry.updated)),
      xmlText('updated', secondStamp(entry.updated)),
      ...entry.authors.map((name) => xmlElement('author', {}, xmlText('name', name))),
      xmlElement('category', { term: entry.category.term, label: entry.category.label }),
      entry.summary ? xmlText('summary', entry.summary) : '',
    ]),
  );
  const head = [
    xmlText('id', feed.pageUrl),
    xmlText('title', feed.title),
    xmlElement('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl }),
    xmlElement('link', { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
    xmlText('updated', secondStamp(updated)),
    xmlElement('author', {}, xmlText('name', feed.authorName)),
  ];
  return (
    xmlDeclaration +
    xmlElement('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.lang }, '\n' + [...head, ...entryXml].join('\n') + '\n') +
    '\n'
  );
}
