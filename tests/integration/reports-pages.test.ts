// The reports' pages over HTTP against the built server and the hand-counted fixture: who sees what (admins all,
// a field's staff their field, a run's instructor its learners, a learner their own history; another field's or
// college's people 403), the figures on the page, and the CSV/XLSX downloads with the filters, Thai text and
// formulas neutralized.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions.ts';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { seedReportFixture } from '../helpers/report-fixture.ts';
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
