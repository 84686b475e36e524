// Admins add and edit library items from the browser's forms: multipart over real HTTP, real SQLite, real files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
import { saveItems } from '../../src/server/catalog/store.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

// Its own uploads folder, so the held files of a preview can be looked at.
const uploads = tempDir('ic-admin-items-uploads-');
afterAll(() => uploads.remove());
const app = useServer({ env: { UPLOADS_DIR: uploads.path } });
let admin: string;
let teacher: string;
let student: string;
beforeAll(async () => {
  admin = (await signedInUser(app.db, { role: 'admin', email: 'items-admin@example.ac.th' })).cookie;
  teacher = (await signedInUser(app.db, { role: 'teacher', email: 'items-teacher@example.ac.th' })).cookie;
  student = (await signedInUser(app.db, { role: 'student', email: 'items-student@example.ac.th' })).cookie;
});

const pdf = () => new Blob([`%PDF-1.4\n${'เนื้อหา '.repeat(200)}\n%%EOF\n`], { type: 'application/pdf' });

const ebook = {
  titleTh: 'คู่มือการติดตั้งระบบโซลาร์เซลล์บนหลังคา',
  titleEn: 'Rooftop Solar Installation Handbook',
  authors: 'นายสุริยา แสงดี\nนางสาวพลอย ใจงาม',
  summary: 'การออกแบบและติดตั้งระบบผลิตไฟฟ้าจากแสงอาทิตย์บนหลังคาอาคาร',
  levels: ['hvc', 'short-course'],
  language: 'th',
  publisher: 'วิทยาลัยเทคนิคชัยภูมิ',
  year: '2569',
  licence: 'CC BY-NC-SA 4.0',
  keywords: 'โซลาร์เซลล์\nอินเวอร์เตอร์',
  fields: ['renewable-energy-technology'],
  published: '2026-11-01',
  body: '## บทนำ\n\nพลังงานแสงอาทิตย์',
};

function multipart(fields: Record<string, string | string[]>, files: [string, Blob, string][] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  for (const [name, blob, fileName] of files) form.append(name, blob, fileName);
  return form;
}

const post = (path: string, body: FormData, cookie: string) =>
  fetch(app.server.url + path, { method: 'POST', body, headers: { cookie, origin: app.server.url }, redirect: 'manual' });

describe('admin item forms', () => {
  it('create an e-book with a PDF that is listed, shown and downloadable at once', async () => {
    const response = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, intent: 'save' }, [['upload', pdf(), 'คู่มือโซลาร์.pdf']]), admin);
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toBe('/admin/items/ebooks/rooftop-solar-installation-handbook?done=saved');

    const list = await (await getPage(app.server, '/library?field=renewable-energy-technology')).text();
    expect(list).toContain('คู่มือการติดตั้งระบบโซลาร์เซลล์บนหลังคา');
    const page = await (await getPage(app.server, '/library/ebooks/rooftop-solar-installation-handbook')).text();
    const href = /href="(\/download\/ebooks\/rooftop-solar-installation-handbook\/[^"]+\.pdf)"/.exec(page)![1]!;
    const download = await getPage(app.server, href);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(download.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('คู่มือโซลาร์.pdf');
    expect((await download.text()).startsWith('%PDF-')).toBe(true);
  });

  it('preview without saving, and keep what was typed when input is wrong', async () => {
    const preview = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, titleTh: 'ตัวอย่างที่ยังไม่บันทึก', intent: 'preview' }), admin);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('ตัวอย่างก่อนบันทึก');
    expect(html).toContain('ตัวอย่างที่ยังไม่บันทึก');
    expect(app.db.$client.prepare("select count(*) as n from catalog_items where json_extract(data, '$.titleTh') = ?").get('ตัวอย่างที่ยังไม่บันทึก')).toEqual({ n: 0 });

    const bad = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, titleTh: 'ปีผิด', year: '2019', fields: [], intent: 'save' }), admin);
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('กรุณาแก้ไขช่องที่มีข้อผิดพลาดด้านล่าง');
    expect(page).toMatch(/id="year-error"/);
    expect(page).toMatch(/id="fields-error"/);
    expect(page).toContain('value="ปีผิด"');
  });

  it('refuse a file whose content is not what its name says, saving nothing', async () => {
    const fake = new Blob(['MZ this is a program'], { type: 'application/pdf' });
    const response = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, slug: 'fake-pdf', intent: 'save' }, [['upload', fake, 'book.pdf']]), admin);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ไม่รองรับไฟล์ประเภทนี้');
    expect((await getPage(app.server, '/library/ebooks/fake-pdf')).status).toBe(404);
  });

  it('edit a curated file item from the web, and unpublish it', async () => {
    const path = '/admin/items/ebooks/hotel-front-office-operations';
    const form = await (await getPage(app.server, path, admin)).text();
    expect(form).toContain('งานบริการส่วนหน้า');
    const keepFile = [...form.matchAll(/name="keepFile" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(keepFile).toEqual(['files/demo/hotel-front-office-operations.pdf']);
    const edited = await post(path, multipart({ ...ebook, titleTh: 'งานบริการส่วนหน้า ฉบับปรับปรุง 2569', fields: ['hotel-management'], keepFile, intent: 'save' }), admin);
    expect(edited.status).toBe(303);
    expect(await (await getPage(app.server, '/library/ebooks/hotel-front-office-operations')).text()).toContain('งานบริการส่วนหน้า ฉบับปรับปรุง 2569');

    expect((await post(path, multipart({ intent: 'unpublish' }), admin)).status).toBe(303);
    expect((await getPage(app.server, '/library/ebooks/hotel-front-office-operations')).status).toBe(404);
    expect(await (await getPage(app.server, '/admin/items?type=ebooks', admin)).text()).toContain('งดเผยแพร่');
    expect((await post(path, multipart({ intent: 'publish' }), admin)).status).toBe(303);
    expect((await getPage(app.server, '/library/ebooks/hotel-front-office-operations')).status).toBe(200);
  });

  it('are for admins only: others get 403 and nothing changes', async () => {
    for (const cookie of [teacher, student]) {
      const response = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, slug: 'not-allowed', intent: 'save' }), cookie);
      expect(response.status).toBe(403);
      expect((await getPage(app.server, '/admin/items', cookie)).status).toBe(403);
    }
    expect((await getPage(app.server, '/library/ebooks/not-allowed')).status).toBe(404);
    const anonymous = await postForm(app.server, '/admin/items/new?type=ebooks', { ...ebook, intent: 'save' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});

describe('the item form from preview to save', () => {
  const pendingIds = (html: string) => [...html.matchAll(/name="pendingUpload" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
  const pendingDir = () => join(uploads.path, '.pending');

  it('keeps a file chosen before a preview, and saves it with the item', async () => {
    const fields = { ...ebook, titleTh: 'คู่มือติดตั้งสถานีอัดประจุรถยนต์ไฟฟ้า', titleEn: 'EV Charging Station Installation' };
    const preview = await post('/admin/items/new?type=ebooks', multipart({ ...fields, intent: 'preview' }, [['upload', pdf(), 'ev-charging-station-installation.pdf']]), admin);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('ev-charging-station-installation.pdf');
    const ids = pendingIds(html);
    expect(ids).toHaveLength(1);
    expect(readdirSync(pendingDir())).toContain(ids[0]);

    // A second preview without choosing the file again still has it.
    const again = await post('/admin/items/new?type=ebooks', multipart({ ...fields, pendingUpload: ids, intent: 'preview' }), admin);
    expect(pendingIds(await again.text())).toEqual(ids);

    // Another admin cannot use this admin's held file.
    const other = (await signedInUser(app.db, { role: 'admin', email: 'items-admin2@example.ac.th' })).cookie;
    const stolen = await post('/admin/items/new?type=ebooks', multipart({ ...fields, slug: 'not-mine', pendingUpload: ids, intent: 'save' }), other);
    expect(stolen.status).toBe(400);

    const saved = await post('/admin/items/new?type=ebooks', multipart({ ...fields, pendingUpload: ids, intent: 'save' }), admin);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/items/ebooks/ev-charging-station-installation?done=saved');
    expect(readdirSync(pendingDir())).toEqual([]);

    const page = await (await getPage(app.server, '/library/ebooks/ev-charging-station-installation')).text();
    const link = /<a class="button" href="(\/download\/ebooks\/ev-charging-station-installation\/[^"]+\.pdf)" download>([^<]*)</.exec(page)!;
    // The test PDF is 4,416 bytes.
    expect(pdf().size).toBe(4416);
    expect(link[2]).toBe('ดาวน์โหลด PDF · 4.4 KB');
    expect(page).not.toContain('ดาวน์โหลด ev-charging-station');
    const download = await getPage(app.server, link[1]!);
    expect(download.status).toBe(200);
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toContain('filename="ev-charging-station-installation.pdf"');
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('ev-charging-station-installation.pdf');
  });

  it('refuses to publish an e-book without a file, in Thai and in English, and says so next to the file input', async () => {
    const thai = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, slug: 'no-file', intent: 'save' }), admin);
    expect(thai.status).toBe(400);
    const html = await thai.text();
    expect(html).toMatch(/id="upload-error"[^>]*>อีบุ๊กต้องมีไฟล์อย่างน้อยหนึ่งไฟล์/);
    const english = await post('/en/admin/items/new?type=ebooks', multipart({ ...ebook, slug: 'no-file', intent: 'save' }), admin);
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('An e-book needs at least one file to be published');
    expect((await getPage(app.server, '/library/ebooks/no-file')).status).toBe(404);
    expect((await getPage(app.server, '/admin/items/ebooks/no-file', admin)).status).toBe(404);
  });

  it('saves a draft that only admins see, listed with a badge, published later with its file', async () => {
    const draft = { ...ebook, slug: 'draft-welding-basics', titleTh: 'ร่างคู่มืองานเชื่อมเบื้องต้น' };
    const saved = await post('/admin/items/new?type=ebooks', multipart({ ...draft, intent: 'draft' }), admin);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/items/ebooks/draft-welding-basics?done=draft');
    expect((await getPage(app.server, '/library/ebooks/draft-welding-basics')).status).toBe(404);
    expect((await getPage(app.server, '/library/ebooks/draft-welding-basics', teacher)).status).toBe(404);
    expect(await (await getPage(app.server, '/library?type=ebooks')).text()).not.toContain('ร่างคู่มืองานเชื่อมเบื้องต้น');
    const list = await (await getPage(app.server, '/admin/items?q=ร่างคู่มือ', admin)).text();
    expect(list).toMatch(/ร่างคู่มืองานเชื่อมเบื้องต้น<\/a><\/td><td>[^<]*<\/td><td><span class="badge status-draft">ฉบับร่าง<\/span>/);

    // Without a file it cannot be published; saved with one, it is.
    const path = '/admin/items/ebooks/draft-welding-basics';
    expect((await post(path, multipart({ intent: 'publish' }), admin)).status).toBe(400);
    const form = await (await getPage(app.server, path, admin)).text();
    expect(form).toContain('value="draft"');
    expect(form).toContain('บันทึกและเผยแพร่');
    const published = await post(path, multipart({ ...draft, intent: 'save' }, [['upload', pdf(), 'งานเชื่อม.pdf']]), admin);
    expect(published.status).toBe(303);
    expect((await getPage(app.server, '/library/ebooks/draft-welding-basics')).status).toBe(200);
  });

  it('asks to choose where a required choice is empty, and reads dates in the Buddhist Era', async () => {
    const empty = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, language: '', licence: '', published: '31/02/2569', intent: 'preview' }), admin);
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toMatch(/id="language-error"[^>]*>กรุณาเลือก</);
    expect(html).toMatch(/id="licence-error"[^>]*>กรุณาเลือก</);
    expect(html).toMatch(/id="published-error"[^>]*>วันที่ไม่ถูกต้อง/);
    const english = await (await post('/en/admin/items/new?type=ebooks', multipart({ ...ebook, language: '', intent: 'preview' }), admin)).text();
    expect(english).toMatch(/id="language-error"[^>]*>Please choose</);

    const beDate = await post('/admin/items/new?type=ebooks', multipart({ ...ebook, slug: 'be-date', published: '19/01/2569', licence: 'other', licenceOther: 'GFDL 1.3', intent: 'save' }, [['upload', pdf(), 'a.pdf']]), admin);
    expect(beDate.status).toBe(303);
    const stored = app.db.$client.prepare("select json_extract(data, '$.published') as published, json_extract(data, '$.licence') as licence from catalog_items where slug = 'be-date'").get();
    expect(stored).toEqual({ published: '2026-01-19', licence: 'GFDL 1.3' });
    const form = await (await getPage(app.server, '/admin/items/ebooks/be-date', admin)).text();
    expect(form).toContain('value="19/01/2569"');
    expect(form).toMatch(/<option value="other" selected/);
    expect(form).toContain('value="GFDL 1.3"');
  });

  it('lists items for admins by a text search, a page at a time', async () => {
    const found = await (await getPage(app.server, '/admin/items?q=charging-station', admin)).text();
    expect(found).toContain('คู่มือติดตั้งสถานีอัดประจุรถยนต์ไฟฟ้า');
    expect(found).not.toContain('งานบริการส่วนหน้า');
    expect(found).toContain('value="charging-station"');
    const count = (html: string) => Number(/พบ ([\d,]+) รายการ/.exec(html)![1]!.replace(',', ''));
    const everything = count(await (await getPage(app.server, '/admin/items', admin)).text());
    const thai = await (await getPage(app.server, `/admin/items?q=${encodeURIComponent('คู่มือ')}`, admin)).text();
    expect(count(thai)).toBeGreaterThan(0);
    expect(count(thai)).toBeLessThan(everything);
    // % and _ are text to find, not patterns.
    expect(count(await (await getPage(app.server, '/admin/items?q=%25', admin)).text())).toBe(0);
    // More than a page of matches: the next page keeps the search.
    saveItems(app.db, Array.from({ length: 55 }, (_, n) => ({
      type: 'research' as const,
      slug: `paged-search-${n}`,
      data: { titleTh: `รายงานชุดแบ่งหน้า ${n}`, authors: ['ผู้วิจัย'], year: 2569, institution: 'วิทยาลัย', fields: ['hotel-management'], published: '2026-01-01' },
      body: '',
    })));
    const pageOne = await (await getPage(app.server, `/admin/items?q=${encodeURIComponent('ชุดแบ่งหน้า')}`, admin)).text();
    expect(count(pageOne)).toBe(55);
    expect(pageOne).toContain(`page=2&amp;q=${encodeURIComponent('ชุดแบ่งหน้า')}`);
    const pageTwo = await (await getPage(app.server, `/admin/items?page=2&q=${encodeURIComponent('ชุดแบ่งหน้า')}`, admin)).text();
    expect(pageTwo.match(/รายงานชุดแบ่งหน้า \d+/g)).toHaveLength(5);
  });
});

describe('expert contact details', () => {
  it('are shown to teachers and admins, not to students', async () => {
    const list = await (await getPage(app.server, '/experts')).text();
    const href = /href="(\/library\/experts\/[^"]+)"/.exec(list)![1]!;
    expect(await (await getPage(app.server, href, teacher)).text()).toMatch(/mailto:[^"]+@example/);
    expect(await (await getPage(app.server, href, admin)).text()).toMatch(/mailto:[^"]+@example/);
    expect(await (await getPage(app.server, href, student)).text()).not.toMatch(/mailto:[^"]+@example/);
  });
});
