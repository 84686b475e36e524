// Atom 1.0 feeds (RFC 4287) of newly published items, for feed readers and for colleges that embed them.
import { itemFacts, type CatalogItem } from '../content/types.ts';
import { itemCreators, itemSummary } from './describe.ts';
import { secondStamp, xmlDeclaration, xmlElement, xmlText } from './xml.ts';

/** The feed of a field's new items, which its page names in its head (English under /en, with English titles). */
export const fieldFeedPath = (fieldSlug: string, lang: 'th' | 'en' = 'th') => `${lang === 'en' ? '/en' : ''}/fields/${fieldSlug}/feed.xml`;

/** The whole site's feed. */
export const siteFeedPath = (lang: 'th' | 'en' = 'th') => (lang === 'en' ? '/en/feed.xml' : '/feed.xml');

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
  /** The feed's date while it has no entry (the catalog's newest change), so it never claims 1970. */
  updatedWhenEmpty: Date;
}

/** An item as a feed entry; in an English feed its English title and summary where it has them. */
export function itemAtomEntry(item: CatalogItem, url: string, typeLabel: string, lang: 'th' | 'en' = 'th'): AtomEntry {
  const facts = itemFacts(item);
  return {
    url,
    title: lang === 'en' && facts.titleEn ? facts.titleEn : facts.titleTh,
    updated: item.data.published,
    summary: itemSummary(item, lang),
    authors: itemCreators(item),
    category: { term: item.type, label: typeLabel },
  };
}

const newestFirst = (a: AtomEntry, b: AtomEntry) => b.updated.getTime() - a.updated.getTime();

export function atomXml(feed: AtomFeed): string {
  const entries = [...feed.entries].sort(newestFirst);
  // An empty feed still needs <updated>: the catalog's newest change, which does not move on every request.
  const updated = entries[0]?.updated ?? feed.updatedWhenEmpty;
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
