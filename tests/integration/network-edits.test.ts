// Editing and deleting establishments and demand and supply rows on a field's staff pages, against the built server:
// who may, confirmation, clear errors, totals that follow, and nothing half-written.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
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
