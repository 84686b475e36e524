// Editing and deleting establishments and demand and supply rows on a field's staff pages, against the built server:
// who may, confirmation, clear errors, totals that follow, and nothing half-written; and colleges' reporters reporting
// their own college's numbers (decision 018).
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const field = 'electronics';
const cookies = { staff: '', otherStaff: '', admin: '' };
let staffId = 0;
const run = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).run(...params);
const one = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).pluck().get(...params) as number | string | undefined;
const post = (path: string, form: Record<string, string | string[]>, cookie: string) => postForm(app.server, path, form, { cookie });
const text = async (response: Response) => ({ status: response.status, body: await response.text() });

const establishmentForm = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'update', nameTh: 'บริษัท แก้ไขแล้ว จำกัด', nameEn: 'Edited Co., Ltd.', registrationNo: '0105561234567', tsic: '26100',
  provinceCode: '20', size: 'medium', fields: [field], contactName: 'คุณผู้ประสานงาน', contactEmail: 'hr@edited.example', contactPhone: '038 123 456', ...overrides,
});

function addEstablishment(nameTh: string, fields: string[], registrationNo: string | null = null): number {
  const id = Number(run("insert into establishments (name_th, registration_no, tsic, province_code, size) values (?, ?, '26100', '20', 'small')", nameTh, registrationNo).lastInsertRowid);
  for (const f of fields) run('insert into establishment_fields (establishment_id, field_slug) values (?, ?)', id, f);
  return id;
}
const totals = (kind: 'demand' | 'supply') => Number(one(`select coalesce(sum(${kind}), 0) from manpower_totals where field_slug = ? and fiscal_year = 2570`, field));

beforeAll(async () => {
  const staff = await signedInUser(app.db, { role: 'teacher' });
  run('insert into field_staff (user_id, field_slug) values (?, ?)', staff.user.id, field);
  staffId = staff.user.id;
  cookies.staff = staff.cookie;
  const other = await signedInUser(app.db, { role: 'teacher' });
  run('insert into field_staff (user_id, field_slug) values (?, ?)', other.user.id, 'tourism');
  cookies.otherStaff = other.cookie;
  cookies.admin = (await signedInUser(app.db, { role: 'admin' })).cookie;
});

describe('editing and deleting establishments', () => {
  it('edits one of the field’s establishments, with errors next to the inputs and nothing written on a bad form', async () => {
    const id = addEstablishment('บริษัท ก่อนแก้ไข จำกัด', [field, 'tourism']);
    addEstablishment('บริษัท เลขซ้ำ จำกัด', [field], '0105569999999');
    const path = `/staff/${field}/establishments/${id}`;
    const page = await text(await getPage(app.server, path, cookies.staff));
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="บริษัท ก่อนแก้ไข จำกัด"');
    expect((await text(await getPage(app.server, `/staff/${field}/establishments`, cookies.staff))).body).toContain(`href="${path}"`);

    const taken = await text(await post(path, establishmentForm({ registrationNo: '0105569999999' }), cookies.staff));
    expect(taken.status).toBe(400);
    expect(taken.body).toContain('มีสถานประกอบการที่ใช้เลขทะเบียนนี้แล้ว');
    const notTheirs = await text(await post(path, establishmentForm({ fields: ['tourism'] }), cookies.staff));
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body).toContain('เลือกสาขาที่ท่านเป็นเจ้าหน้าที่อย่างน้อยหนึ่งสาขา');
    const badTsic = await text(await post(`/en${path}`, establishmentForm({ tsic: 'ZZ' }), cookies.staff));
    expect(badTsic.status).toBe(400);
    expect(badTsic.body).toContain('A TSIC code is a section letter A–U or 2 to 5 digits');
    expect(one('select name_th from establishments where id = ?', id)).toBe('บริษัท ก่อนแก้ไข จำกัด');
    expect(one('select count(*) from establishment_fields where establishment_id = ?', id)).toBe(2);

    const saved = await post(path, establishmentForm({ fields: [field, 'mechanical-technology'] }), cookies.staff);
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${path}?done=updated`]);
    expect(app.db.$client.prepare('select name_th, registration_no, province_code, contact_email from establishments where id = ?').get(id)).toEqual({
      name_th: 'บริษัท แก้ไขแล้ว จำกัด', registration_no: '0105561234567', province_code: '20', contact_email: 'hr@edited.example',
    });
    expect(app.db.$client.prepare('select field_slug from establishment_fields where establishment_id = ? order by field_slug').pluck().all(id)).toEqual([field, 'mechanical-technology']);
  });

  it('is only for the field’s staff and admins: another field’s staff get 403, an establishment of another field 404', async () => {
    const id = addEstablishment('บริษัท ของสาขาอื่น จำกัด', ['tourism']);
    expect((await getPage(app.server, `/staff/${field}/establishments/${id}`, cookies.staff)).status).toBe(404);
    expect((await post(`/staff/${field}/establishments/${id}`, { intent: 'delete', confirm: '1' }, cookies.staff)).status).toBe(404);
    const mine = addEstablishment('บริษัท ของสาขานี้ จำกัด', [field]);
    expect((await post(`/staff/${field}/establishments/${mine}`, { intent: 'delete', confirm: '1' }, cookies.otherStaff)).status).toBe(403);
    expect(one('select count(*) from establishments where id in (?, ?)', id, mine)).toBe(2);
  });

  it('deletes only when confirmed, with its demand rows leaving the totals; one with agreements is refused whole', async () => {
    const id = addEstablishment('บริษัท จะถูกลบ จำกัด', [field]);
    run("insert into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, status, positions) values (?, ?, 'hvc', 2570, '20', 'approved', 40)", id, field);
    const before = totals('demand');
    const path = `/staff/${field}/establishments/${id}`;
    const unconfirmed = await text(await post(path, { intent: 'delete' }, cookies.staff));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('ติ๊กช่องนี้เพื่อยืนยันการลบ');
    expect(one('select count(*) from establishments where id = ?', id)).toBe(1);

    const deleted = await post(path, { intent: 'delete', confirm: '1' }, cookies.staff);
    expect([deleted.status, deleted.headers.get('location')]).toEqual([303, `/staff/${field}/establishments?done=deleted`]);
    expect(one('select count(*) from establishments where id = ?', id)).toBe(0);
    expect(one('select count(*) from demand_rows where establishment_id = ?', id)).toBe(0);
    expect(totals('demand')).toBe(before - 40);

    const partnered = addEstablishment('บริษัท มีข้อตกลง จำกัด', [field]);
    const college = one('select id from colleges limit 1');
    run("insert into agreements (establishment_id, college_id, field_slug, status) values (?, ?, ?, 'mou')", partnered, college, field);
    run("insert into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, positions) values (?, ?, 'vc', 2570, '20', 5)", partnered, field);
    const page = await text(await getPage(app.server, `/en/staff/${field}/establishments/${partnered}`, cookies.staff));
    expect(page.body).toContain('It cannot be deleted: it has 1 agreements with colleges');
    expect(page.body).not.toContain('name="confirm"');
    const refused = await text(await post(`/en/staff/${field}/establishments/${partnered}`, { intent: 'delete', confirm: '1' }, cookies.admin));
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('It cannot be deleted');
    expect(one('select count(*) from establishments where id = ?', partnered)).toBe(1);
    expect(one('select count(*) from agreements where establishment_id = ?', partnered)).toBe(1);
    expect(one('select count(*) from demand_rows where establishment_id = ?', partnered)).toBe(1);
  });
});

describe('editing and deleting demand and supply rows', () => {
  it('lists the field’s rows and changes an approved row’s counts, the totals following; bad counts are refused', async () => {
    const establishment = addEstablishment('บริษัท แถวความต้องการ จำกัด', [field]);
    const row = Number(run("insert into demand_rows (establishment_id, field_slug, level, fiscal_year, province_code, status, reported_by, positions) values (?, ?, 'hvc', 2570, '20', 'approved', ?, 10)", establishment, field, staffId).lastInsertRowid);
    const list = await text(await getPage(app.server, `/staff/${field}/rows?kind=demand`, cookies.staff));
    expect(list.body).toContain(`href="/staff/${field}/rows/demand/${row}"`);
    const before = totals('demand');
    const path = `/staff/${field}/rows/demand/${row}`;
    const negative = await text(await post(path, { intent: 'update', positions: '-3', competencies: '' }, cookies.staff));
    expect(negative.status).toBe(400);
    expect(negative.body).toContain('ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100,000');
    const saved = await post(path, { intent: 'update', positions: '25', competencies: 'ET-01 การบัดกรี' }, cookies.staff);
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${path}?done=updated`]);
    expect(app.db.$client.prepare('select positions, competencies, status from demand_rows where id = ?').get(row)).toEqual({ positions: 25, competencies: 'ET-01 การบัดกรี', status: 'approved' });
    expect(totals('demand')).toBe(before + 15);
    // Another field's page never reaches this row.
    expect((await getPage(app.server, `/staff/tourism/rows/demand/${row}`, cookies.otherStaff)).status).toBe(404);
  });

  it('refuses graduates above enrolled, and deletes a supply row only when confirmed', async () => {
    const college = one('select id from colleges limit 1');
    const row = Number(run("insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, status, reported_by, enrolled, graduates) values (?, ?, 'vc', 2570, '20', 'approved', ?, 50, 40)", college, field, staffId).lastInsertRowid);
    const before = totals('supply');
    const path = `/en/staff/${field}/rows/supply/${row}`;
    const tooMany = await text(await post(path, { intent: 'update', enrolled: '30', graduates: '31' }, cookies.staff));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain('Graduates cannot outnumber students enrolled');
    expect(one('select graduates from supply_rows where id = ?', row)).toBe(40);
    const unconfirmed = await text(await post(path, { intent: 'delete' }, cookies.staff));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('Tick this box to confirm the deletion');
    const deleted = await post(path, { intent: 'delete', confirm: '1' }, cookies.staff);
    expect([deleted.status, deleted.headers.get('location')]).toEqual([303, `/en/staff/${field}/rows?kind=supply&done=deleted`]);
    expect(one('select count(*) from supply_rows where id = ?', row)).toBe(0);
    expect(totals('supply')).toBe(before - 40);
    expect((await getPage(app.server, path, cookies.staff)).status).toBe(404);
  });

  it('answers 404 for an unknown kind or id', async () => {
    for (const path of ['/staff/electronics/rows/other/1', '/staff/electronics/rows/demand/999999', '/staff/electronics/rows/supply/abc']) {
      expect((await getPage(app.server, path, cookies.staff)).status, path).toBe(404);
    }
  });
});

describe('college reporters', () => {
  const sheet = (lines: string[]) => new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv' });
  const send = (path: string, form: Record<string, string>, cookie: string, file?: Blob) =>
    postMultipart(app.server, path, multipartForm(form, file ? [['sheet', file, 'ตัวเลข.csv']] : []), cookie);
  const supplyForm = (overrides: Record<string, string> = {}) => ({ intent: 'supply', field, level: 'hvc', fiscal_year: '2571', enrolled: '60', graduates: '48', ...overrides });

  it('are made by the field’s staff from a teacher or expert whose profile college teaches the field, and report its numbers', async () => {
    const mine = one('select college_id from college_fields where field_slug = ? order by college_id limit 1', field) as number;
    const elsewhere = one('select id from colleges where id not in (select college_id from college_fields where field_slug = ?) order by id limit 1', field) as number;
    const teacher = await signedInUser(app.db, { role: 'teacher', collegeId: mine });
    const student = await signedInUser(app.db, { role: 'student', collegeId: mine });
    const noCollege = await signedInUser(app.db, { role: 'teacher' });
    const otherCollege = await signedInUser(app.db, { role: 'teacher', collegeId: elsewhere });
    const grantPage = `/staff/${field}/reporters`;

    // Before the grant, a teacher has no reporting page.
    expect((await getPage(app.server, '/college-reports', teacher.cookie)).status).toBe(403);
    for (const [person, message] of [[student, 'ให้สิทธิ์ได้เฉพาะครูหรือผู้เชี่ยวชาญของสถานศึกษา'], [noCollege, 'ผู้นี้ยังไม่ได้เลือกสถานศึกษาในโปรไฟล์'], [otherCollege, 'สถานศึกษาในโปรไฟล์ของผู้นี้ไม่ได้เปิดสอนสาขานี้']] as const) {
      const refused = await text(await post(grantPage, { intent: 'grant', email: person.user.email }, cookies.staff));
      expect([refused.status, refused.body.includes(message)], person.user.email).toEqual([400, true]);
    }
    const english = await text(await post(`/en${grantPage}`, { intent: 'grant', email: student.user.email }, cookies.staff));
    expect(english.body).toContain('teachers and experts can be made reporters');
    expect(one('select count(*) from college_reporters')).toBe(0);
    const granted = await post(grantPage, { intent: 'grant', email: teacher.user.email }, cookies.staff);
    expect([granted.status, granted.headers.get('location')]).toEqual([303, `${grantPage}?done=grant`]);
    expect(app.db.$client.prepare('select college_id as college, granted_by as by from college_reporters where user_id = ?').get(teacher.user.id)).toEqual({ college: mine, by: staffId });
    expect((await text(await getPage(app.server, grantPage, cookies.staff))).body).toContain(teacher.user.email);

    // A supply row by form: the college is theirs whatever the form says; a field it does not teach is refused.
    const page = await text(await getPage(app.server, '/college-reports', teacher.cookie));
    expect(page.status).toBe(200);
    expect(page.body).toContain(one('select name_th from colleges where id = ?', mine));
    const reported = await send('/college-reports', supplyForm({ college: String(elsewhere) }), teacher.cookie);
    expect([reported.status, reported.headers.get('location')]).toEqual([303, '/college-reports?done=supply']);
    const row = app.db.$client.prepare("select id, college_id as college, status, reported_by as by from supply_rows where fiscal_year = 2571 and field_slug = ? and level = 'hvc'").get(field) as { id: number; college: number; status: string; by: number };
    expect(row).toEqual({ id: expect.any(Number), college: mine, status: 'reported', by: teacher.user.id });
    const untaught = await text(await send('/college-reports', supplyForm({ field: 'tourism', level: 'vc' }), teacher.cookie));
    expect(untaught.status).toBe(400);
    expect(one('select count(*) from supply_rows where fiscal_year = 2571')).toBe(1);

    // A sheet naming another college, a field it does not teach, or a repeated key is refused by row, nothing saved.
    const header = 'college,field,level,fiscal_year,enrolled,graduates';
    const lines = [header, `${mine},${field},vc,2571,40,35`, `${elsewhere},${field},btech,2571,40,35`, `${mine},tourism,vc,2571,40,35`, `${mine},${field},vc,2571,40,35`];
    const refused = await text(await send('/college-reports', { intent: 'upload', kind: 'supply' }, teacher.cookie, sheet(lines)));
    expect(refused.status).toBe(400);
    const issues = [...refused.body.matchAll(/<tr><th scope="row">(\d+)<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(issues).toEqual([`3 college รายงานได้เฉพาะสถานศึกษาของท่าน (&quot;${elsewhere}&quot;)`, '4 field สาขาวิชานี้ไม่อยู่ในสาขาที่ท่านดูแล (&quot;tourism&quot;)', '5 (row) ซ้ำกับแถว 2 (สถานที่ สาขา ระดับ และปีเดียวกัน)']);
    expect(one('select count(*) from supply_rows where fiscal_year = 2571')).toBe(1);
    const fixed = await send('/college-reports', { intent: 'upload', kind: 'supply' }, teacher.cookie, sheet(lines.slice(0, 2)));
    expect([fixed.status, fixed.headers.get('location')]).toEqual([303, '/college-reports?done=supply-sheet&n=1']);

    // Demand for an establishment hiring from a field the college teaches, noted as the college's; another is refused.
    const hires = addEstablishment('บริษัท รับผู้จบจากวิทยาลัย จำกัด', [field]);
    const hiresNot = addEstablishment('บริษัท สาขาอื่น รับคน จำกัด', ['tourism']);
    const demand = (establishment: number) => ({ intent: 'demand', establishment: String(establishment), field, level: 'hvc', fiscal_year: '2571', positions: '7', competencies: '' });
    expect((await send('/college-reports', demand(hires), teacher.cookie)).status).toBe(303);
    const notHiring = await text(await send('/college-reports', demand(hiresNot), teacher.cookie));
    expect(notHiring.status).toBe(400);
    expect(notHiring.body).toContain('สถานประกอบการนี้ไม่ได้รับกำลังคนในสาขานี้');
    expect(app.db.$client.prepare('select establishment_id as e, college_id as c from demand_rows where fiscal_year = 2571').all()).toEqual([{ e: hires, c: mine }]);

    // They see their college's rows only, and change one while it waits for approval.
    const foreign = Number(run("insert into supply_rows (college_id, field_slug, level, fiscal_year, province_code, enrolled, graduates) values (?, ?, 'btech', 2571, '20', 9, 9)", elsewhere, field).lastInsertRowid);
    const listed = await text(await getPage(app.server, '/college-reports', teacher.cookie));
    expect(listed.body).toContain(`href="/college-reports/rows/supply/${row.id}"`);
    expect(listed.body).not.toContain(`/college-reports/rows/supply/${foreign}"`);
    expect((await getPage(app.server, `/college-reports/rows/supply/${foreign}`, teacher.cookie)).status).toBe(404);
    const rowPath = `/college-reports/rows/supply/${row.id}`;
    const changed = await post(rowPath, { intent: 'update', enrolled: '62', graduates: '50' }, teacher.cookie);
    expect([changed.status, changed.headers.get('location')]).toEqual([303, `${rowPath}?done=updated`]);
    expect(one('select graduates from supply_rows where id = ?', row.id)).toBe(50);

    // The field's staff see it waiting and approve it; then it is theirs alone to change, and it counts.
    expect((await text(await getPage(app.server, `/staff/${field}`, cookies.staff))).body).toContain(`name="ids" value="${row.id}"`);
    const approved = await post(`/staff/${field}`, { intent: 'approve', kind: 'supply', ids: [String(row.id)] }, cookies.staff);
    expect(approved.status).toBe(303);
    expect(one("select sum(supply) from manpower_totals where field_slug = ? and fiscal_year = 2571 and level = 'hvc'", field)).toBe(50);
    expect((await getPage(app.server, rowPath, teacher.cookie)).status).toBe(403);
    expect((await post(rowPath, { intent: 'update', enrolled: '99', graduates: '99' }, teacher.cookie)).status).toBe(403);
    expect((await post(rowPath, { intent: 'delete', confirm: '1' }, teacher.cookie)).status).toBe(403);
    expect(app.db.$client.prepare('select enrolled, graduates, status from supply_rows where id = ?').get(row.id)).toEqual({ enrolled: 62, graduates: 50, status: 'approved' });
    expect((await text(await getPage(app.server, '/college-reports', teacher.cookie))).body).not.toContain(`href="${rowPath}"`);

    // Choosing another college on the profile suspends the right; the field's staff take it away.
    run('update users set college_id = ? where id = ?', elsewhere, teacher.user.id);
    expect((await getPage(app.server, '/college-reports', teacher.cookie)).status).toBe(403);
    expect((await text(await getPage(app.server, grantPage, cookies.staff))).body).toContain('ระงับ (สถานศึกษาในโปรไฟล์เปลี่ยนไป)');
    run('update users set college_id = ? where id = ?', mine, teacher.user.id);
    expect((await getPage(app.server, '/college-reports', teacher.cookie)).status).toBe(200);
    expect((await post(`/staff/tourism/reporters`, { intent: 'revoke', userId: String(teacher.user.id) }, cookies.otherStaff)).status).toBe(404);
    const revoked = await post(grantPage, { intent: 'revoke', userId: String(teacher.user.id) }, cookies.staff);
    expect([revoked.status, revoked.headers.get('location')]).toEqual([303, `${grantPage}?done=revoke`]);
    expect((await getPage(app.server, '/college-reports', teacher.cookie)).status).toBe(403);
  });
});
