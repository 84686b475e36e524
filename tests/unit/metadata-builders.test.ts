// The pure builders behind /sitemap.xml, the Atom feeds and /oai: escaping, Dublin Core, paging and the XML itself.
import { describe, expect, it } from 'vitest';
import { schemaFor, type CatalogItem, type ContentType } from '../../src/lib/content/types.ts';
import { atomXml, itemAtomEntry } from '../../src/lib/metadata/atom.ts';
import { firstParagraph } from '../../src/lib/metadata/describe.ts';
import { dublinCoreXml, itemDublinCore } from '../../src/lib/metadata/dublin-core.ts';
import { oaiIdentifier, pageOfRecords, parseOaiIdentifier } from '../../src/lib/metadata/oai-records.ts';
import { decodeResumptionToken } from '../../src/lib/metadata/oai-request.ts';
import { identifyXml, oaiEnvelope, recordXml, verbXml } from '../../src/lib/metadata/oai-response.ts';
import { robotsTxt, sitemapFileCount, sitemapIndexXml, sitemapXml } from '../../src/lib/metadata/sitemap.ts';
import { escapeXml, xmlElement, xmlText } from '../../src/lib/metadata/xml.ts';
import { itemJsonLd, listJsonLd } from '../../src/lib/catalog/json-ld.ts';
import { childNames, elementsNamed, parseXml, textsOf, xmlns as ns } from '../helpers/xml.ts';


function item(type: ContentType, slug: string, data: Record<string, unknown>, body = ''): CatalogItem {
  return { type, slug, data: schemaFor[type].parse(data), body, source: 'file', status: 'published' } as CatalogItem;
}

const ebook = item('ebooks', 'plc-basics', {
  titleTh: 'พื้นฐาน PLC & <การควบคุม>',
  titleEn: 'PLC basics',
  authors: ['นายหนึ่ง', 'นางสอง'],
  summary: 'สรุป "เนื้อหา"',
  files: [
    { path: 'files/plc.pdf', label: 'PDF', kind: 'pdf' },
    { path: 'files/plc.epub', label: 'EPUB', kind: 'epub' },
  ],
  levels: ['vc'],
  language: 'th',
  publisher: 'วิทยาลัยเทคนิคสระบุรี',
  year: 2567,
  licence: 'CC BY 4.0',
  keywords: ['PLC'],
  fields: ['electrical-technology'],
  published: '2025-05-01',
});
const research = item(
  'research',
  'energy-iot',
  { titleTh: 'ระบบ IoT', authors: ['นายสาม'], year: 2566, institution: 'วิทยาลัยเทคนิคกระบี่', doi: '10.5555/x.1', fields: ['electronics', 'electrical-technology'], published: '2025-03-10' },
  '## บทคัดย่อ\n\nงานวิจัย **นี้** ศึกษา [ระบบ](https://example.org) `IoT`\nในวิทยาลัย\n\nย่อหน้าที่สอง',
);
const expert = item(
  'experts',
  'somchai',
  { nameTh: 'นายสมชาย', titleTh: 'ครู', organization: 'วิทยาลัย', organizationType: 'college', expertise: ['ไฟฟ้า'], fields: ['hotel-management'], published: '2025-08-20' },
  'สอนไฟฟ้ามา 20 ปี',
);
const fieldNames = new Map([
  ['electrical-technology', { th: 'ไฟฟ้า', en: 'Electrical Technology' }],
  ['electronics', { th: 'อิเล็กทรอนิกส์', en: 'Electronics' }],
]);

describe('XML writing', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('bell\u0007 tab\t lone\ud800 pair😀')).toBe('bell tab\t lone pair😀');
    expect(xmlElement('a', { x: '1', y: undefined })).toBe('<a x="1"/>');
    expect(xmlText('b', 'x<y', { lang: 'th' })).toBe('<b lang="th">x&lt;y</b>');
    expect(() => parseXml(xmlText('t', 'odd \u0000\u001f\ufffe text & <tags>'))).not.toThrow();
  });
});

describe('sitemap and robots.txt', () => {
  it('splits addresses into files of a page size, and indexes the files', () => {
    expect([0, 1, 50, 51, 100, 101].map((n) => sitemapFileCount(n, 50))).toEqual([1, 1, 1, 2, 2, 3]);
    const doc = parseXml(sitemapIndexXml('https://ic.example.ac.th', 3));
    expect(doc.documentElement!.localName).toBe('sitemapindex');
    expect(textsOf(doc, ns.sitemap, 'loc')).toEqual([1, 2, 3].map((n) => `https://ic.example.ac.th/sitemap-${n}.xml`));
  });

  it('lists Thai pages with their English alternates', () => {
    const doc = parseXml(sitemapXml('https://ic.example.ac.th', [{ path: '/' }, { path: '/library/ebooks/plc-basics', lastmod: ebook.data.published }]));
    expect(textsOf(doc, ns.sitemap, 'loc')).toEqual(['https://ic.example.ac.th/', 'https://ic.example.ac.th/library/ebooks/plc-basics']);
    expect(textsOf(doc, ns.sitemap, 'lastmod')).toEqual(['2025-05-01']);
    const links = elementsNamed(doc, ns.xhtml, 'link').slice(3).map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]);
    expect(links).toEqual([
      ['th', 'https://ic.example.ac.th/library/ebooks/plc-basics'],
      ['en', 'https://ic.example.ac.th/en/library/ebooks/plc-basics'],
      ['x-default', 'https://ic.example.ac.th/library/ebooks/plc-basics'],
    ]);
    expect(elementsNamed(doc, ns.xhtml, 'link')[1]!.getAttribute('href')).toBe('https://ic.example.ac.th/en/');
    const robots = robotsTxt('https://ic.example.ac.th');
    expect(robots).toContain('Sitemap: https://ic.example.ac.th/sitemap.xml\n');
    for (const path of ['/admin', '/en/admin', '/account', '/api/', '/search', '/en/search']) expect(robots).toContain(`Disallow: ${path}\n`);
    expect(robots).not.toMatch(/Disallow: \/(library|fields|experts)/);
  });
});

describe('Atom', () => {
  it('writes entries newest first with authors, category and summary', () => {
    const entries = [research, ebook, expert].map((i) => itemAtomEntry(i, `https://x.th/library/${i.type}/${i.slug}`, i.type.toUpperCase()));
    const doc = parseXml(atomXml({ pageUrl: 'https://x.th/', selfUrl: 'https://x.th/feed.xml', title: 'ฟีด', lang: 'th', authorName: 'คลัง', entries, updatedWhenEmpty: new Date('2020-01-01') }));
    expect(childNames(doc.documentElement!).slice(0, 6)).toEqual(['id', 'title', 'link', 'link', 'updated', 'author']);
    const atomEntries = elementsNamed(doc, ns.atom, 'entry');
    expect(atomEntries.map((e) => textsOf(e, ns.atom, 'id')[0])).toEqual([
      'https://x.th/library/experts/somchai',
      'https://x.th/library/ebooks/plc-basics',
      'https://x.th/library/research/energy-iot',
    ]);
    expect(textsOf(doc.documentElement!, ns.atom, 'updated')[0]).toBe('2025-08-20T00:00:00Z');
    const book = atomEntries[1]!;
    expect(textsOf(book, ns.atom, 'title')).toEqual(['พื้นฐาน PLC & <การควบคุม>']);
    expect(textsOf(book, ns.atom, 'name')).toEqual(['นายหนึ่ง', 'นางสอง']);
    expect(textsOf(book, ns.atom, 'summary')).toEqual(['สรุป "เนื้อหา"']);
    expect(elementsNamed(book, ns.atom, 'category')[0]!.getAttribute('term')).toBe('ebooks');
    expect(textsOf(atomEntries[2]!, ns.atom, 'summary')).toEqual(['งานวิจัย นี้ ศึกษา ระบบ IoT ในวิทยาลัย']);
  });

  it('when empty, says it was updated at the date it is given (the catalog\'s newest change), never 1970', () => {
    const doc = parseXml(atomXml({ pageUrl: 'https://x.th/', selfUrl: 'https://x.th/feed.xml', title: 't', lang: 'th', authorName: 'a', entries: [], updatedWhenEmpty: new Date('2025-08-20T00:00:00Z') }));
    expect(textsOf(doc, ns.atom, 'updated')).toEqual(['2025-08-20T00:00:00Z']);
  });

  it('an English feed takes the English title and summary where the item has them', () => {
    const english = { ...ebook, data: { ...ebook.data, titleEn: 'PLC basics', summaryEn: 'An English summary' } } as CatalogItem;
    const entry = itemAtomEntry(english, 'https://x.th/en/library/ebooks/plc-basics', 'E-book', 'en');
    expect([entry.title, entry.summary]).toEqual(['PLC basics', 'An English summary']);
    expect(itemAtomEntry(research, 'https://x.th/en/library/research/energy-iot', 'Research', 'en').summary).toBe('งานวิจัย นี้ ศึกษา ระบบ IoT ในวิทยาลัย');
  });
});

describe('Dublin Core', () => {
  const values = (i: CatalogItem) => itemDublinCore(i, { url: `https://x.th/library/${i.type}/${i.slug}`, fieldNames });

  it('describes an e-book: both titles, authors, subjects, C.E. year, formats, licence', () => {
    expect(values(ebook)).toEqual([
      { element: 'title', value: 'พื้นฐาน PLC & <การควบคุม>', lang: 'th' },
      { element: 'title', value: 'PLC basics', lang: 'en' },
      { element: 'creator', value: 'นายหนึ่ง' },
      { element: 'creator', value: 'นางสอง' },
      { element: 'subject', value: 'PLC' },
      { element: 'subject', value: 'ไฟฟ้า', lang: 'th' },
      { element: 'subject', value: 'Electrical Technology', lang: 'en' },
      { element: 'description', value: 'สรุป "เนื้อหา"', lang: 'th' },
      { element: 'publisher', value: 'วิทยาลัยเทคนิคสระบุรี' },
      { element: 'date', value: '2024' },
      { element: 'type', value: 'Text' },
      { element: 'type', value: 'e-book' },
      { element: 'format', value: 'application/pdf' },
      { element: 'format', value: 'application/epub+zip' },
      { element: 'identifier', value: 'https://x.th/library/ebooks/plc-basics' },
      { element: 'language', value: 'th' },
      { element: 'rights', value: 'CC BY 4.0' },
    ]);
  });

  it('gives research its DOI and an expert the day of publication and no creator', () => {
    expect(values(research).filter((v) => v.element === 'identifier').map((v) => v.value)).toEqual([
      'https://x.th/library/research/energy-iot',
      'https://doi.org/10.5555/x.1',
    ]);
    expect(values(research).find((v) => v.element === 'date')?.value).toBe('2023');
    const person = values(expert);
    expect(person.filter((v) => ['creator', 'publisher', 'rights'].includes(v.element))).toEqual([]);
    expect(person.filter((v) => ['date', 'type', 'format'].includes(v.element)).map((v) => v.value)).toEqual(['2025-08-20', 'person', 'text/html']);
  });

  it('writes oai_dc with xml:lang', () => {
    const doc = parseXml(dublinCoreXml(values(ebook)));
    expect(doc.documentElement!.namespaceURI).toBe(ns.oaiDc);
    const titles = elementsNamed(doc, ns.dc, 'title');
    expect(titles.map((t) => t.getAttributeNS(ns.xml, 'lang'))).toEqual(['th', 'en']);
  });

  it('takes a plain first paragraph from Markdown', () => {
    expect(firstParagraph('# หัวข้อ\n\n- รายการ\n\nข้อความ *เน้น* <b>html</b> ต่อ\n\nอื่น')).toBe('ข้อความ เน้น html ต่อ');
    expect(firstParagraph('')).toBeUndefined();
  });
});

describe('OAI-PMH records', () => {
  it('name items by host, type and slug', () => {
    expect(oaiIdentifier('ic.example.ac.th', ebook)).toBe('oai:ic.example.ac.th:ebooks/plc-basics');
    expect(parseOaiIdentifier('ic.example.ac.th', 'oai:ic.example.ac.th:ebooks/plc-basics')).toEqual({ type: 'ebooks', slug: 'plc-basics' });
    for (const other of ['oai:other.th:ebooks/plc-basics', 'oai:ic.example.ac.th:books/x', 'oai:ic.example.ac.th:ebooks/', 'oai:ic.example.ac.th:ebooks/a/b', 'plc-basics']) {
      expect(parseOaiIdentifier('ic.example.ac.th', other), other).toBeUndefined();
    }
  });

  it('page through a list with tokens that carry the arguments', () => {
    const list = { metadataPrefix: 'oai_dc', set: 'type:ebooks' };
    const numbers = Array.from({ length: 7 }, (_, i) => i);
    const seen: number[] = [];
    let offset = 0;
    for (let pages = 0; pages < 10; pages++) {
      const page = pageOfRecords(numbers.slice(offset, offset + 3), numbers.length, list, offset);
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...page.records);
      expect(page.resumption).toMatchObject({ completeListSize: 7, cursor: offset });
      if (!page.resumption!.token) break;
      const next = decodeResumptionToken(page.resumption!.token)!;
      expect(next.list).toEqual(list);
      offset = next.offset;
    }
    expect(seen).toEqual(numbers);
    expect(pageOfRecords(numbers, numbers.length, list, 0)).toEqual({ ok: true, records: numbers });
    expect(pageOfRecords([], 0, list, 0)).toMatchObject({ ok: false, error: { code: 'noRecordsMatch' } });
    expect(pageOfRecords([], numbers.length, list, 9)).toMatchObject({ ok: false, error: { code: 'badResumptionToken' } });
  });
});

describe('OAI-PMH responses', () => {
  const identity = { name: 'คลัง', baseUrl: 'https://ic.example.ac.th/oai', adminEmail: 'a@ic.example.ac.th', earliestDatestamp: '2025-03-10' };

  it('wrap every answer in the envelope, elements in schema order', () => {
    const xml = oaiEnvelope({ responseDate: new Date('2026-01-02T03:04:05.678Z'), baseUrl: identity.baseUrl, echo: { verb: 'Identify' }, body: identifyXml({ ...identity, host: 'ic.example.ac.th', sampleIdentifier: 'oai:ic.example.ac.th:ebooks/x' }) });
    const root = parseXml(xml).documentElement!;
    expect(root.namespaceURI).toBe(ns.oai);
    expect(root.getAttributeNS(ns.xsi, 'schemaLocation')).toContain('OAI-PMH.xsd');
    expect(childNames(root)).toEqual(['responseDate', 'request', 'Identify']);
    expect(textsOf(root, ns.oai, 'responseDate')).toEqual(['2026-01-02T03:04:05Z']);
    const identify = elementsNamed(root, ns.oai, 'Identify')[0]!;
    expect(childNames(identify)).toEqual(['repositoryName', 'baseURL', 'protocolVersion', 'adminEmail', 'earliestDatestamp', 'deletedRecord', 'granularity', 'description']);
    expect(textsOf(root, ns.oaiIdentifier, 'repositoryIdentifier')).toEqual(['ic.example.ac.th']);
  });

  it('leave out the oai-identifier description where the host is no domain name', () => {
    const identify = parseXml(identifyXml({ ...identity, host: '127.0.0.1', sampleIdentifier: 'oai:127.0.0.1:ebooks/x' })).documentElement!;
    expect(childNames(identify)).not.toContain('description');
  });

  it('end a paged list with an empty resumption token', () => {
    const header = { identifier: 'oai:x.th:ebooks/a', datestamp: '2025-01-01', setSpecs: ['field:a', 'type:ebooks'] };
    const list = parseXml(verbXml('ListRecords', [recordXml(header, '<x/>')], { token: '', completeListSize: 51, cursor: 50 })).documentElement!;
    expect(childNames(list)).toEqual(['record', 'resumptionToken']);
    const token = list.getElementsByTagName('resumptionToken')[0]!;
    expect(token.textContent).toBe('');
    expect(token.getAttribute('completeListSize')).toBe('51');
    expect(childNames(list.getElementsByTagName('header')[0]!)).toEqual(['identifier', 'datestamp', 'setSpec', 'setSpec']);
  });
});

describe('JSON-LD', () => {
  it('describes an expert as a profile page about a person, without properties a Person does not take', () => {
    const doc = itemJsonLd(expert, 'https://x.th/library/experts/somchai', ['การโรงแรม']) as unknown as Record<string, Record<string, unknown>>;
    expect(doc['@type']).toBe('ProfilePage');
    expect(doc.mainEntity).toMatchObject({ '@type': 'Person', name: 'นายสมชาย', worksFor: { '@type': 'Organization', name: 'วิทยาลัย' } });
    expect(doc.mainEntity).not.toHaveProperty('about');
    expect(doc.mainEntity).not.toHaveProperty('inLanguage');
  });

  it('dates a work by its day when that day is in its stated year, else by the year', () => {
    const book = itemJsonLd(ebook, 'https://x.th/e', []) as unknown as Record<string, unknown>;
    expect(book.datePublished).toBe('2024'); // published on the site in 2025, a 2567 (2024) book
    const paper = itemJsonLd(research, 'https://x.th/r', ['ไฟฟ้า']) as unknown as Record<string, unknown>;
    expect(paper.datePublished).toBe('2023');
    expect(paper.about).toEqual([{ '@type': 'Thing', name: 'ไฟฟ้า' }]);
  });

  it('dates a work by its day when the day is known and in its year, and names a curriculum\'s credential in words', () => {
    const dated = item('research', 'dated', { titleTh: 'งานวิจัยมีวันที่', authors: ['นายสี่'], year: 2568, institution: 'วิทยาลัย', fields: ['electronics'], published: '2025-03-10' });
    expect((itemJsonLd(dated, 'https://x.th/d', []) as unknown as Record<string, unknown>).datePublished).toBe('2025-03-10');
    const curriculum = item('curricula', 'hvc-ev', {
      nameTh: 'หลักสูตร ปวส. ยานยนต์ไฟฟ้า', level: 'hvc', code: '30121', year: 2563, nqfLevel: 5, credits: 85,
      units: [{ code: '30121-2001', nameTh: 'ระบบไฟฟ้าแรงดันสูง' }], fields: ['electronics'], published: '2025-07-07',
    });
    const program = itemJsonLd(curriculum, 'https://x.th/c', ['อิเล็กทรอนิกส์']) as unknown as Record<string, unknown>;
    expect(program['@type']).toBe('EducationalOccupationalProgram');
    expect(program.educationalCredentialAwarded).toMatch(/ประกาศนียบัตรวิชาชีพชั้นสูง \(ปวส\.\).*Diploma of Vocational Education/);
    // Properties an EducationalOccupationalProgram does not take.
    expect(program).not.toHaveProperty('about');
    expect(program).not.toHaveProperty('inLanguage');
  });

  it('lists a page of items as a CollectionPage with its ItemList', () => {
    const doc = listJsonLd({ url: 'https://x.th/library', name: 'คลัง' }, [{ url: 'https://x.th/a', name: 'A' }, { url: 'https://x.th/b', name: 'B' }]);
    expect(doc.mainEntity).toMatchObject({ '@type': 'ItemList', numberOfItems: 2, itemListElement: [{ position: 1, url: 'https://x.th/a' }, { position: 2, name: 'B' }] });
  });
});
