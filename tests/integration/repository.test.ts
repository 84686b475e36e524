// The knowledge repository over real HTTP: lists, detail pages, downloads and the database half of the catalog.
import { describe, expect, it } from 'vitest';
import { saveItems } from '../../src/server/catalog/store.ts';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

const get = (path: string, headers: Record<string, string> = {}) => fetch(app.server.url + path, { headers, redirect: 'manual' });
const pdf = '/download/ebooks/ac-motor-control-and-plc/ac-motor-control-and-plc.pdf';

async function downloadsOf(itemKey: string): Promise<number> {
  // Counting happens just after the response; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const row = app.db.$client.prepare('select coalesce(sum(count), 0) as n from download_counts where item_key = ?').get(itemKey) as { n: number };
  return row.n;
}

describe('lists', () => {
  it('/library lists every type, filters by field and sorts by Thai title', async () => {
    const all = await (await get('/library')).text();
    expect(all).toMatch(/พบ \d+ รายการ/);
    const hotel = await (await get('/library?field=hotel-management&sort=title')).text();
    const titles = [...hotel.matchAll(/<h3><a href="\/library\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(titles.length).toBeGreaterThanOrEqual(4);
    expect(titles).toEqual([...titles].sort(new Intl.Collator('th').compare));
  });

  it('/experts, /research and /curricula list only their type, in English too', async () => {
    for (const [path, type] of [['/experts', 'experts'], ['/research', 'research'], ['/en/curricula', 'curricula']] as const) {
      const html = await (await get(path)).text();
      const links = [...html.matchAll(/href="(?:\/en)?\/library\/(\w+)\//g)].map((m) => m[1]);
      expect(links.length, path).toBeGreaterThan(0);
      expect(new Set(links), path).toEqual(new Set([type]));
    }
  });
});

describe('detail pages', () => {
  it('show metadata, a download button and JSON-LD that parses', async () => {
    const response = await get('/library/ebooks/ac-motor-control-and-plc');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('ผู้แต่ง');
    expect(html).toContain(`href="${pdf}"`);
    expect(html).toContain('property="og:type" content="book"');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(jsonLd).toMatchObject({ '@context': 'https://schema.org', '@type': 'Book', bookFormat: 'https://schema.org/EBook' });
  });

  it('give each type its schema.org type', async () => {
    const types = { research: 'ScholarlyArticle', experts: 'ProfilePage', courses: 'Course' };
    for (const [type, schemaType] of Object.entries(types)) {
      const list = await (await get(`/library?type=${type}`)).text();
      // A course's page is /courses/<slug>; other items' /library/<type>/<slug>.
      const href = new RegExp(`href="(/(?:library/)?${type}/[a-z0-9-]+)"`).exec(list)![1]!;
      const html = await (await get(href)).text();
      expect(JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!)['@type'], href).toBe(schemaType);
    }
  });

  it('hide expert contact details from anonymous visitors', async () => {
    const list = await (await get('/experts')).text();
    const href = /href="(\/library\/experts\/[^"]+)"/.exec(list)![1]!;
    const html = await (await get(href)).text();
    expect(html).toContain('ข้อมูลติดต่อแสดงเฉพาะครูและผู้ดูแลที่เข้าสู่ระบบแล้ว');
    const main = /<main[\s\S]*<\/main>/.exec(html)![0]; // the footer's mailto is the center's own
    expect(main).not.toMatch(/mailto:/);
    expect(html).not.toMatch(/@example\.(com|ac\.th)/);
  });

  it('answer 404 for an unknown type or item', async () => {
    expect((await get('/library/ebooks/no-such-book')).status).toBe(404);
    expect((await get('/library/bogus/x')).status).toBe(404);
  });
});

describe('downloads', () => {
  it('stream a real PDF with type, Thai file name, ETag and byte ranges', async () => {
    const before = await downloadsOf('ebooks/ac-motor-control-and-plc');
    const full = await get(pdf);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/pdf');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    const disposition = full.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="ac-motor-control-and-plc\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('การควบคุมมอเตอร์ไฟฟ้ากระแสสลับและระบบควบคุมแบบโปรแกรมได้ (PLC).pdf');
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(full.headers.get('content-length'))).toBe(bytes.length);
    expect(await downloadsOf('ebooks/ac-motor-control-and-plc')).toBe(before + 1);

    const etag = full.headers.get('etag')!;
    const part = await get(pdf, { Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    // Resuming is not a new download.
    expect(await downloadsOf('ebooks/ac-motor-control-and-plc')).toBe(before + 1);

    expect((await get(pdf, { 'If-None-Match': etag })).status).toBe(304);
    const past = await get(pdf, { Range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('answer 404 for a missing file and 400 for a path trick, never a file outside the store', async () => {
    expect((await get('/download/ebooks/ac-motor-control-and-plc/other.pdf')).status).toBe(404);
    expect((await get('/download/ebooks/no-such-book/x.pdf')).status).toBe(404);
    for (const trick of ['..%2F..%2F..%2Fpackage.json', '..%5C..%5Cpackage.json', '.env']) {
      const response = await get(`/download/ebooks/ac-motor-control-and-plc/${trick}`);
      expect(response.status, trick).toBe(400);
      expect(await response.text()).toContain('Invalid file name');
    }
  });

  it('are counted per signed-in person and listed in their account', async () => {
    const { user, cookie } = await signedInUser(app.db, { role: 'teacher', email: 'history-teacher@example.ac.th' });
    expect((await get(pdf, { cookie })).status).toBe(200);
    await downloadsOf('ebooks/ac-motor-control-and-plc');
    const rows = app.db.$client.prepare('select item_key, file from user_downloads where user_id = ?').all(user.id);
    expect(rows).toEqual([{ item_key: 'ebooks/ac-motor-control-and-plc', file: 'ac-motor-control-and-plc.pdf' }]);
    const account = await (await getPage(app.server, '/account', cookie)).text();
    expect(account).toMatch(/ประวัติการดาวน์โหลด[\s\S]*href="\/library\/ebooks\/ac-motor-control-and-plc"/);
  });

  it('show the most downloaded items of the month on the field page', async () => {
    await get(pdf);
    const html = await (await get('/fields/electrical-technology')).text();
    expect(html).toContain('ดาวน์โหลดมากที่สุดในเดือนนี้');
    expect(html).toMatch(/ดาวน์โหลด \d+ ครั้งในเดือนนี้/);
  });
});

describe('catalog merges files and database rows', () => {
  const row = {
    titleTh: 'คู่มือการบำรุงรักษาหม้อแปลงไฟฟ้า',
    authors: ['นายทดสอบ ระบบ'],
    summary: 'คู่มือที่ผู้ดูแลเพิ่มจากหน้าเว็บ',
    levels: ['hvc'],
    language: 'th',
    publisher: 'วิทยาลัยเทคนิคสระบุรี',
    year: 2569,
    licence: 'CC BY 4.0',
    fields: ['electrical-technology'],
    published: '2026-11-20',
  };

  it('shows a database item at once, and a database row overrides the file of the same slug', async () => {
    saveItems(app.db, [{ type: 'ebooks', slug: 'transformer-maintenance', data: row, body: 'เนื้อหา' }]);
    const detail = await get('/library/ebooks/transformer-maintenance');
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain('คู่มือการบำรุงรักษาหม้อแปลงไฟฟ้า');
    expect(await (await get('/library?field=electrical-technology')).text()).toContain('/library/ebooks/transformer-maintenance');

    saveItems(app.db, [{ type: 'ebooks', slug: 'hotel-front-office-operations', data: { ...row, titleTh: 'ฉบับแก้ไขจากหน้าเว็บ' }, body: '' }]);
    expect(await (await get('/library/ebooks/hotel-front-office-operations')).text()).toContain('ฉบับแก้ไขจากหน้าเว็บ');
  });

  it('hides an unpublished item, its page and its files', async () => {
    saveItems(app.db, [
      { type: 'ebooks', slug: 'ac-motor-control-and-plc', data: { ...row, files: [{ path: 'files/demo/ac-motor-control-and-plc.pdf', label: 'x', kind: 'pdf' }] }, body: '', status: 'unpublished' },
    ]);
    expect((await get('/library/ebooks/ac-motor-control-and-plc')).status).toBe(404);
    expect((await get(pdf)).status).toBe(404);
    expect(await (await get('/library')).text()).not.toContain('/library/ebooks/ac-motor-control-and-plc"');
  });
});
