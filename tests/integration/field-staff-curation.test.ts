// Field staff curate their fields' library items and course runs: every write judged on the server with the item's
// or course's fields; lists show only their fields. Real HTTP against the built server, real SQLite.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { courseRuns } from '../../db/schema/index.ts';
import { getPage, multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
let staff: string;
let otherStaff: string;
beforeAll(async () => {
  const grant = async (field: string) => {
    const person = await signedInUser(app.db, { role: 'teacher' });
    app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(person.user.id, field);
    return person.cookie;
  };
  staff = await grant('mechanical-technology');
  otherStaff = await grant('tourism');
});

const item = (titleEn: string, fields: string[]) => ({
  intent: 'save',
  titleTh: `คู่มือ ${titleEn}`,
  titleEn,
  authors: 'นายช่าง ใจดี',
  summary: 'สรุปเนื้อหาของคู่มือสำหรับครูและผู้เรียน',
  levels: ['hvc'],
  language: 'th',
  publisher: 'วิทยาลัยเทคนิคชลบุรี',
  year: '2569',
  licence: 'CC BY 4.0',
  keywords: 'เครื่องยนต์',
  fields,
  published: '2026-10-01',
  body: 'เนื้อหา',
});
// An e-book is published with its file (one without is refused), so every save sends one.
const pdf = () => new Blob(['%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'], { type: 'application/pdf' });
const save = (path: string, fields: Record<string, string | string[]>, cookie: string) => postMultipart(app.server, path, multipartForm(fields, [['upload', pdf(), 'guide.pdf']]), cookie);
const status = (slug: string) => app.db.$client.prepare("select status from catalog_items where type = 'ebooks' and slug = ?").pluck().get(slug);

describe('field staff and library items', () => {
  it('create, list, edit and unpublish items of their field; another field only is refused', async () => {
    const created = await save('/admin/items/new?type=ebooks', item('Engine Overhaul Staff Guide', ['mechanical-technology']), staff);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/admin/items/ebooks/engine-overhaul-staff-guide?done=saved');

    // Filing an item under fields that are not theirs is refused next to the fields, and nothing is saved.
    const foreign = await save('/admin/items/new?type=ebooks', item('Tour Guide Staff Handbook', ['tourism']), staff);
    expect([foreign.status, await foreign.text()]).toEqual([400, expect.stringContaining('เลือกสาขาที่ท่านเป็นเจ้าหน้าที่อย่างน้อยหนึ่งสาขา')]);
    expect(status('tour-guide-staff-handbook')).toBeUndefined();
    // A shared item (their field and another) is theirs to curate too.
    expect((await save('/admin/items/new?type=ebooks', item('Shared Tour Bus Maintenance', ['tourism', 'mechanical-technology']), staff)).status).toBe(303);

    // The tourism staff make their own item; the mechanical staff may neither open, edit nor unpublish it.
    expect((await save('/admin/items/new?type=ebooks', item('Tour Guide Staff Handbook', ['tourism']), otherStaff)).status).toBe(303);
    expect((await getPage(app.server, '/admin/items/ebooks/tour-guide-staff-handbook', staff)).status).toBe(403);
    const unpublish = await postForm(app.server, '/admin/items/ebooks/tour-guide-staff-handbook', { intent: 'unpublish' }, { cookie: staff });
    expect(unpublish.status).toBe(403);
    const edit = await save('/admin/items/ebooks/tour-guide-staff-handbook', item('Tour Guide Staff Handbook', ['mechanical-technology']), staff);
    expect(edit.status).toBe(403);
    expect(status('tour-guide-staff-handbook')).toBe('published');

    // Their own: unpublished and still listed (to them only), then published again.
    const own = await postForm(app.server, '/en/admin/items/ebooks/engine-overhaul-staff-guide', { intent: 'unpublish' }, { cookie: staff });
    expect(own.status).toBe(303);
    expect(status('engine-overhaul-staff-guide')).toBe('unpublished');
    const list = await (await getPage(app.server, '/admin/items?type=ebooks', staff)).text();
    expect(list).toContain('คู่มือ Engine Overhaul Staff Guide');
    expect(list).toContain('คู่มือ Shared Tour Bus Maintenance');
    expect(list).not.toContain('คู่มือ Tour Guide Staff Handbook');
    const otherList = await (await getPage(app.server, '/admin/items?type=ebooks', otherStaff)).text();
    expect(otherList).toContain('คู่มือ Tour Guide Staff Handbook');
    expect(otherList).toContain('คู่มือ Shared Tour Bus Maintenance');
    expect(otherList).not.toContain('คู่มือ Engine Overhaul Staff Guide');
    expect((await postForm(app.server, '/admin/items/ebooks/engine-overhaul-staff-guide', { intent: 'publish' }, { cookie: staff })).status).toBe(303);
    expect(status('engine-overhaul-staff-guide')).toBe('published');
  });

  it('stay closed to people who are staff of no field', async () => {
    const teacher = await signedInUser(app.db, { role: 'teacher' });
    expect((await getPage(app.server, '/admin/items', teacher.cookie)).status).toBe(403);
    expect((await save('/admin/items/new?type=ebooks', item('Not Staff Guide', ['mechanical-technology']), teacher.cookie)).status).toBe(403);
    expect(status('not-staff-guide')).toBeUndefined();
  });
});

describe('field staff and course runs', () => {
  const run = {
    intent: 'new-run', course: 'diesel-common-rail-diagnostics-upskill', code: 'STAFF-1', startsOn: '2027-03-01', endsOn: '2027-03-31',
    enrollOpensAt: '2027-01-15', enrollClosesAt: '2027-02-20', capacity: '20', mode: 'blended', place: 'โรงฝึกงานยานยนต์', college: 'วิทยาลัยเทคนิคชลบุรี',
    partner: '', instructors: '',
  };

  it('open runs of their fields’ courses only, see those runs, and manage them', async () => {
    const page = await (await getPage(app.server, '/admin/runs', staff)).text();
    expect(page).toContain('value="diesel-common-rail-diagnostics-upskill"');
    expect(page).not.toContain('value="solar-rooftop-installation-new-skill"');

    const foreign = await postForm(app.server, '/admin/runs', { ...run, course: 'solar-rooftop-installation-new-skill' }, { cookie: staff });
    expect(foreign.status).toBe(400);
    expect(app.db.select().from(courseRuns).where(eq(courseRuns.code, 'STAFF-1')).all()).toHaveLength(0);
    const refused = await postForm(app.server, '/admin/runs', run, { cookie: otherStaff });
    expect(refused.status).toBe(400);

    const created = await postForm(app.server, '/admin/runs', run, { cookie: staff });
    expect(created.status).toBe(303);
    const row = app.db.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, run.course), eq(courseRuns.code, 'STAFF-1'))).get()!;
    expect((await (await getPage(app.server, '/admin/runs', staff)).text())).toContain(`/teach/${row.id}`);
    expect((await (await getPage(app.server, '/admin/runs', otherStaff)).text())).not.toContain(`/teach/${row.id}`);

    // The run's page and its session form: the course's field staff yes, another field's staff no (404, as to anyone).
    expect((await getPage(app.server, `/teach/${row.id}`, staff)).status).toBe(200);
    expect((await getPage(app.server, `/teach/${row.id}`, otherStaff)).status).toBe(404);
    const session = { intent: 'add-session', titleTh: 'ฝึกปฏิบัติที่สถานประกอบการ', date: '2027-03-10', place: 'อู่ซ่อมรถ' };
    expect((await postForm(app.server, `/teach/${row.id}`, session, { cookie: otherStaff })).status).toBe(404);
    expect((await postForm(app.server, `/teach/${row.id}`, session, { cookie: staff })).status).toBe(303);
  });
});
