// The reports' pages over HTTP against the built server and the hand-counted fixture: who sees what (admins all,
// a field's staff their field, a run's instructor its learners, a learner their own history; another field's or
// college's people 403), the figures on the page, and the CSV/XLSX downloads with the filters, Thai text and
// formulas neutralized.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions.ts';
import { getPage, multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { seedReportFixture } from '../helpers/report-fixture.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const suite = useServer();
let ids: Record<string, number>;
const cookies: Record<string, string> = {};
const text = async (path: string, who: string) => {
  const response = await getPage(suite.server, path, cookies[who]);
  return { status: response.status, body: await response.text(), headers: response.headers };
};
const csvRows = (body: string) => body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

beforeAll(async () => {
  const { db } = suite;
  ids = await seedReportFixture(db);
  cookies.admin = (await signedInUser(db, { role: 'admin' })).cookie;
  for (const [who, field] of [['electronics', 'electronics'], ['tourism', 'tourism']] as const) {
    const staff = await signedInUser(db, { role: 'teacher' });
    db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
    cookies[who] = staff.cookie;
  }
  cookies.teacher = (await signedInUser(db, { role: 'teacher' })).cookie;
  db.$client.prepare('insert into run_instructors (run_id, user_id) values (?, ?)').run(ids.rA1, ids.t1);
  cookies.t1 = `session=${createSession(db, ids.t1).token}`;
  cookies.s1 = `session=${createSession(db, ids.s1).token}`;
  // A name a spreadsheet would run as a formula.
  db.$client.prepare("update users set name_th = '=HYPERLINK(\"http://evil.example\")' where id = ?").run(ids.s2);
});

describe('the dashboard', () => {
  it('shows an admin the year’s figures, by audience and college, with the filters in the URL', async () => {
    const page = await text('/admin/reports?year=2569', 'admin');
    expect(page.status).toBe(200);
    expect(page.body).toContain('ลงทะเบียน 6 คน');
    expect(page.body).toContain('ผ่านการอบรม 4 คน');
    expect(page.body).toContain('<svg');
    const teachers = await text('/en/admin/reports?year=2569&field=electronics&audience=teachers', 'admin');
    expect(teachers.body).toContain('2 enrolled, 2 completed');
    expect(teachers.body).toContain('Technical College One');
    expect(teachers.body).toContain('Technical College Two');
  });

  it('pins a field’s staff to their field, whatever the URL asks', async () => {
    const page = await text('/staff/electronics/training?year=2569&field=tourism', 'electronics');
    expect(page.status).toBe(200);
    expect(page.body).toContain('ลงทะเบียน 4 คน');
    expect((await text('/staff/electronics/training?year=2569', 'tourism')).status).toBe(403);
    expect((await text('/admin/reports?year=2569', 'electronics')).status).toBe(403);
    expect((await text('/admin/reports', 'teacher')).status).toBe(403);
  });
});

describe('drill-down and who sees whom', () => {
  it('leads an admin from the courses to a run’s learners and a college’s people', async () => {
    const courses = await text('/admin/reports/courses?year=2569&field=electronics', 'admin');
    expect(courses.body).toContain('/admin/reports/course/report-course-a?');
    const course = await text('/admin/reports/course/report-course-a?year=2569', 'admin');
    expect(course.body).toContain(`/admin/reports/run/${ids.rA1}?`);
    const run = await text(`/admin/reports/run/${ids.rA1}?year=2569&sort=score&dir=desc`, 'admin');
    expect(run.status).toBe(200);
    expect(run.body).toContain('CERT-S1');
    expect(run.body.indexOf('คน s1')).toBeLessThan(run.body.indexOf('HYPERLINK'));
    const college = await text(`/admin/reports/college/${ids.c1}?year=2569`, 'admin');
    expect(college.body).toContain('คน t1');
  });

  it('refuses another field’s runs, courses and colleges to a field’s staff (403)', async () => {
    expect((await text(`/staff/electronics/training/run/${ids.rA1}?year=2569`, 'electronics')).status).toBe(200);
    expect((await text(`/staff/electronics/training/run/${ids.rC1}?year=2569`, 'electronics')).status).toBe(403);
    expect((await text('/staff/electronics/training/course/report-course-c', 'electronics')).status).toBe(403);
    expect((await text(`/staff/electronics/training/college/${ids.c1}`, 'electronics')).status).toBe(200);
    expect((await text(`/staff/electronics/training/college/${ids.c2}`, 'electronics')).status).toBe(403);
    expect((await text(`/staff/electronics/training/export?table=learners&run=${ids.rC1}&year=2569`, 'electronics')).status).toBe(403);
    expect((await text(`/staff/electronics/training/export?table=people&college=${ids.c2}&year=2569`, 'electronics')).status).toBe(403);
    expect((await text('/admin/reports/run/999999', 'admin')).status).toBe(404);
  });

  it('shows a run’s instructor its learners, and no one else’s run', async () => {
    const report = await text(`/teach/${ids.rA1}/report`, 't1');
    expect(report.status).toBe(200);
    expect(report.body).toContain('CERT-S1');
    expect((await text(`/teach/${ids.rC1}/report`, 't1')).status).toBe(404);
    expect((await text(`/teach/${ids.rA1}/report`, 'teacher')).status).toBe(404);
    expect((await text(`/teach/${ids.rA1}/export?format=csv`, 'teacher')).status).toBe(404);
    const csv = await text(`/teach/${ids.rA1}/export?format=csv`, 't1');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('CERT-S1');
  });

  it('shows a learner their own history only', async () => {
    const history = await text('/learn/history', 's1');
    expect(history.body).toContain('CERT-S1');
    expect(history.body).toContain('CERT-S1-OLD');
    expect(history.body).not.toContain('CERT-T1');
  });
});

describe('exports', () => {
  it('writes a table as CSV with a BOM, the filters applied, Thai text and formulas neutralized', async () => {
    const response = await getPage(suite.server, '/admin/reports/export?table=colleges&format=csv&year=2569&field=electronics&audience=teachers', cookies.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes.toString('utf8'));
    expect(rows[0]).toContain('สถานศึกษา / College');
    expect(rows.slice(1).sort()).toEqual(['วิทยาลัยเทคนิคสอง,1,1,100,0,,1,1,0,0', 'วิทยาลัยเทคนิคหนึ่ง,1,1,100,1,90,1,1,0,0']);
    const learners = await text(`/admin/reports/export?table=learners&format=csv&run=${ids.rA1}&year=2569`, 'admin');
    expect(learners.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(learners.body).toContain('คน s1');
  });

  it('writes the same table as XLSX', async () => {
    const response = await getPage(suite.server, `/staff/electronics/training/export?table=learners&format=xlsx&run=${ids.rA1}&year=2569&sort=name&dir=asc`, cookies.electronics);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 3));
    expect(values).toContainEqual(['คน s1', expect.stringMatching(/@test\.example$/)]);
    expect(values.map((v) => v[0])).toContain(`'=HYPERLINK("http://evil.example")`);
  });
});

describe('indicators, targets and the yearly summary', () => {
  const indicatorId = (name: string) => suite.db.$client.prepare('select id from report_indicators where name_th = ?').pluck().get(name) as number;

  it('lets admins define indicators and targets, and no one else', async () => {
    const define = (nameTh: string, source: string, who: string) =>
      postForm(suite.server, '/admin/reports/indicators', { intent: 'indicator', year: '2569', nameTh, nameEn: `${source} indicator`, unit: 'คน', source }, { cookie: cookies[who] });
    expect((await define('ผู้ได้รับวุฒิบัตร', 'trainees-certified', 'admin')).status).toBe(303);
    expect((await define('ครูที่ได้รับการนิเทศ', 'manual', 'admin')).status).toBe(303);
    expect((await define('ของสาขาเอง', 'manual', 'electronics')).status).toBe(403);
    const staffTry = await postForm(suite.server, '/staff/electronics/training/indicators', { intent: 'indicator', year: '2569', nameTh: 'x', nameEn: 'x', unit: 'x', source: 'manual' }, { cookie: cookies.electronics });
    expect(staffTry.status).toBe(403);
    const target = (name: string, value: string) =>
      postForm(suite.server, '/admin/reports/indicators', { intent: 'target', indicatorId: String(indicatorId(name)), field: 'electronics', year: '2569', target: value }, { cookie: cookies.admin });
    expect((await target('ผู้ได้รับวุฒิบัตร', '2')).status).toBe(303);
    expect((await target('ครูที่ได้รับการนิเทศ', '5')).status).toBe(303);
    const bad = await target('ครูที่ได้รับการนิเทศ', 'ห้า');
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toContain('กรอกตัวเลขตั้งแต่ 0 ขึ้นไป');
  });

  it('takes a field’s hand-kept value with a note and evidence, and shows target against actual', async () => {
    const pdf = new Blob(['%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'], { type: 'application/pdf' });
    const form = multipartForm({ intent: 'value', year: '2569', indicatorId: String(indicatorId('ครูที่ได้รับการนิเทศ')), value: '3', note: 'นิเทศที่สถานประกอบการ' }, [['evidence', pdf, 'หลักฐาน.pdf']]);
    expect((await postMultipart(suite.server, '/staff/electronics/training/indicators', form, cookies.electronics)).status).toBe(303);
    const computedValue = multipartForm({ intent: 'value', year: '2569', indicatorId: String(indicatorId('ผู้ได้รับวุฒิบัตร')), value: '99' });
    expect((await postMultipart(suite.server, '/staff/electronics/training/indicators', computedValue, cookies.electronics)).status).toBe(400);
    const page = await text('/staff/electronics/training/indicators?year=2569', 'electronics');
    // Certified in electronics: s1 and t1 (t2's was revoked) = 2 of 2: met; the hand-kept 3 of 5: not met.
    expect(page.body).toMatch(/ผู้ได้รับวุฒิบัตร<\/th><td>คน<\/td><td class="num">2<\/td><td class="num">2<\/td><td>✓ ถึงเป้า/);
    expect(page.body).toMatch(/ครูที่ได้รับการนิเทศ<\/th><td>คน<\/td><td class="num">5<\/td><td class="num">3<\/td><td>✗ ยังไม่ถึงเป้า/);
    expect(page.body).toContain('นิเทศที่สถานประกอบการ');
    const evidence = await getPage(suite.server, `/staff/electronics/training/evidence/${indicatorId('ครูที่ได้รับการนิเทศ')}?year=2569`, cookies.electronics);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-type')).toBe('application/pdf');
    expect((await getPage(suite.server, `/staff/electronics/training/evidence/${indicatorId('ครูที่ได้รับการนิเทศ')}?year=2569`, cookies.tourism)).status).toBe(403);
  });

  it('prints the field’s year as an A4 PDF whose Thai text reads back', async () => {
    const saved = await postForm(suite.server, '/staff/electronics/training/indicators', { intent: 'summary', year: '2569', recommendations: 'ควรเพิ่มหลักสูตรพัฒนาครูด้านระบบอัตโนมัติ' }, { cookie: cookies.electronics });
    expect(saved.status).toBe(303);
    const response = await getPage(suite.server, '/staff/electronics/training/summary.pdf?year=2569', cookies.electronics);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const dir = tempDir('ic-report-pdf-');
    try {
      const file = join(dir.path, 'summary.pdf');
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      const pdfText = squeeze(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout);
      for (const expected of ['รายงานสรุปผลการดำเนินงาน ปีงบประมาณ 2569', 'คลังปัญญาอาชีวศึกษา', 'ผู้ลงทะเบียน 4 คน ผ่านการอบรม 3 คน', 'ผู้ได้รับวุฒิบัตร: ผล 2 เป้าหมาย 2 คน (ถึงเป้าหมาย)', 'ควรเพิ่มหลักสูตรพัฒนาครูด้านระบบอัตโนมัติ']) {
        expect(pdfText).toContain(squeeze(expected));
      }
    } finally {
      dir.remove();
    }
    expect((await getPage(suite.server, '/staff/electronics/training/summary.pdf?year=2569', cookies.tourism)).status).toBe(403);
  });
});
