// Lessons written on the web, over HTTP against the built server: admins and staff of the course's field add a lesson
// and rewrite a curated one in the rich-text editor's JSON; learners get them in the outline and the completion rule;
// everyone else is refused; bad input is refused with a message in Thai and English and nothing stored.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { courseLessons, courseRuns, enrollments } from '../../db/schema/index.ts';
import { drawPng } from '../../src/server/demo/png.ts';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const course = 'wil-workplace-coaching-teacher-training';
const lessons = `/staff/courses/${course}/lessons`;
const day = 86_400_000;

const doc = (text: string, activity?: string) =>
  JSON.stringify({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] },
      { type: 'paragraph', content: [{ type: 'text', text: `${text}: ย่อหน้าแรกของบทเรียน` }] },
      ...(activity ? [{ type: 'h5pActivity', attrs: { activityId: activity } }] : []),
    ],
  });

const lessonForm = (fields: Record<string, string>) => ({ intent: 'save', titleTh: 'บทเรียนใหม่', module: 'coaching', minutes: '15', position: '6', required: 'on', document: doc('ทดสอบ'), ...fields });

async function staffOf(field: string) {
  const staff = await signedInUser(app.db, { role: 'teacher' });
  app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
  return staff;
}

describe('lessons written on the web', () => {
  it('staff of the course\'s field add a lesson and rewrite a curated one; learners see both and must finish them', async () => {
    const staff = await staffOf('mechanical-technology');
    const list = await getPage(app.server, lessons, staff.cookie);
    expect(list.status).toBe(200);
    const listed = await list.text();
    expect(listed).toContain(`${lessons}/what-is-wil`);
    expect(listed).toContain('จากไฟล์');

    // The editor opens a curated lesson with its text converted to the editor's JSON.
    const editor = await (await getPage(app.server, `${lessons}/what-is-wil`, staff.cookie)).text();
    expect(editor).toContain('name="document"');
    expect(editor).toMatch(/data-rich-text|rich-text/);

    const added = await postForm(app.server, `${lessons}/new`, lessonForm({ slug: 'coaching-on-the-shop-floor', titleTh: 'การสอนงานหน้างานจริง', document: doc('สอนงานหน้างาน', 'wil-roles-quiz') }), { cookie: staff.cookie });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`${lessons}/coaching-on-the-shop-floor?done=saved`);
    const rewritten = await postForm(app.server, `${lessons}/what-is-wil`, lessonForm({ slug: 'ignored', titleTh: 'WiL คืออะไร (ฉบับปรับปรุง)', module: 'principles', position: '1', document: doc('ฉบับปรับปรุง') }), { cookie: staff.cookie });
    expect(rewritten.status).toBe(303);
    const rows = app.db.select().from(courseLessons).where(eq(courseLessons.courseSlug, course)).all();
    expect(rows.map((r) => [r.slug, r.position]).sort()).toEqual([['coaching-on-the-shop-floor', 6], ['what-is-wil', 1]]);

    // A learner: the outline has six lessons, the rewritten one's new text, the added one with its H5P player.
    const run = app.db
      .insert(courseRuns)
      .values({ courseSlug: course, code: 'web-lessons', startsOn: new Date(), endsOn: new Date(Date.now() + 30 * day), enrollOpensAt: new Date(Date.now() - day), enrollClosesAt: new Date(Date.now() + day), capacity: 30, mode: 'online', college: 'วิทยาลัยเทคนิคทดสอบ' })
      .returning()
      .get();
    const learner = await signedInUser(app.db, { role: 'teacher' });
    app.db.insert(enrollments).values({ runId: run.id, userId: learner.user.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();
    const first = await (await getPage(app.server, `/learn/${course}/what-is-wil`, learner.cookie)).text();
    expect(first).toContain('WiL คืออะไร (ฉบับปรับปรุง)');
    expect(first).toContain('ฉบับปรับปรุง: ย่อหน้าแรกของบทเรียน');
    const last = await getPage(app.server, `/learn/${course}/coaching-on-the-shop-floor`, learner.cookie);
    expect(last.status).toBe(200);
    const lastHtml = await last.text();
    expect(lastHtml).toContain('สอนงานหน้างาน: ย่อหน้าแรกของบทเรียน');
    expect(lastHtml).toMatch(/<ic-h5p-activity[^>]*data-activity-id="wil-roles-quiz"/);
    expect([...lastHtml.matchAll(/<li\b[^>]*\bdata-lesson="([a-z0-9-]+)"/g)].map((m) => m[1]).at(-1)).toBe('coaching-on-the-shop-floor');
    expect([...lastHtml.matchAll(/<li\b[^>]*\bdata-lesson="/g)]).toHaveLength(6);
    // Finishing the five curated lessons is no longer enough: the added lesson is required too.
    for (const slug of ['what-is-wil', 'roles-of-teacher-and-trainer', 'planning-training-from-real-work', 'coaching-and-feedback', 'assessing-competency-at-work']) {
      await fetch(`${app.server.url}/api/learn/progress`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: learner.cookie }, body: JSON.stringify({ id: crypto.randomUUID(), runId: run.id, lesson: slug, position: 1, completed: true }) });
    }
    const answer = await fetch(`${app.server.url}/api/learn/progress`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: learner.cookie }, body: JSON.stringify({ id: crypto.randomUUID(), runId: run.id, lesson: 'coaching-on-the-shop-floor', position: 0.2, completed: false }) });
    expect((await answer.json()).percent).toBeLessThan(100);
  });

  it('refuses other people, and bad lessons with a message in Thai and English, storing nothing', async () => {
    const before = app.db.select().from(courseLessons).all().length;
    const form = lessonForm({ slug: 'refused-lesson' });
    for (const visitor of [await staffOf('tourism'), await signedInUser(app.db, { role: 'teacher' }), await signedInUser(app.db, { role: 'expert' })]) {
      expect((await getPage(app.server, lessons, visitor.cookie)).status).toBe(403);
      expect((await postForm(app.server, `${lessons}/new`, form, { cookie: visitor.cookie })).status).toBe(403);
    }
    expect((await getPage(app.server, lessons)).status).toBe(303);

    const admin = await signedInUser(app.db, { role: 'admin' });
    const refusals: [Record<string, string>, number, RegExp][] = [
      [{ slug: 'Not A Slug' }, 400, /ตัวเล็ก.*lowercase/s],
      [{ slug: 'what-is-wil' }, 409, /มีบทเรียนชื่อนี้แล้ว/],
      [{ module: 'no-such-module' }, 400, /ไม่พบหน่วยนี้/],
      [{ document: doc('กิจกรรมของหลักสูตรอื่น', 'solar-sizing-quiz') }, 400, /solar-sizing-quiz/],
      [{ document: '{"type":"doc","content":[{"type":"script"}]}' }, 400, /เนื้อหาบทเรียนไม่ถูกต้อง/],
      [{ minutes: '0' }, 400, /error-summary/],
    ];
    for (const [fields, status, message] of refusals) {
      const response = await postForm(app.server, `${lessons}/new`, { ...form, ...fields }, { cookie: admin.cookie });
      const where = JSON.stringify(fields);
      expect(response.status, where).toBe(status);
      expect(await response.text(), where).toMatch(message);
    }
    const english = await postForm(app.server, `/en${lessons}/new`, { ...form, module: 'no-such-module' }, { cookie: admin.cookie });
    expect(await english.text()).toContain('This module is not in the course');
    expect(app.db.select().from(courseLessons).all()).toHaveLength(before);
    expect((await getPage(app.server, `/staff/courses/no-such-course/lessons`, admin.cookie)).status).toBe(404);
  });

  it('staff of the course\'s field upload pictures for its lessons (not only experts); others are refused and nothing is stored', async () => {
    const media = `/staff/courses/${course}/media`;
    const upload = (cookie: string, path = media) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(drawPng(40, 20, () => [200, 120, 10]))]), 'แผนผัง.png');
      return fetch(`${app.server.url}${path}`, { method: 'POST', body, headers: { cookie, origin: app.server.origin, accept: 'application/json' } });
    };
    const files = () => app.db.$client.prepare('select count(*) from uploaded_files').pluck().get() as number;
    const staff = await staffOf('mechanical-technology');
    // The editor of this course's lessons sends its uploads to the course's own address.
    expect(await (await getPage(app.server, `${lessons}/what-is-wil`, staff.cookie)).text()).toContain(`data-upload-url="${media}"`);
    const accepted = await upload(staff.cookie);
    expect(accepted.status).toBe(201);
    const { src } = (await accepted.json()) as { src: string };
    expect((await getPage(app.server, src)).headers.get('content-type')).toBe('image/png');
    // The staff member is a teacher: the experts' upload address stays closed to them.
    expect((await upload(staff.cookie, '/api/editor/media')).status).toBe(403);

    const before = files();
    // Staff of another field pass the route table (they are field staff) and are refused by the course's fields.
    const refused = await upload((await staffOf('tourism')).cookie);
    expect(refused.status).toBe(403);
    const { message } = (await refused.json()) as { message: { th: string; en: string } };
    expect(message.th).toContain('เจ้าหน้าที่ของสาขาวิชา');
    expect(message.en).toContain("staff of this course's fields");
    for (const role of ['expert', 'student'] as const) expect((await upload((await signedInUser(app.db, { role })).cookie)).status).toBe(403);
    const admin = await signedInUser(app.db, { role: 'admin' });
    expect((await upload(admin.cookie, '/staff/courses/no-such-course/media')).status).toBe(404);
    expect(files()).toBe(before);
  });
});
