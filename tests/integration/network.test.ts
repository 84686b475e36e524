// The CVM network against the built server and its SQLite file, with the demo network generated on start: colleges,
// field staff, who sees contacts, reports by form and sheet, approval, /manpower, matching, agreements, exports.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { readFields } from '../../src/server/catalog/sources.ts';
import { prepareNetwork } from '../../src/server/network/demo-setup.ts';
import { getPage, multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer({ env: { DEMO_NETWORK: '1' } });
const field = 'electronics';
const cookies = { staff: '', otherStaff: '', admin: '', teacher: '' };
let staffId = 0;

const grant = (userId: number, slug: string) => app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(userId, slug);
const count = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).pluck().get(...params) as number;
const text = async (response: Response) => {
  const body = await response.text();
  return { status: response.status, body };
};

beforeAll(async () => {
  const staff = await signedInUser(app.db, { role: 'teacher' });
  grant(staff.user.id, field);
  staffId = staff.user.id;
  const other = await signedInUser(app.db, { role: 'teacher' });
  grant(other.user.id, 'tourism');
  cookies.staff = staff.cookie;
  cookies.otherStaff = other.cookie;
  cookies.admin = (await signedInUser(app.db, { role: 'admin' })).cookie;
  cookies.teacher = (await signedInUser(app.db, { role: 'teacher' })).cookie;
});

describe('colleges', () => {
  it('holds every field’s host college in its province, with the group cvm-host, and the demo network', () => {
    expect(count('select count(*) from provinces')).toBe(77);
    expect(count(`select count(distinct field_slug) from college_fields where "group" = 'cvm-host'`)).toBe(101);
    expect(count(`select count(distinct college_id) from college_fields where "group" = 'cvm-host'`)).toBe(80);
    const chachoengsao = app.db.$client.prepare(`select p.name_en from colleges c join provinces p on p.code = c.province_code where c.name_th = 'วิทยาลัยเทคนิคฉะเชิงเทรา'`).pluck().get();
    expect(chachoengsao).toBe('Chachoengsao');
    expect(count('select count(*) from colleges')).toBe(380);
    expect(count('select count(*) from establishments')).toBe(2000);
    expect(count('select count(distinct fiscal_year) from demand_rows')).toBe(3);
    expect(count('select count(distinct field_slug) from supply_rows')).toBeGreaterThan(90);
  });

  it('lets a person choose their college at registration and on the profile, and refuses one not on the list', async () => {
    const register = await getPage(app.server, '/register');
    const page = await register.text();
    expect(page).toContain('<select id="collegeId" name="collegeId"');
    expect(page).toContain('วิทยาลัยเทคนิคฉะเชิงเทรา');
    const collegeId = count(`select id from colleges where name_th = 'วิทยาลัยเทคนิคฉะเชิงเทรา'`);
    const person = await signedInUser(app.db, { role: 'teacher' });
    const profile = { intent: 'profile', nameTh: 'ครูทดสอบ วิทยาลัย', collegeId: String(collegeId) };
    expect((await postForm(app.server, '/account', profile, { cookie: person.cookie })).status).toBe(303);
    expect(count('select college_id from users where id = ?', person.user.id)).toBe(collegeId);
    const refused = await text(await postForm(app.server, '/en/account', { ...profile, collegeId: '999999' }, { cookie: person.cookie }));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('This college is not on the list');
    expect(count('select college_id from users where id = ?', person.user.id)).toBe(collegeId);
  });
});

describe('field staff', () => {
  it('an admin grants and takes away staff rights by email', async () => {
    const person = await signedInUser(app.db, { role: 'teacher' });
    const granted = await postForm(app.server, '/admin/staff', { intent: 'grant', email: person.user.email, fields: ['tourism', 'electronics'] }, { cookie: cookies.admin });
    expect(granted.status).toBe(303);
    expect(count('select count(*) from field_staff where user_id = ?', person.user.id)).toBe(2);
    expect((await getPage(app.server, '/staff/tourism', person.cookie)).status).toBe(200);
    const unknown = await text(await postForm(app.server, '/admin/staff', { intent: 'grant', email: 'nobody@example.org', fields: 'tourism' }, { cookie: cookies.admin }));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('ไม่พบบัญชีผู้ใช้ที่ใช้อีเมลนี้');
    await postForm(app.server, '/admin/staff', { intent: 'grant', email: person.user.email }, { cookie: cookies.admin });
    expect(count('select count(*) from field_staff where user_id = ?', person.user.id)).toBe(0);
    expect((await getPage(app.server, '/staff/tourism', person.cookie)).status).toBe(403);
  });

  it('opens a field’s pages to its staff and admins only', async () => {
    for (const page of ['', '/establishments', '/matching', '/agreements', '/export?format=csv']) {
      const path = `/staff/${field}${page}`;
      expect((await getPage(app.server, path, cookies.staff)).status, path).toBe(200);
      expect((await getPage(app.server, path, cookies.admin)).status, path).toBe(200);
      expect((await getPage(app.server, path, cookies.otherStaff)).status, path).toBe(403);
      expect((await getPage(app.server, path, cookies.teacher)).status, path).toBe(403);
    }
    expect((await getPage(app.server, '/staff/no-such-field', cookies.admin)).status).toBe(404);
    expect((await getPage(app.server, '/staff/no-such-field', cookies.staff)).status).toBe(403);
  });
});

describe('who sees contact people', () => {
  const email = 'hr.contact@establishment-test.example';
  beforeAll(async () => {
    const response = await postForm(
      app.server,
      `/staff/${field}/establishments`,
      { intent: 'establishment', nameTh: '=บริษัท ทดสอบติดต่อ จำกัด', tsic: '26110', provinceCode: '24', size: 'medium', fields: field, contactName: 'คุณติดต่อ ทดสอบ', contactEmail: email, contactPhone: '038-123-456', registrationNo: '0245566001234' },
      { cookie: cookies.staff },
    );
    expect(response.status).toBe(303);
  });

  it('never in the public directory or its download, whoever asks', async () => {
    for (const cookie of [undefined, cookies.admin, cookies.staff]) {
      const page = await text(await getPage(app.server, `/establishments?q=ทดสอบติดต่อ`, cookie));
      expect(page.body).toContain('บริษัท ทดสอบติดต่อ จำกัด');
      expect(page.body).not.toContain(email);
      expect(page.body).not.toContain('คุณติดต่อ');
      const csv = await text(await getPage(app.server, `/establishments/export?format=csv&q=ทดสอบติดต่อ`, cookie));
      expect(csv.body).toContain('บริษัท ทดสอบติดต่อ');
      expect(csv.body).not.toContain(email);
    }
  });

  it('to the field’s staff and admins on the staff pages, and in their download, formula-safe', async () => {
    for (const cookie of [cookies.staff, cookies.admin]) {
      const page = await text(await getPage(app.server, `/staff/${field}/establishments?q=ทดสอบติดต่อ`, cookie));
      expect(page.body).toContain(email);
      expect(page.body).toContain('คุณติดต่อ ทดสอบ');
    }
    const csv = await getPage(app.server, `/staff/${field}/export?format=csv&q=ทดสอบติดต่อ`, cookies.staff);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8');
    expect(body).toContain(email);
    expect(body).toContain(`'=บริษัท ทดสอบติดต่อ จำกัด`);
    expect(body.split('\r\n')).toHaveLength(3);
    expect((await getPage(app.server, `/staff/${field}/export?format=csv`, cookies.otherStaff)).status).toBe(403);
  });

  it('refuses a second establishment with the same registration number, in Thai and English', async () => {
    const again = await text(await postForm(app.server, `/en/staff/${field}/establishments`, { intent: 'establishment', nameTh: 'ซ้ำ', tsic: '26110', provinceCode: '24', size: 'small', fields: field, registrationNo: '0245566001234' }, { cookie: cookies.staff }));
    expect(again.status).toBe(400);
    expect(again.body).toContain('An establishment already has this registration number');
  });
});

describe('demand and supply reports', () => {
  const establishmentId = () => count(`select id from establishments where name_th = '=บริษัท ทดสอบติดต่อ จำกัด'`);
  const collegeId = () => count(`select college_id from college_fields where field_slug = ? and "group" = 'cvm-host'`, field);
  const year = 2571;

  it('a demand row by form waits for approval, then counts in /manpower', async () => {
    const before = await text(await getPage(app.server, `/manpower?field=${field}&year=${year}`));
    const sent = await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'demand', establishment: String(establishmentId()), level: 'hvc', fiscal_year: String(year), positions: '17', competencies: 'PLC' }), cookies.staff);
    expect(sent.status).toBe(303);
    const row = app.db.$client.prepare('select id, status, province_code from demand_rows where establishment_id = ? and fiscal_year = ?').get(establishmentId(), year) as { id: number; status: string; province_code: string };
    expect(row).toMatchObject({ status: 'reported', province_code: '24' });
    expect(before.body).not.toContain('>2571<');
    const approved = await postForm(app.server, `/staff/${field}`, { intent: 'approve', kind: 'demand', ids: String(row.id) }, { cookie: cookies.staff });
    expect(approved.status).toBe(303);
    const after = await text(await getPage(app.server, `/manpower?field=${field}&year=${year}&province=24`));
    expect(after.body).toMatch(/<th scope="row">2571<\/th><td class="num">17<\/td>/);
  });

  it('a form row with a bad count or an unknown establishment is answered next to the field, nothing saved', async () => {
    const rows = count('select count(*) from demand_rows');
    const bad = await text(await postMultipart(app.server, `/en/staff/${field}`, multipartForm({ intent: 'demand', establishment: '99999999', level: 'hvc', fiscal_year: '2571', positions: '-4' }), cookies.staff));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Must be a whole number from 0 to 100,000');
    const unknown = await text(await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'demand', establishment: '99999999', level: 'hvc', fiscal_year: '2571', positions: '4' }), cookies.staff));
    expect(unknown.body).toContain('ไม่พบสถานประกอบการนี้');
    expect(count('select count(*) from demand_rows')).toBe(rows);
  });

  it('a CSV with bad rows is refused row by row and saves nothing; corrected, it saves every row', async () => {
    const rows = count('select count(*) from supply_rows');
    const lines = [
      'college,field,level,fiscal_year,enrolled,graduates',
      `${collegeId()},${field},vc,2572,40,35`,
      `${collegeId()},${field},vc,2572,40,35`,
      `${collegeId()},tourism,vc,2572,40,35`,
      `${collegeId()},${field},hvc,2572,40,41`,
      `ไม่มีวิทยาลัยนี้,${field},hvc,2572,10,5`,
      `${collegeId()},${field},btech,2572,abc,5`,
    ];
    const sheet = (body: string[]) => new Blob([`\uFEFF${body.join('\r\n')}\r\n`], { type: 'text/csv' });
    const refused = await text(await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'upload', kind: 'supply' }, [['sheet', sheet(lines), 'ผลผลิต.csv']]), cookies.staff));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('ไม่ได้บันทึก: มี 5 แถวที่ต้องแก้ไข');
    const issues = [...refused.body.matchAll(/<tr><th scope="row">(\d+)<\/th><td>([^<]*)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(issues).toEqual(['3 (row)', '4 field', '5 graduates', '6 college', '7 enrolled']);
    expect(count('select count(*) from supply_rows')).toBe(rows);

    const fixed = await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'upload', kind: 'supply' }, [['sheet', sheet([lines[0]!, lines[1]!, `${collegeId()},${field},hvc,2572,40,30`]), 'ผลผลิต.csv']]), cookies.staff);
    expect(fixed.status).toBe(303);
    expect(fixed.headers.get('location')).toContain('done=supply-sheet');
    expect(count(`select count(*) from supply_rows where fiscal_year = 2572 and status = 'reported'`)).toBe(2);
  });

  it('an XLSX with the wrong columns is refused; with the right ones it is saved', async () => {
    const workbook = async (header: string[], rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('demand');
      sheet.addRow(header);
      for (const row of rows) sheet.addRow(row);
      return new Blob([new Uint8Array(await book.xlsx.writeBuffer())]);
    };
    const wrong = await text(await postMultipart(app.server, `/en/staff/${field}`, multipartForm({ intent: 'upload', kind: 'demand' }, [['sheet', await workbook(['establishment', 'field', 'year', 'positions'], []), 'demand.xlsx']]), cookies.staff));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('column level is missing');
    expect(wrong.body).toContain('unknown column year');
    const good = await postMultipart(
      app.server,
      `/staff/${field}`,
      multipartForm({ intent: 'upload', kind: 'demand' }, [['sheet', await workbook(['establishment', 'field', 'level', 'fiscal_year', 'positions', 'competencies'], [['0245566001234', field, 'vc', 2572, 6, 'งานไฟฟ้า']]), 'demand.xlsx']]),
      cookies.staff,
    );
    expect(good.status).toBe(303);
    expect(count('select positions from demand_rows where establishment_id = ? and fiscal_year = 2572', establishmentId())).toBe(6);
    const notSheet = await text(await postMultipart(app.server, `/staff/${field}`, multipartForm({ intent: 'upload', kind: 'demand' }, [['sheet', new Blob(['%PDF-1.4 not a sheet']), 'demand.pdf']]), cookies.staff));
    expect(notSheet.status).toBe(400);
    expect(notSheet.body).toContain('รับเฉพาะไฟล์ .csv หรือ .xlsx');
  });

  it('keeps manpower_totals equal to the approved rows through approving, changing and deleting rows', () => {
    const sql = app.db.$client;
    const agree = () => {
      for (const [table, column, kind] of [['demand_rows', 'positions', 'demand'], ['supply_rows', 'graduates', 'supply']] as const) {
        const rows = sql.prepare(`select field_slug || '|' || fiscal_year || '|' || level as k, sum(${column}) as n from ${table} where status = 'approved' group by 1 order by 1`).all();
        const totals = sql.prepare(`select field_slug || '|' || fiscal_year || '|' || level as k, sum(${kind}) as n from manpower_totals where field_slug <> '' group by 1 having sum(${kind}) <> 0 order by 1`).all();
        expect(totals).toEqual(rows);
        const all = sql.prepare(`select sum(${kind}) from manpower_totals where field_slug = ''`).pluck().get();
        expect(all).toBe(sql.prepare(`select sum(${column}) from ${table} where status = 'approved'`).pluck().get());
      }
    };
    agree();
    const row = sql.prepare(`select id from demand_rows where status = 'approved' and field_slug = ? limit 1`).pluck().get(field) as number;
    sql.prepare('update demand_rows set positions = positions + 5 where id = ?').run(row);
    sql.prepare(`update supply_rows set status = 'approved' where status = 'reported' and field_slug = ?`).run(field);
    agree();
    sql.prepare('delete from demand_rows where id = ?').run(row);
    agree();
  });

  it('staff of another field cannot approve this field’s rows', async () => {
    const id = count(`select id from demand_rows where field_slug = ? and status = 'reported' limit 1`, field);
    const response = await postForm(app.server, `/staff/tourism`, { intent: 'approve', kind: 'demand', ids: String(id) }, { cookie: cookies.otherStaff });
    expect(response.status).toBe(303);
    expect(app.db.$client.prepare('select status from demand_rows where id = ?').pluck().get(id)).toBe('reported');
  });
});

describe('matching and agreements', () => {
  it('ranks colleges for establishments with unmet demand, with the score shown, and records a proposed match', async () => {
    const page = await text(await getPage(app.server, `/staff/${field}/matching?year=2570`, cookies.staff));
    expect(page.status).toBe(200);
    const proposal = /name="establishmentId" value="(\d+)"[^>]*>\s*<input type="hidden" name="collegeId" value="(\d+)"/.exec(page.body);
    expect(proposal).not.toBeNull();
    const [, establishmentId, collegeId] = proposal!;
    const response = await postForm(app.server, `/staff/${field}/matching`, { intent: 'propose', establishmentId: establishmentId!, collegeId: collegeId! }, { cookie: cookies.staff });
    expect(response.headers.get('location')).toMatch(/done=(proposed|exists)/);
    expect(count('select count(*) from agreements where establishment_id = ? and college_id = ? and field_slug = ?', Number(establishmentId), Number(collegeId), field)).toBe(1);
  });

  it('records an MOU with its signed PDF, served to the field’s staff only; a non-PDF is refused', async () => {
    const establishmentId = count(`select id from establishments where name_th = '=บริษัท ทดสอบติดต่อ จำกัด'`);
    const collegeId = count(`select college_id from college_fields where field_slug = ? limit 1`, field);
    const pdf = new Blob([`%PDF-1.4\n${'ข้อตกลง '.repeat(100)}\n%%EOF\n`], { type: 'application/pdf' });
    const fields = { intent: 'record', establishmentId: String(establishmentId), collegeId: String(collegeId), status: 'mou', startsOn: '2026-06-01', endsOn: '2029-05-31', scope: 'ทวิภาคี ปวส.', placesLevel: 'hvc', placesYear: '2570', places: '8' };
    const zip = new Blob([new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(80).fill(1)])]);
    const refused = await text(await postMultipart(app.server, `/staff/${field}/agreements`, multipartForm(fields, [['file', zip, 'mou.pdf']]), cookies.staff));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('แนบได้หนึ่งไฟล์ PDF เท่านั้น');
    expect(count(`select count(*) from agreements where establishment_id = ? and status = 'mou'`, establishmentId)).toBe(0);

    const saved = await postMultipart(app.server, `/staff/${field}/agreements`, multipartForm(fields, [['file', pdf, 'MOU ลงนาม.pdf']]), cookies.staff);
    expect(saved.status).toBe(303);
    const agreement = app.db.$client.prepare(`select id, file_name as fileName from agreements where establishment_id = ? and status = 'mou'`).get(establishmentId) as { id: number; fileName: string };
    expect(agreement.fileName).toBe('MOU ลงนาม.pdf');
    expect(count('select places from training_places where agreement_id = ?', agreement.id)).toBe(8);
    const file = await getPage(app.server, `/staff/${field}/agreement-file/${agreement.id}`, cookies.staff);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect((await file.text()).startsWith('%PDF-')).toBe(true);
    expect((await getPage(app.server, `/staff/tourism/agreement-file/${agreement.id}`, cookies.otherStaff)).status).toBe(404);
    expect((await getPage(app.server, `/staff/${field}/agreement-file/${agreement.id}`, cookies.otherStaff)).status).toBe(403);

    // With a partner now, the establishment leaves the "without partner" list.
    const without = await text(await getPage(app.server, `/staff/${field}/establishments?withoutPartner=1&q=ทดสอบติดต่อ`, cookies.staff));
    expect(without.body).not.toContain('บริษัท ทดสอบติดต่อ');
    const moved = await postForm(app.server, `/staff/${field}/agreements`, { intent: 'status', agreementId: String(agreement.id), status: 'dual' }, { cookie: cookies.staff });
    expect(moved.status).toBe(303);
    const xlsx = await getPage(app.server, `/staff/${field}/export?table=agreements&format=xlsx`, cookies.staff);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('dual');
  });

  it('records one agreement and one proposal under 100 concurrent identical posts each, answering every one', async () => {
    const establishmentId = count('select establishment_id from establishment_fields where field_slug = ? order by establishment_id desc limit 1', field);
    const collegeId = count('select college_id from college_fields where field_slug = ? order by college_id desc limit 1', field);
    const fields = { intent: 'record', establishmentId: String(establishmentId), collegeId: String(collegeId), status: 'moa', startsOn: '2027-01-04', endsOn: '2030-01-03', scope: 'ซ้ำพร้อมกัน' };
    const recorded = await Promise.all(Array.from({ length: 100 }, () => postMultipart(app.server, `/staff/${field}/agreements`, multipartForm(fields), cookies.staff)));
    expect(recorded.map((r) => [r.status, r.headers.get('location')])).toEqual(Array(100).fill([303, `/staff/${field}/agreements?done=agreement`]));
    expect(count(`select count(*) from agreements where establishment_id = ? and college_id = ? and scope = 'ซ้ำพร้อมกัน'`, establishmentId, collegeId)).toBe(1);

    const other = count('select college_id from college_fields where field_slug = ? order by college_id desc limit 1 offset 1', field);
    const proposal = { intent: 'propose', establishmentId: String(establishmentId), collegeId: String(other) };
    const proposed = await Promise.all(Array.from({ length: 100 }, () => postForm(app.server, `/staff/${field}/matching`, proposal, { cookie: cookies.staff })));
    expect(new Set(proposed.map((r) => r.status))).toEqual(new Set([303]));
    expect(proposed.filter((r) => r.headers.get('location')!.includes('done=proposed')).length).toBeLessThanOrEqual(1);
    expect(count('select count(*) from agreements where establishment_id = ? and college_id = ? and field_slug = ?', establishmentId, other, field)).toBe(1);
  });

  it('refuses bad agreement input in Thai and English without a 500', async () => {
    const bad = await text(await postMultipart(app.server, `/en/staff/${field}/agreements`, multipartForm({ intent: 'record', establishmentId: '99999999', collegeId: '1', status: 'mou', startsOn: '2026-13-01' }), cookies.staff));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Dates are YYYY-MM-DD');
  });
});

describe('/manpower', () => {
  it('is public, in aggregate, with a table beside each chart and downloads', async () => {
    const page = await text(await getPage(app.server, '/en/manpower?region=east'));
    expect(page.status).toBe(200);
    expect(page.body.match(/<svg[^>]*role="img"/g)).toHaveLength(3);
    expect(page.body).toContain('Chon Buri');
    expect(page.body).not.toContain('@establishment.example');
    const csv = await text(await getPage(app.server, '/manpower/export?table=provinces&format=csv&region=east&year=2570'));
    expect(csv.body.split('\r\n')[0]).toContain('Province code');
    expect(csv.body).toContain('Chon Buri');
    expect(csv.body).not.toContain('Bangkok');
  });
});

// Last: it keeps this process busy for seconds, and the server closes idle keep-alive connections meanwhile.
describe('demo network', () => {
  it('generates the same demo network from the same seed', async () => {
    const digest = async () => {
      const dir = tempDir('ic-network-');
      const db = openDatabase(join(dir.path, 'n.db'));
      migrateDatabase(db);
      await prepareNetwork(db, readFields('content'), { contentDir: 'content', production: false, demoNetwork: true });
      const rows = db.$client.prepare('select establishment_id, field_slug, level, fiscal_year, positions from demand_rows order by id').raw().all();
      db.$client.close();
      dir.remove();
      return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    };
    expect(await digest()).toBe(await digest());
  });
});
