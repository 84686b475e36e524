// Hostile input found by probing the site, each refused before anything is written: javascript: links,
// prototype keys in spreadsheets, `next` paths a header cannot hold, hostile slugs, and done=__proto__.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/server/catalog/import.ts';
import { getPage, postForm, sessionCookie, signedInUser } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
let admin: string;
let teacher: { cookie: string; email: string; password: string };
beforeAll(async () => {
  admin = (await signedInUser(app.db, { role: 'admin', email: 'security-admin@example.ac.th' })).cookie;
  const t = await signedInUser(app.db, { role: 'teacher', email: 'security-teacher@example.ac.th' });
  teacher = { cookie: t.cookie, email: t.user.email, password: t.user.password };
});

const research = {
  titleTh: 'งานวิจัยทดสอบความปลอดภัย',
  titleEn: 'Security Probe Research',
  authors: 'นายทดสอบ ระบบ',
  year: '2569',
  institution: 'วิทยาลัยเทคนิคทดสอบ',
  fields: 'mechanical-technology',
  published: '2026-11-01',
};
const countRows = () => app.db.$client.prepare('select count(*) from catalog_items').pluck().get() as number;

describe('links people enter', () => {
  for (const url of ['javascript:alert(document.domain)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
    it(`refuses ${url.slice(0, 24)}… in the admin form and writes nothing`, async () => {
      const before = countRows();
      const response = await postForm(app.server, '/admin/items/new?type=research', { ...research, url, intent: 'save' }, { cookie: admin });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('ค่านี้ไม่ถูกต้อง');
      expect(countRows()).toBe(before);
    });
  }

  it('refuses a javascript: link in a spreadsheet import', () => {
    const dir = tempDir('ic-import-url-');
    const csv = join(dir.path, 'research.csv');
    writeFileSync(csv, `titleTh,authors,year,institution,fields,published,url\nวิจัย,ผู้วิจัย,2569,วิทยาลัย,mechanical-technology,2026-11-01,javascript:alert(1)\n`);
    const report = importFile(app.db, 'research', csv, { contentDir: 'content' });
    dir.remove();
    expect(report.imported).toBe(0);
    expect(report.problems[0]!.messages.join(' ')).toMatch(/^url:/);
  });

  it('never renders a javascript: link, even from a row written around the schema', async () => {
    app.db.$client
      .prepare("insert into catalog_items (type, slug, data, body, status) values ('research', 'planted-link', ?, ?, 'published')")
      .run(JSON.stringify({ ...research, authors: ['x'], year: 2569, fields: ['mechanical-technology'], url: 'javascript:alert(1)' }), '[click](javascript:alert(1)) ![x](javascript:alert(2))');
    const page = await getPage(app.server, '/library/research/planted-link');
    const html = await page.text();
    expect(html).not.toMatch(/javascript:/i);
  });

  it('keeps http(s) links working', async () => {
    const response = await postForm(app.server, '/admin/items/new?type=research', { ...research, url: 'https://example.ac.th/paper', slug: 'safe-link-research', intent: 'save' }, { cookie: admin });
    expect(response.status).toBe(303);
    const html = await (await getPage(app.server, '/library/research/safe-link-research')).text();
    expect(html).toContain('href="https://example.ac.th/paper"');
  });
});

describe('prototype keys in spreadsheet headers', () => {
  for (const header of ['__proto__.polluted', 'constructor.prototype.polluted', 'contact.__proto__.polluted']) {
    it(`refuses the column ${header} without touching Object.prototype`, () => {
      const dir = tempDir('ic-import-proto-');
      const csv = join(dir.path, 'experts.csv');
      writeFileSync(csv, `nameTh,titleTh,organization,organizationType,expertise,fields,published,${header}\nนายก,ครู,วิทยาลัย,college,ยานยนต์,mechanical-technology,2026-11-01,yes\n`);
      const report = importFile(app.db, 'experts', csv, { contentDir: 'content' });
      dir.remove();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(report.imported).toBe(0);
      expect(report.problems[0]!.messages[0]).toContain(header);
    });
  }
});

describe('where to go after signing in', () => {
  it('answers a signed-in GET with a percent-encoded Thai next path, not a 500', async () => {
    const response = await getPage(app.server, '/login?next=/%E0%B9%84', teacher.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/%E0%B9%84');
  });

  it('signs in and sets the cookie when next holds Thai, and refuses control characters', async () => {
    const thai = await postForm(app.server, '/login', { email: teacher.email, password: teacher.password, next: '/search?q=ไฟฟ้า' });
    expect(thai.status).toBe(303);
    expect(thai.headers.get('location')).toBe('/search?q=%E0%B9%84%E0%B8%9F%E0%B8%9F%E0%B9%89%E0%B8%B2');
    expect(sessionCookie(thai)?.value).toBeTruthy();
    // A control character (DEL included) is refused with the form, before any session is made.
    const control = await postForm(app.server, '/login', { email: teacher.email, password: teacher.password, next: '/a\u007fb' });
    expect(control.status).toBe(400);
    expect(sessionCookie(control)).toBeNull();
  });
});

describe('slugs an admin types', () => {
  const hostile = ['a/b', '../x', '..', 'x\u0000y', 'ไทย', 'UPPER', 'a_b', '-a', 'a-', 'a--b', 'a b', '%2e%2e', 'a\\b', 'x'.repeat(81), '\u202e', 'a?b', 'a#b'];
  for (const slug of hostile) {
    it(`refuses ${JSON.stringify(slug).slice(0, 20)} before writing anything`, async () => {
      const before = countRows();
      const response = await postForm(app.server, '/admin/items/new?type=research', { ...research, slug, intent: 'save' }, { cookie: admin });
      expect(response.status).toBe(400);
      expect(countRows()).toBe(before);
    });
  }
});

describe('done= notices', () => {
  for (const done of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`render the whole page for done=${done}`, async () => {
      for (const path of ['/admin/users', '/admin/items/ebooks/diesel-engine-common-rail-service']) {
        const response = await getPage(app.server, `${path}?done=${done}`, admin);
        expect(response.status, path).toBe(200);
        const html = await response.text();
        expect(html, path).toContain('</html>');
        expect(html, path).not.toContain('class="notice" role="status"');
      }
    });
  }
});
