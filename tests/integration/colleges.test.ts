// The public college directory and a college's page against the built server: filters, paging, fields linking to
// field pages, figures in aggregate (only approved supply), and no personal data.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFields } from '../../src/server/catalog/sources.ts';
import { syncHostColleges } from '../../src/server/network/colleges.ts';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const run = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).run(...params);
const one = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).pluck().get(...params) as number;
const html = async (path: string) => {
  const response = await getPage(app.server, path);
  return { status: response.status, body: await response.text() };
};
let host = 0;
let network = 0;

beforeAll(async () => {
  const reporter = (await signedInUser(app.db, { role: 'teacher' })).user.id;
  // The host colleges come from fields.yaml on start; one network college and one establishment are added here.
  host = one("select id from colleges where name_th = 'วิทยาลัยเทคนิคฉะเชิงเทรา'");
  network = Number(run("insert into colleges (name_th, name_en, province_code, ownership) values ('วิทยาลัยทดสอบเครือข่ายภาคใต้', 'Southern Test Network College', '90', 'private')").lastInsertRowid);
  run("insert into college_fields (college_id, field_slug, \"group\") values (?, 'mechanical-technology', 'expert')", network);
  const establishment = Number(
    run(
      "insert into establishments (name_th, tsic, province_code, size, contact_name, contact_email) values ('บริษัท ทดสอบยานยนต์ จำกัด', '29301', '24', 'large', 'นางสาวผู้ติดต่อ ลับเฉพาะ', 'secret.contact@establishment.example')",
    ).lastInsertRowid,
  );
  run("insert into agreements (establishment_id, college_id, field_slug, status) values (?, ?, 'mechanical-technology', 'mou')", establishment, host);
  run("insert into agreements (establishment_id, college_id, field_slug, status) values (?, ?, 'mechanical-technology', 'proposed')", establishment, host);
  const supply = "insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, status, reported_by, enrolled, graduates) values (?, ?, 'hvc', 2569, '24', ?, ?, ?, ?)";
  run(supply, host, 'mechanical-technology', 'approved', reporter, 120, 100);
  run(supply, host, 'mechanical-technology-auto-body', 'approved', reporter, 30, 25);
  run(supply, host, 'electronics', 'reported', reporter, 999, 999);
});

describe('/colleges', () => {
  it('lists host colleges first with the fields they host, linked to the field pages, a page at a time', async () => {
    const first = await html('/colleges');
    expect(first.status).toBe(200);
    const total = one('select count(*) from colleges');
    expect(first.body).toContain(`พบ ${total.toLocaleString('th-TH')} แห่ง`);
    expect(first.body).toContain(`href="/colleges/${host}"`);
    expect(first.body).toContain('href="/fields/mechanical-technology"');
    expect(first.body).toContain('แม่ข่าย CVM ของสาขา');
    expect(first.body).not.toContain('วิทยาลัยทดสอบเครือข่ายภาคใต้');
    // 80 host colleges and more: a second page, where the network college (no field it hosts) comes after them.
    expect(first.body).toContain('rel="next"');
    expect((await html('/colleges?page=2')).body).toContain('วิทยาลัยทดสอบเครือข่ายภาคใต้');
  });

  it('filters by field, region, province and name, in Thai and English', async () => {
    const byField = (await html('/colleges?field=mechanical-technology')).body;
    expect(byField).toContain('พบ 2 แห่ง');
    expect(byField).toContain('วิทยาลัยเทคนิคฉะเชิงเทรา');
    expect(byField).toContain('วิทยาลัยทดสอบเครือข่ายภาคใต้');
    const south = (await html('/colleges?field=mechanical-technology&region=south')).body;
    expect(south).toContain('พบ 1 แห่ง');
    expect(south).toContain('วิทยาลัยทดสอบเครือข่ายภาคใต้');
    const province = (await html('/colleges?province=24')).body;
    expect(province).toContain('วิทยาลัยเทคนิคฉะเชิงเทรา');
    expect(province).not.toContain('วิทยาลัยทดสอบเครือข่ายภาคใต้');
    const english = await html('/en/colleges?q=southern%20test');
    expect(english.status).toBe(200);
    expect(english.body).toContain('1 found');
    expect(english.body).toContain('href="/en/colleges/');
    expect(english.body).toContain('Southern Test Network College');
    // Odd filters mean "all", never an error.
    expect((await html('/colleges?region=mars&province=x&page=-3&field=%3Cscript%3E')).status).toBe(200);
  });
});

describe('/colleges/<id>', () => {
  it('shows the fields, agreements by status and approved supply in aggregate, with no personal data', async () => {
    const page = await html(`/colleges/${host}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>วิทยาลัยเทคนิคฉะเชิงเทรา</h1>');
    expect(page.body).toContain('ฉะเชิงเทรา');
    expect(page.body).toContain('href="/fields/mechanical-technology"');
    expect(page.body).toContain('ข้อตกลงทั้งหมด 2 รายการ สถานประกอบการคู่ความร่วมมือ 1 แห่ง ใน 1 สาขา');
    // Approved supply of the two fields summed for 2569 ปวส.; the reported 999 does not count.
    expect(page.body).toMatch(/2569<\/th>\s*<td>ปวส\.<\/td>\s*<td class="num">150<\/td>\s*<td class="num">125<\/td>/);
    // What the page says (its inline stylesheet has a 999px or two of its own).
    const main = /<main[\s\S]*<\/main>/.exec(page.body)![0];
    expect(main).not.toContain('999');
    expect(page.body).not.toContain('secret.contact@establishment.example');
    expect(page.body).not.toContain('ผู้ติดต่อ ลับเฉพาะ');
    expect(page.body).not.toContain('บริษัท ทดสอบยานยนต์');

    const english = (await html(`/en/colleges/${network}`)).body;
    expect(english).toContain('Southern Test Network College');
    expect(english).toContain('Private');
    expect(english).toContain('No approved figures yet');
  });

  it('answers 404 for an id that names no college', async () => {
    for (const path of ['/colleges/0', '/colleges/99999999', '/colleges/abc', '/en/colleges/1e3']) expect((await html(path)).status, path).toBe(404);
  });

  it('is linked from the field page’s host college', async () => {
    expect((await html('/fields/mechanical-technology')).body).toContain(`href="/colleges/${host}"`);
  });
});

describe('host colleges on an existing database', () => {
  it('take the corrected ownership and province from host-colleges.yaml on the next start, their supply rows moving with it (Chetuphon is a state college in Bangkok)', () => {
    const chetuphon = one("select id from colleges where name_th = 'วิทยาลัยพณิชยการเชตุพน'");
    // As a database made before the correction held it: private, in the wrong province, with an approved supply row there.
    run("update colleges set ownership = 'private', province_code = '24' where id = ?", chetuphon);
    run("insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, status, enrolled, graduates) values (?, 'accounting', 'hvc', 2572, '24', 'approved', 80, 70)", chetuphon);
    const graduates = (province: string) => one("select coalesce(sum(supply), 0) from manpower_totals where field_slug = 'accounting' and fiscal_year = 2572 and province_code = ?", province);
    expect([graduates('24'), graduates('10')]).toEqual([70, 0]);
    syncHostColleges(app.db, readFields('content'), 'content');
    expect(app.db.$client.prepare('select c.ownership, p.name_th as province from colleges c join provinces p on p.code = c.province_code where c.id = ?').get(chetuphon)).toEqual({
      ownership: 'state',
      province: 'กรุงเทพมหานคร',
    });
    // Its supply is counted in Bangkok (code 10) now, not where the wrong province put it.
    expect([graduates('24'), graduates('10')]).toEqual([0, 70]);
  });
});
