// The sitemap, the Atom feeds and the OAI-PMH endpoint over real HTTP, checked against the demo content in content/
// plus rows added to the database (enough to need a second OAI-PMH page, and one unpublished row that must not show)
// and the demo articles published on a new database.
import type { Document, Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import { readMarkdownEntries } from '../helpers/content.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { schemaOrgProblems } from '../helpers/schema-org.ts';
import { childElements, childNames, elementsNamed, parseXml, textsOf, xmlns as ns } from '../helpers/xml.ts';


/** The published items the server should show: content/ files and the rows this suite adds. */
interface Expected {
  key: string;
  fields: string[];
  day: string;
}
const expected: Expected[] = ['ebooks', 'curricula', 'courses', 'research', 'experts'].flatMap((type) =>
  readMarkdownEntries(type).map((entry) => {
    const data = entry.data as { fields: string[]; published: string };
    return { key: `${type}/${entry.id}`, fields: data.fields, day: new Date(data.published).toISOString().slice(0, 10) };
  }),
);

/** An item's key from its page's path: /library/<type>/<slug>, except courses at /courses/<slug>. */
const keyOfPath = (path: string) =>
  path.startsWith('/courses/') ? `courses/${path.slice('/courses/'.length)}` : path.startsWith('/articles/') ? decodeURIComponent(path.slice(1)) : path.replace('/library/', '');
const isItemPath = (path: string) => path.startsWith('/library/') || /^\/(courses|articles)\/[^/]+$/.test(path);

const added = Array.from({ length: 30 }, (_, i) => ({
  slug: `added-handbook-${String(i).padStart(2, '0')}`,
  published: `2026-0${1 + (i % 6)}-${String(1 + i).padStart(2, '0')}`,
}));
// Added rows copy a demo e-book's frontmatter, with their own title, field and day.
const template = readMarkdownEntries('ebooks').find((entry) => entry.id === 'ac-motor-control-and-plc')!.data as Record<string, unknown>;
const addedData = (published: string) => ({ ...template, titleTh: `คู่มือเพิ่มเติม ${published}`, fields: ['electrical-technology'], published });

const sitemapPageSize = 50;
let server: RunningServer;
let db: Db;
let host: string;
beforeAll(async () => {
  // Small sitemap files, so the index, files that cross from fields to items to articles, and the last one are checked.
  server = await startServer({ env: { SITEMAP_PAGE_SIZE: String(sitemapPageSize) } });
  host = new URL(server.url).hostname;
  db = openDatabase(server.databasePath);
  saveItems(db, [
    ...added.map(({ slug, published }) => ({ type: 'ebooks' as const, slug, data: addedData(published), body: '' })),
    { type: 'ebooks', slug: 'hidden-draft', data: addedData('2026-02-02'), body: '', status: 'unpublished' },
  ]);
  expected.push(...added.map(({ slug, published }) => ({ key: `ebooks/${slug}`, fields: ['electrical-technology'], day: published })));
  const articles = db.$client
    .prepare('select a.slug, r.fields, r.published_at as published from articles a join article_revisions r on r.id = a.published_revision_id where a.listed = 1')
    .all() as { slug: string; fields: string; published: number }[];
  expected.push(...articles.map((a) => ({ key: `articles/${a.slug}`, fields: JSON.parse(a.fields) as string[], day: new Date(a.published).toISOString().slice(0, 10) })));
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

const get = (path: string) => fetch(server.url + path, { redirect: 'manual' });
const keys = (items: Expected[]) => items.map((i) => i.key).sort();
const isArticle = (item: Expected) => item.key.startsWith('articles/');
const keyOfIdentifier = (identifier: string) => identifier.replace(`oai:${host}:`, '');

async function xml(path: string, contentType: string): Promise<Document> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toBe(contentType);
  return parseXml(await response.text());
}

describe('robots.txt and the sitemap', () => {
  it('robots.txt points to the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain(`Sitemap: ${server.url}/sitemap.xml`);
  });

  it('keeps crawlers from search results by robots.txt alone, and lets them read the pages they are meant to find (decision 019)', async () => {
    const disallowed = (await (await get('/robots.txt')).text()).split('\n').filter((line) => line.startsWith('Disallow: ')).map((line) => line.slice('Disallow: '.length));
    const blocked = (path: string) => disallowed.some((prefix) => path.startsWith(prefix));
    for (const path of ['/search?q=x', '/en/search?q=x', '/admin/users', '/account', '/api/suggest?q=x']) expect(blocked(path), path).toBe(true);
    for (const path of ['/', '/library', '/fields/electrical-technology', '/library/ebooks/ac-motor-control-and-plc', '/en/library']) {
      expect(blocked(path), path).toBe(false);
      const response = await get(path);
      expect(response.headers.get('x-robots-tag'), path).toBeNull();
      expect(await response.text(), path).not.toMatch(/<meta name="robots"/);
    }
    // No page-level noindex on search either: a crawler that obeys robots.txt never reads it.
    const search = await get(`/search?q=${encodeURIComponent('ไฟฟ้า')}`);
    expect(search.status).toBe(200);
    expect(await search.text()).not.toMatch(/noindex/);
  });

  it('is an index of files of at most SITEMAP_PAGE_SIZE addresses once there are more, and no file past the last', async () => {
    const index = await xml('/sitemap.xml', 'application/xml; charset=utf-8');
    expect(index.documentElement!.localName).toBe('sitemapindex');
    const files = textsOf(index, ns.sitemap, 'loc').map((loc) => loc.replace(server.url, ''));
    const sizes = [];
    for (const file of files) sizes.push(elementsNamed(await xml(file, 'application/xml; charset=utf-8'), ns.sitemap, 'url').length);
    expect(files).toEqual(sizes.map((_, i) => `/sitemap-${i + 1}.xml`));
    expect(sizes.slice(0, -1).every((n) => n === sitemapPageSize)).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(0);
    expect(sizes.at(-1)).toBeLessThanOrEqual(sitemapPageSize);
    for (const path of [`/sitemap-${files.length + 1}.xml`, '/sitemap-0.xml', '/sitemap-x.xml']) expect((await get(path)).status, path).toBe(404);
  });

  it('lists the lists, all 101 fields and every published item, each with its English page', async () => {
    const index = await xml('/sitemap.xml', 'application/xml; charset=utf-8');
    const doc = parseXml('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>');
    for (const file of textsOf(index, ns.sitemap, 'loc')) {
      for (const url of elementsNamed(await xml(file.replace(server.url, ''), 'application/xml; charset=utf-8'), ns.sitemap, 'url')) doc.documentElement!.appendChild(url);
    }
    const locs = textsOf(doc, ns.sitemap, 'loc').map((loc) => loc.replace(server.url, ''));
    expect(new Set(locs).size).toBe(locs.length);
    for (const path of ['/', '/fields', '/library', '/experts', '/research', '/curricula', '/fields/electrical-technology', '/fields/hotel-management']) {
      expect(locs, path).toContain(path);
    }
    expect(locs.filter((l) => /^\/fields\/[^/]+$/.test(l))).toHaveLength(101);
    expect(locs.filter(isItemPath).map(keyOfPath).sort()).toEqual(keys(expected));
    expect(locs).toContain('/articles');
    expect(locs).not.toContain('/library/ebooks/hidden-draft');
    const urls = elementsNamed(doc, ns.sitemap, 'url');
    expect(urls).toHaveLength(locs.length);
    for (const url of urls) {
      const loc = textsOf(url, ns.sitemap, 'loc')[0]!;
      const en = elementsNamed(url, ns.xhtml, 'link').find((l) => l.getAttribute('hreflang') === 'en')!;
      expect(en.getAttribute('href')).toBe(loc === `${server.url}/` ? `${server.url}/en/` : loc.replace(server.url, `${server.url}/en`));
    }
  });
});

describe('page heads', () => {
  it('name the page by one absolute canonical address, with absolute alternates for both languages, itself among them', async () => {
    const pages = [['/', '/en/'], ['/library?type=research', '/en/library?type=research'], ['/fields/hotel-management', '/en/fields/hotel-management'], ['/library/ebooks/ac-motor-control-and-plc', '/en/library/ebooks/ac-motor-control-and-plc']];
    for (const [thai, english] of pages) {
      for (const [path, lang] of [[thai!, 'th'], [english!, 'en']] as const) {
        const html = await (await get(path)).text();
        const links = [...html.matchAll(/<link rel="(canonical|alternate)"([^>]*)>/g)].map(([, rel, attrs]) => ({
          rel,
          href: /href="([^"]+)"/.exec(attrs!)?.[1]?.replaceAll('&amp;', '&'),
          hreflang: /hreflang="([^"]+)"/.exec(attrs!)?.[1],
        }));
        const canonical = links.filter((l) => l.rel === 'canonical');
        expect(canonical.map((l) => l.href), path).toEqual([server.url + path]);
        const alternates = Object.fromEntries(links.filter((l) => l.hreflang).map((l) => [l.hreflang, l.href]));
        expect(alternates, path).toEqual({ th: server.url + thai, en: server.url + english });
        expect(alternates[lang], path).toBe(canonical[0]!.href);
        expect(html, path).toContain(`<meta property="og:url" content="${(server.url + path).replaceAll('&', '&amp;')}"`);
      }
    }
  });
});

describe('Atom feeds', () => {
  const entryLinks = (doc: Document) =>
    elementsNamed(doc, ns.atom, 'entry').map((e) => keyOfPath(elementsNamed(e, ns.atom, 'link')[0]!.getAttribute('href')!.replace(server.url, '')));

  it('the site feed holds the 50 newest published items, newest first', async () => {
    const doc = await xml('/feed.xml', 'application/atom+xml; charset=utf-8');
    const newest = [...expected].sort((a, b) => b.day.localeCompare(a.day)).slice(0, 50);
    expect(entryLinks(doc).sort()).toEqual(keys(newest));
    const days = elementsNamed(doc, ns.atom, 'entry').map((e) => textsOf(e, ns.atom, 'updated')[0]!);
    expect(days).toEqual([...days].sort().reverse());
    expect(textsOf(doc.documentElement!, ns.atom, 'updated')[0]).toBe(days[0]);
  });

  it('a field feed holds that field’s items with title, link, date, summary, authors and type', async () => {
    const doc = await xml('/fields/hotel-management/feed.xml', 'application/atom+xml; charset=utf-8');
    expect(entryLinks(doc).sort()).toEqual(keys(expected.filter((i) => i.fields.includes('hotel-management'))));
    expect(textsOf(doc, ns.atom, 'title')[0]).toContain('การโรงแรม');
    const book = elementsNamed(doc, ns.atom, 'entry').find((e) => textsOf(e, ns.atom, 'id')[0]!.endsWith('/library/ebooks/hotel-front-office-operations'))!;
    expect(childNames(book)).toEqual(expect.arrayContaining(['id', 'title', 'link', 'updated', 'author', 'category', 'summary']));
    expect(textsOf(book, ns.atom, 'updated')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(elementsNamed(book, ns.atom, 'category')[0]!.getAttribute('term')).toBe('ebooks');
    const expertEntry = elementsNamed(doc, ns.atom, 'entry').find((e) => elementsNamed(e, ns.atom, 'category')[0]!.getAttribute('term') === 'experts');
    if (expertEntry) expect(elementsNamed(expertEntry, ns.atom, 'author')).toHaveLength(0);
  });

  it('an unknown field has no feed', async () => {
    expect((await get('/fields/no-such-field/feed.xml')).status).toBe(404);
  });

  it('the field page names its feed in the head, the English page the English feed', async () => {
    for (const [path, feed] of [['/fields/electrical-technology', '/fields/electrical-technology/feed.xml'], ['/en/fields/electrical-technology', '/en/fields/electrical-technology/feed.xml']] as const) {
      const html = await (await get(path)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head, path).toContain(`<link rel="alternate" type="application/atom+xml" title="`);
      expect(head, path).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]*href="${feed.replace(/\./g, '\\.')}"`));
      expect(html.slice(html.indexOf('<main')), path).toContain(`href="${feed}"`);
    }
  });

  it('the English site feed links English pages with English titles and summaries where items have them', async () => {
    const doc = await xml('/en/feed.xml', 'application/atom+xml; charset=utf-8');
    expect(doc.documentElement!.getAttribute('xml:lang')).toBe('en');
    const links = elementsNamed(doc.documentElement!, ns.atom, 'link').filter((l) => l.parentNode === doc.documentElement);
    expect(links.map((l) => l.getAttribute('href'))).toEqual([`${server.url}/en/feed.xml`, `${server.url}/en/`]);
    const entries = elementsNamed(doc, ns.atom, 'entry');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(textsOf(entry, ns.atom, 'id')[0]).toMatch(new RegExp(`^${server.url}/en/`));
    // The demo items in the feed say what their English title and summary say.
    const english = new Map<string, { title?: string; summary?: string }>(
      ['ebooks', 'courses', 'research', 'experts'].flatMap((type) =>
        readMarkdownEntries(type).map((entry) => {
          const data = entry.data as { titleEn?: string; nameEn?: string; summaryEn?: string };
          return [`${type}/${entry.id}`, { title: data.titleEn ?? data.nameEn, summary: data.summaryEn }] as const;
        }),
      ),
    );
    let checked = 0;
    for (const entry of entries) {
      const demo = english.get(keyOfPath(textsOf(entry, ns.atom, 'id')[0]!.replace(`${server.url}/en`, '')));
      if (!demo?.title || !demo.summary) continue;
      expect(textsOf(entry, ns.atom, 'title')).toEqual([demo.title]);
      expect(textsOf(entry, ns.atom, 'summary')).toEqual([demo.summary]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const labels = new Set(entries.map((e) => elementsNamed(e, ns.atom, 'category')[0]!.getAttribute('label')));
    expect([...labels].every((label) => /^[\x20-\x7e]+$/.test(label!)), [...labels].join(', ')).toBe(true);
  });

  it('a field has an English feed too, named in English', async () => {
    const doc = await xml('/en/fields/electric-vehicle-technology/feed.xml', 'application/atom+xml; charset=utf-8');
    expect(textsOf(doc, ns.atom, 'title')[0]).toMatch(/^Electric Vehicle Technology · /);
    expect(entryLinks(doc).length).toBeGreaterThan(0);
    expect((await get('/en/fields/no-such-field/feed.xml')).status).toBe(404);
  });

  it('an empty field’s feed is dated by the catalog’s newest item, not 1970', async () => {
    const newestItem = expected.filter((i) => !isArticle(i)).map((i) => i.day).sort().at(-1)!;
    for (const path of ['/fields/production-technology/feed.xml', '/en/fields/production-technology/feed.xml']) {
      const doc = await xml(path, 'application/atom+xml; charset=utf-8');
      expect(elementsNamed(doc, ns.atom, 'entry'), path).toHaveLength(0);
      expect(textsOf(doc.documentElement!, ns.atom, 'updated')[0], path).toBe(`${newestItem}T00:00:00Z`);
    }
  });

  it('a feed remembered by the server shows an item’s new title right after a save, in both languages', async () => {
    const { slug, published } = added[0]!;
    const feeds = ['/fields/electrical-technology/feed.xml', '/feed.xml', '/en/fields/electrical-technology/feed.xml'];
    const titles = async () => Promise.all(feeds.map(async (path) => textsOf(await xml(path, 'application/atom+xml; charset=utf-8'), ns.atom, 'title')));
    const before = await titles();
    expect(before[0]).toContain(`คู่มือเพิ่มเติม ${published}`);
    expect(before[1]).toContain(`คู่มือเพิ่มเติม ${published}`);
    // Written by another connection, as an admin's save or the import CLI would: the store's version moves.
    saveItems(db, [{ type: 'ebooks', slug, data: { ...addedData(published), titleTh: 'คู่มือฉบับแก้ไข', titleEn: 'Revised handbook' }, body: '' }]);
    const after = await titles();
    expect(after[0]).toContain('คู่มือฉบับแก้ไข');
    expect(after[0]).not.toContain(`คู่มือเพิ่มเติม ${published}`);
    expect(after[1]).toContain('คู่มือฉบับแก้ไข');
    expect(after[2]).toContain('Revised handbook');
    saveItems(db, [{ type: 'ebooks', slug, data: addedData(published), body: '' }]);
    expect(await titles()).toEqual(before);
  });
});

describe('JSON-LD', () => {
  const jsonLdOf = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

  it('every listing page, in Thai and English, is a CollectionPage whose ItemList holds what it shows, valid for schema.org', async () => {
    for (const base of ['/library', '/experts', '/research', '/curricula', '/fields', '/courses', '/articles']) {
      for (const path of [base, `/en${base}`]) {
        const html = await (await get(path)).text();
        const page = jsonLdOf(html).find((d) => d['@type'] === 'CollectionPage');
        expect(page, path).toBeDefined();
        expect(page!.url, path).toBe(server.url + path);
        expect(schemaOrgProblems(page), path).toEqual([]);
        const list = page!.mainEntity as { '@type': string; numberOfItems: number; itemListElement: { position: number; url: string; name: string }[] };
        expect(list['@type'], path).toBe('ItemList');
        expect(list.itemListElement.length, path).toBeGreaterThan(0);
        expect(list.numberOfItems, path).toBe(list.itemListElement.length);
        expect(list.itemListElement.map((e) => e.position), path).toEqual(list.itemListElement.map((_, i) => i + 1));
        const prefix = path.startsWith('/en/') ? `${server.url}/en/` : `${server.url}/`;
        for (const element of list.itemListElement) {
          // Absolute, in the page's language.
          expect(element.url.startsWith(prefix), `${path} ${element.url}`).toBe(true);
          expect(element.url.startsWith(`${server.url}/en/`), `${path} ${element.url}`).toBe(path.startsWith('/en/'));
          // Every listed page is one the list links to.
          expect(html, `${path} ${element.url}`).toContain(`href="${element.url.replace(server.url, '')}"`);
        }
      }
    }
  });

  it('item pages of every type are valid for schema.org', async () => {
    for (const path of ['/library/ebooks/ac-motor-control-and-plc', '/library/curricula/hvc-2563-electric-vehicle-technology', '/courses/solar-rooftop-installation-new-skill', '/library/research/bms-training-kit-for-ev-technology', '/library/experts/adisak-muensri']) {
      const documents = jsonLdOf(await (await get(path)).text());
      expect(documents.length, path).toBeGreaterThan(0);
      for (const document of documents) expect(schemaOrgProblems(document), path).toEqual([]);
    }
  });
});

describe('OAI-PMH', () => {
  const oaiType = 'text/xml; charset=utf-8';

  /** A response, checked for the envelope every answer shares; returns the root and the element after <request>. */
  async function oai(query: string, init?: RequestInit): Promise<{ root: Element; body: Element; request: Element }> {
    const response = init ? await fetch(`${server.url}/oai`, init) : await get(`/oai?${query}`);
    expect(response.status, query).toBe(200);
    expect(response.headers.get('content-type'), query).toBe(oaiType);
    const root = parseXml(await response.text()).documentElement!;
    expect(root.localName).toBe('OAI-PMH');
    expect(root.namespaceURI).toBe(ns.oai);
    expect(root.getAttributeNS(ns.xsi, 'schemaLocation')).toBe(
      'http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd',
    );
    const [responseDate, request, body, ...rest] = childElements(root);
    expect(responseDate!.localName).toBe('responseDate');
    expect(responseDate!.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(request!.localName).toBe('request');
    expect(request!.textContent).toBe(`${server.url}/oai`);
    // Only errors come more than one to a response.
    if (rest.length) expect([body, ...rest].every((e) => e!.localName === 'error')).toBe(true);
    return { root, body: body!, request: request! };
  }

  async function expectError(query: string, code: string, echoes: boolean) {
    const { body, request } = await oai(query);
    expect(body.localName, query).toBe('error');
    expect(body.getAttribute('code'), query).toBe(code);
    expect(body.textContent, query).not.toBe('');
    const attributes = Array.from(request.attributes).map((a) => a.name);
    if (echoes) expect(attributes, query).toContain('verb');
    else expect(attributes, query).toEqual([]);
  }

  /** Follows resumption tokens to the end, checking each page's token; returns every header's identifier. */
  async function harvest(verb: 'ListIdentifiers' | 'ListRecords', args: string): Promise<{ identifiers: string[]; pages: number; headers: Element[] }> {
    const headers: Element[] = [];
    let query = `verb=${verb}&${args}`;
    let pages = 0;
    for (;;) {
      const { body } = await oai(query);
      expect(body.localName, query).toBe(verb);
      pages++;
      const items = childElements(body);
      const token = items.at(-1)?.localName === 'resumptionToken' ? items.pop()! : undefined;
      expect(new Set(items.map((e) => e.localName))).toEqual(new Set([verb === 'ListIdentifiers' ? 'header' : 'record']));
      headers.push(...items.map((e) => (verb === 'ListIdentifiers' ? e : childElements(e)[0]!)));
      if (!token || token.textContent === '') {
        if (token) expect(Number(token.getAttribute('completeListSize'))).toBe(headers.length);
        break;
      }
      expect(Number(token.getAttribute('cursor'))).toBe(headers.length - items.length);
      query = `verb=${verb}&resumptionToken=${encodeURIComponent(token.textContent!)}`;
    }
    return { identifiers: headers.map((h) => textsOf(h, ns.oai, 'identifier')[0]!), pages, headers };
  }

  it('Identify describes the repository in schema order, with no deleted records kept', async () => {
    const { body, request } = await oai('verb=Identify');
    expect(request.getAttribute('verb')).toBe('Identify');
    expect(body.localName).toBe('Identify');
    expect(childNames(body)).toEqual(['repositoryName', 'baseURL', 'protocolVersion', 'adminEmail', 'earliestDatestamp', 'deletedRecord', 'granularity']);
    expect(textsOf(body, ns.oai, 'baseURL')).toEqual([`${server.url}/oai`]);
    expect(textsOf(body, ns.oai, 'protocolVersion')).toEqual(['2.0']);
    expect(textsOf(body, ns.oai, 'deletedRecord')).toEqual(['no']);
    expect(textsOf(body, ns.oai, 'granularity')).toEqual(['YYYY-MM-DD']);
    expect(textsOf(body, ns.oai, 'earliestDatestamp')).toEqual([expected.map((i) => i.day).sort()[0]]);
    expect(textsOf(body, ns.oai, 'adminEmail')[0]).toMatch(/^\S+@\S+\.\S+$/);
  });

  it('ListMetadataFormats offers oai_dc, for the repository and for one item', async () => {
    for (const query of ['verb=ListMetadataFormats', `verb=ListMetadataFormats&identifier=oai:${host}:ebooks/ac-motor-control-and-plc`]) {
      const { body } = await oai(query);
      expect(body.localName).toBe('ListMetadataFormats');
      const format = childElements(body)[0]!;
      expect(childNames(format)).toEqual(['metadataPrefix', 'schema', 'metadataNamespace']);
      expect(textsOf(format, ns.oai, 'metadataPrefix')).toEqual(['oai_dc']);
    }
  });

  it('ListSets gives every field and type, with their parents', async () => {
    const { body } = await oai('verb=ListSets');
    const specs = textsOf(body, ns.oai, 'setSpec');
    expect(specs.filter((s) => s.startsWith('field:'))).toHaveLength(101);
    expect(specs).toEqual(expect.arrayContaining(['field', 'type', 'field:electrical-technology', 'field:hotel-management', 'type:ebooks', 'type:experts', 'type:articles']));
    expect(specs).toHaveLength(101 + 6 + 2);
    for (const set of childElements(body)) expect(childNames(set)).toEqual(['setSpec', 'setName']);
  });

  it('ListIdentifiers pages through every published item exactly once', async () => {
    // 45 demo entries in content/, the 30 rows added here and 8 demo articles: more than one page of 50.
    expect(expected).toHaveLength(83);
    const { identifiers, pages, headers } = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc');
    expect(pages).toBe(2);
    expect(new Set(identifiers).size).toBe(identifiers.length);
    expect(identifiers.map(keyOfIdentifier).sort()).toEqual(keys(expected));
    expect(identifiers).not.toContain(`oai:${host}:ebooks/hidden-draft`);
    for (const header of headers) {
      expect(childNames(header)[0]).toBe('identifier');
      expect(childNames(header)[1]).toBe('datestamp');
      expect(new Set(childNames(header).slice(2))).toEqual(new Set(['setSpec']));
      const item = expected.find((i) => i.key === keyOfIdentifier(textsOf(header, ns.oai, 'identifier')[0]!))!;
      expect(textsOf(header, ns.oai, 'datestamp')).toEqual([item.day]);
      expect(textsOf(header, ns.oai, 'setSpec')).toEqual([...item.fields.map((f) => `field:${f}`), `type:${item.key.split('/')[0]}`]);
    }
  });

  it('ListRecords pages through every published item exactly once, each with Dublin Core', async () => {
    const { identifiers, pages } = await harvest('ListRecords', 'metadataPrefix=oai_dc');
    expect(pages).toBe(2);
    expect(new Set(identifiers).size).toBe(identifiers.length);
    expect(identifiers.map(keyOfIdentifier).sort()).toEqual(keys(expected));
    const { body } = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    for (const record of childElements(body).filter((e) => e.localName === 'record')) {
      expect(childNames(record)).toEqual(['header', 'metadata']);
      const dc = childElements(childElements(record)[1]!)[0]!;
      expect(dc.localName).toBe('dc');
      expect(textsOf(dc, ns.dc, 'title').length).toBeGreaterThanOrEqual(1);
      expect(textsOf(dc, ns.dc, 'identifier')[0]).toMatch(new RegExp(`^${server.url}/(library|courses)/`));
    }
  });

  it('from and until select by datestamp, inclusive', async () => {
    const { identifiers } = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&from=2025-06-01&until=2025-09-30');
    const inRange = expected.filter((i) => i.day >= '2025-06-01' && i.day <= '2025-09-30');
    expect(inRange.length).toBeGreaterThan(0);
    expect(identifiers.map(keyOfIdentifier).sort()).toEqual(keys(inRange));
    const day = expected[0]!.day;
    const { identifiers: sameDay } = await harvest('ListIdentifiers', `metadataPrefix=oai_dc&from=${day}&until=${day}`);
    expect(sameDay.map(keyOfIdentifier).sort()).toEqual(keys(expected.filter((i) => i.day === day)));
    const { identifiers: later } = await harvest('ListRecords', 'metadataPrefix=oai_dc&from=2026-01-01');
    expect(later.map(keyOfIdentifier).sort()).toEqual(keys(expected.filter((i) => i.day >= '2026-01-01')));
  });

  it('set=field:electrical-technology returns only that field’s items, across pages', async () => {
    const { identifiers, headers } = await harvest('ListRecords', 'metadataPrefix=oai_dc&set=field:electrical-technology');
    expect(identifiers.map(keyOfIdentifier).sort()).toEqual(keys(expected.filter((i) => i.fields.includes('electrical-technology'))));
    for (const header of headers) expect(textsOf(header, ns.oai, 'setSpec')).toContain('field:electrical-technology');
    const { identifiers: experts } = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=type:experts');
    expect(experts.map(keyOfIdentifier).sort()).toEqual(keys(expected.filter((i) => i.key.startsWith('experts/'))));
  });

  it('GetRecord gives a research report as Dublin Core: both titles, authors, C.E. year, DOI', async () => {
    const identifier = `oai:${host}:research/iot-energy-monitoring-for-colleges`;
    const { body, request } = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`);
    expect(request.getAttribute('identifier')).toBe(identifier);
    expect(body.localName).toBe('GetRecord');
    const record = childElements(body)[0]!;
    expect(textsOf(record, ns.oai, 'identifier')).toEqual([identifier]);
    expect(textsOf(record, ns.oai, 'datestamp')).toEqual(['2025-05-19']);
    const titles = elementsNamed(record, ns.dc, 'title').map((t) => [t.getAttributeNS(ns.xml, 'lang'), t.textContent ?? '']);
    expect(titles.map((t) => t[0])).toEqual(['th', 'en']);
    expect(titles[1]![1]).toContain('IoT-based Electrical Energy Monitoring');
    expect(textsOf(record, ns.dc, 'creator')).toHaveLength(3);
    expect(textsOf(record, ns.dc, 'subject')).toEqual(expect.arrayContaining(['IoT', 'Modbus', 'Electronics']));
    expect(textsOf(record, ns.dc, 'date')).toEqual(['2024']);
    expect(textsOf(record, ns.dc, 'type')).toEqual(['Text', 'research']);
    expect(textsOf(record, ns.dc, 'format')).toEqual(['application/pdf']);
    expect(textsOf(record, ns.dc, 'identifier')).toEqual([`${server.url}/library/research/iot-energy-monitoring-for-colleges`, 'https://doi.org/10.5555/cvm.elec.2567.014']);
    expect(textsOf(record, ns.dc, 'publisher')).toEqual(['วิทยาลัยเทคนิคสระบุรี']);
    expect(textsOf(record, ns.dc, 'language')).toEqual(['th']);
    const order = childElements(elementsNamed(record, ns.oaiDc, 'dc')[0]!).map((e) => e.localName ?? '');
    const dcmes = ['title', 'creator', 'subject', 'description', 'publisher', 'date', 'type', 'format', 'identifier', 'language', 'rights'];
    expect(order).toEqual([...order].sort((a, b) => dcmes.indexOf(a) - dcmes.indexOf(b)));
  });

  it('answers POST (form-encoded) as GET, from a harvester that sends no Origin', async () => {
    const { body } = await oai('POST ListIdentifiers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=field:hotel-management',
    });
    expect(body.localName).toBe('ListIdentifiers');
    expect(textsOf(body, ns.oai, 'identifier').map(keyOfIdentifier).sort()).toEqual(keys(expected.filter((i) => i.fields.includes('hotel-management'))));
  });

  it('answers each error with its code, echoing arguments only where they were valid', async () => {
    const id = encodeURIComponent(`oai:${host}:ebooks/ac-motor-control-and-plc`);
    const cases: [string, string, boolean][] = [
      ['', 'badVerb', false],
      ['verb=Harvest', 'badVerb', false],
      ['verb=Identify&verb=ListSets', 'badVerb', false],
      ['verb=ListRecords', 'badArgument', false],
      ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument', false],
      ['verb=Identify&metadataPrefix=oai_dc', 'badArgument', false],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:ebooks&set=type:research', 'badArgument', false],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-30', 'badArgument', false],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01T00:00:00Z', 'badArgument', false],
      ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x', 'badArgument', false],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat', true],
      [`verb=GetRecord&metadataPrefix=mods&identifier=${id}`, 'cannotDisseminateFormat', true],
      [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${host}:ebooks/no-such-book`, 'idDoesNotExist', true],
      [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:${host}:ebooks/hidden-draft`, 'idDoesNotExist', true],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.example.org:ebooks/ac-motor-control-and-plc', 'idDoesNotExist', true],
      ['verb=ListMetadataFormats&identifier=oai:nowhere:x', 'idDoesNotExist', true],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01', 'noRecordsMatch', true],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=field:no-such-field', 'noRecordsMatch', true],
      ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken', true],
      ['verb=ListSets&resumptionToken=anything', 'badResumptionToken', true],
    ];
    for (const [query, code, echoes] of cases) await expectError(query, code, echoes);
  });

  it('refuses a resumption token that points past the end of the list', async () => {
    const { body } = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const token = childElements(body).at(-1)!.textContent!;
    const json = JSON.parse(Buffer.from(token, 'base64url').toString());
    const beyond = Buffer.from(JSON.stringify({ ...json, o: 10_000 })).toString('base64url');
    await expectError(`verb=ListIdentifiers&resumptionToken=${beyond}`, 'badResumptionToken', true);
  });
});
