// Admins add and edit library items from the browser's forms: multipart over real HTTP, real SQLite, real files.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
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
    const edited = await post(path, multipart({ ...ebook, titleTh: 'งานบริการส่วนหน้า ฉบับปรับปรุง 2569', fields: ['hotel-management'], intent: 'save' }), admin);
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

describe('expert contact details', () => {
  it('are shown to teachers and admins, not to students', async () => {
    const list = await (await getPage(app.server, '/experts')).text();
    const href = /href="(\/library\/experts\/[^"]+)"/.exec(list)![1]!;
    expect(await (await getPage(app.server, href, teacher)).text()).toMatch(/mailto:[^"]+@example/);
    expect(await (await getPage(app.server, href, admin)).text()).toMatch(/mailto:[^"]+@example/);
    expect(await (await getPage(app.server, href, student)).text()).not.toMatch(/mailto:[^"]+@example/);
  });
});
