// Short courses over HTTP against the built server: the course list and page, enrolling (window, capacity,
// waitlist, audience), the learner endpoints (progress and xAPI, each id once), completion under concurrency,
// certificates (PDF read back, verification, revoking) and what instructors do.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityStates, certificates, completions, courseRuns, enrollments, lessonProgress, mailOutbox, receivedEvents, runInstructors, runSessions, attendance, practicalAssessments, activityStatements, users } from '../../db/schema/index.ts';
import { formatDate } from '../../src/i18n/index.ts';
import { activityIri } from '../../src/lib/courses/xapi.ts';
import { readCourseOutline } from '../../src/server/courses/outline.ts';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
import { enrolledLearner as enrolledIn, insertRun } from '../helpers/courses.ts';
import { tempDir } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const contentDir = new URL('../../content', import.meta.url).pathname;
const solar = readCourseOutline(contentDir, 'solar-rooftop-installation-new-skill')!;
const day = 86_400_000;

function runOf(course: string, code: string) {
  return app.db.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, course), eq(courseRuns.code, code))).get()!;
}

const addRun = (course: string, overrides: Parameters<typeof insertRun>[2] = {}) => insertRun(app.db, course, overrides);

const postJson = (path: string, body: unknown, cookie: string, type = 'application/json') =>
  fetch(app.server.url + path, { method: 'POST', headers: { 'content-type': type, cookie, origin: app.server.origin }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const xapi = (email: string, activity: string, scaled: number, id: string = crypto.randomUUID()) => ({
  id,
  actor: { mbox: `mailto:${email}` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: activityIri(activity) },
  result: { score: { scaled } },
});

const enrolledLearner = (runId: number, role: 'student' | 'teacher' = 'student') => enrolledIn(app.db, runId, role);

describe('the course list and page', () => {
  it('lists courses with open runs first and filters by audience, mode and kind', async () => {
    const html = await (await getPage(app.server, '/courses')).text();
    const order = [...html.matchAll(/<h2><a href="\/courses\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    const open = ['diesel-common-rail-diagnostics-upskill', 'solar-rooftop-installation-new-skill', 'wil-workplace-coaching-teacher-training'];
    expect(order.slice(0, 3).sort()).toEqual(open);
    expect(order.length).toBeGreaterThan(5);
    const teachers = await (await getPage(app.server, '/courses?audience=teachers')).text();
    expect(teachers).toContain('/courses/wil-workplace-coaching-teacher-training');
    expect(teachers).not.toContain('/courses/solar-rooftop-installation-new-skill');
    const blended = await (await getPage(app.server, '/en/courses?mode=blended')).text();
    expect([...blended.matchAll(/<h2><a href="\/en\/courses\/([a-z0-9-]+)"/g)].map((m) => m[1])).toEqual(['diesel-common-rail-diagnostics-upskill']);
    const reskill = await (await getPage(app.server, '/courses?kind=re-skill&mode=nonsense')).text();
    expect(reskill).toContain('/courses/ice-to-ev-technician-reskill');
    expect(reskill).not.toContain('/courses/solar-rooftop-installation-new-skill');
  });

  it("dates a course's card by its first run open for enrollment, not by a run long over, and folds past runs away", async () => {
    const day = 24 * 60 * 60 * 1000;
    const slug = 'solar-rooftop-installation-new-skill';
    const past = insertRun(app.db, slug, { startsOn: new Date(Date.now() - 400 * day), endsOn: new Date(Date.now() - 340 * day), enrollOpensAt: new Date(Date.now() - 430 * day), enrollClosesAt: new Date(Date.now() - 401 * day) });
    try {
      const open = app.db.select().from(courseRuns).where(eq(courseRuns.courseSlug, slug)).all().filter((r) => r.enrollOpensAt.getTime() <= Date.now() && r.enrollClosesAt.getTime() > Date.now()).sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime())[0]!;
      for (const [path, lang] of [['/courses', 'th'], ['/en/courses', 'en']] as const) {
        const html = await (await getPage(app.server, path)).text();
        const card = html.slice(html.indexOf(`<h2><a href="${path}/${slug}"`)).split('</li>')[0]!;
        expect(card, path).toContain(`${formatDate(open.startsOn, lang)} – ${formatDate(open.endsOn, lang)}`);
        expect(card, path).not.toContain(formatDate(past.startsOn, lang));
      }
      // The course's page: runs open for enrollment first, the one long over folded away under the past runs.
      const html = await (await getPage(app.server, `/courses/${slug}`)).text();
      const [openAt, pastAt, foldAt] = [html.indexOf(`id="run-${open.id}"`), html.indexOf(`id="run-${past.id}"`), html.indexOf('<details class="past-runs"')];
      expect(openAt).toBeGreaterThan(0);
      expect(foldAt).toBeGreaterThan(openAt);
      expect(pastAt).toBeGreaterThan(foldAt);
    } finally {
      app.db.delete(courseRuns).where(eq(courseRuns.id, past.id)).run();
    }
  });

  it('shows the description, outline and runs at /courses/<slug>; the library address redirects there', async () => {
    const page = await getPage(app.server, '/courses/diesel-common-rail-diagnostics-upskill');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('วัตถุประสงค์');
    expect(html).toContain('การทดสอบน้ำมันไหลกลับของหัวฉีด');
    expect(html).toContain('รุ่น 2569-1');
    expect(html).toContain('ผ่านการประเมินภาคปฏิบัติทุกหน่วยสมรรถนะ');
    const redirect = await getPage(app.server, '/library/courses/diesel-common-rail-diagnostics-upskill');
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/courses/diesel-common-rail-diagnostics-upskill']);
    const en = await getPage(app.server, '/en/library/courses/diesel-common-rail-diagnostics-upskill');
    expect(en.headers.get('location')).toBe('/en/courses/diesel-common-rail-diagnostics-upskill');
    expect((await getPage(app.server, '/courses/no-such-course')).status).toBe(404);
  });
});

describe('enrolling', () => {
  const page = '/courses/solar-rooftop-installation-new-skill';
  const rowsOf = (userId: number) => app.db.select().from(enrollments).where(eq(enrollments.userId, userId)).all();

  it('enrolls once, harmlessly twice, and leaves', async () => {
    const run = runOf('solar-rooftop-installation-new-skill', '2569-1');
    const { user, cookie } = await signedInUser(app.db);
    const first = await postForm(app.server, page, { intent: 'enroll', runId: String(run.id) }, { cookie });
    expect([first.status, first.headers.get('location')]).toEqual([303, `${page}?saved=enrolled`]);
    const again = await postForm(app.server, page, { intent: 'enroll', runId: String(run.id) }, { cookie });
    expect(again.headers.get('location')).toBe(`${page}?saved=unchanged`);
    expect(rowsOf(user.id)).toHaveLength(1);
    const left = await postForm(app.server, page, { intent: 'leave', runId: String(run.id) }, { cookie });
    expect(left.headers.get('location')).toBe(`${page}?saved=left`);
    expect(rowsOf(user.id)[0]!.status).toBe('left');
  });

  it('enrolls once under 100 concurrent identical posts, answering every one', async () => {
    const run = addRun('solar-rooftop-installation-new-skill', { capacity: 5 });
    const { user, cookie } = await signedInUser(app.db);
    const answers = await Promise.all(Array.from({ length: 100 }, () => postForm(app.server, page, { intent: 'enroll', runId: String(run.id) }, { cookie })));
    const locations = answers.map((r) => `${r.status} ${r.headers.get('location')}`);
    expect(locations.filter((l) => l === `303 ${page}?saved=enrolled`)).toHaveLength(1);
    expect(locations.filter((l) => l === `303 ${page}?saved=unchanged`)).toHaveLength(99);
    expect(rowsOf(user.id)).toEqual([expect.objectContaining({ runId: run.id, status: 'enrolled' })]);
  });

  it('refuses a full run with a message in Thai and English, then queues on the waitlist; leaving promotes and mails', async () => {
    const run = addRun('solar-rooftop-installation-new-skill', { capacity: 1 });
    const first = await signedInUser(app.db);
    const second = await signedInUser(app.db);
    await postForm(app.server, page, { intent: 'enroll', runId: String(run.id) }, { cookie: first.cookie });
    const full = await postForm(app.server, page, { intent: 'enroll', runId: String(run.id) }, { cookie: second.cookie });
    expect(full.status).toBe(409);
    const text = await full.text();
    expect(text).toContain('รุ่นนี้เต็มแล้ว');
    expect(text).toContain('This run is full');
    expect(rowsOf(second.user.id)).toEqual([]);
    const queued = await postForm(app.server, page, { intent: 'waitlist', runId: String(run.id) }, { cookie: second.cookie });
    expect(queued.headers.get('location')).toBe(`${page}?saved=waitlisted`);
    expect(await (await getPage(app.server, page, second.cookie)).text()).toContain('รายชื่อรอลำดับที่ 1');
    await postForm(app.server, page, { intent: 'leave', runId: String(run.id) }, { cookie: first.cookie });
    expect(rowsOf(second.user.id)[0]!.status).toBe('enrolled');
    const mail = app.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, second.user.email)).all();
    expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining('ได้ที่นั่งในหลักสูตรแล้ว')]);
  });

  it('refuses outside the window, outside the audience, and an unknown run, writing nothing', async () => {
    const closed = addRun('solar-rooftop-installation-new-skill', { enrollClosesAt: new Date(Date.now() - day) });
    const later = addRun('solar-rooftop-installation-new-skill', { enrollOpensAt: new Date(Date.now() + day) });
    const { user, cookie } = await signedInUser(app.db);
    const refusedClosed = await postForm(app.server, page, { intent: 'enroll', runId: String(closed.id) }, { cookie });
    expect([refusedClosed.status, await refusedClosed.text()]).toEqual([409, expect.stringContaining('ปิดรับสมัครแล้ว')]);
    const refusedLater = await postForm(app.server, page, { intent: 'waitlist', runId: String(later.id) }, { cookie });
    expect([refusedLater.status, await refusedLater.text()]).toEqual([409, expect.stringContaining('ยังไม่เปิดรับสมัคร')]);
    const teacherRun = runOf('wil-workplace-coaching-teacher-training', '2569-1');
    const audience = await postForm(app.server, '/en/courses/wil-workplace-coaching-teacher-training', { intent: 'enroll', runId: String(teacherRun.id) }, { cookie });
    expect([audience.status, await audience.text()]).toEqual([409, expect.stringContaining('not open to your group')]);
    const otherCourse = await postForm(app.server, page, { intent: 'enroll', runId: String(teacherRun.id) }, { cookie });
    expect(otherCourse.status).toBe(400);
    const junk = await postForm(app.server, page, { intent: 'enroll', runId: '../../1' }, { cookie });
    expect(junk.status).toBe(400);
    expect(rowsOf(user.id)).toEqual([]);
    const teacher = await signedInUser(app.db, { role: 'teacher' });
    const admitted = await postForm(app.server, '/courses/wil-workplace-coaching-teacher-training', { intent: 'enroll', runId: String(teacherRun.id) }, { cookie: teacher.cookie });
    expect(admitted.status).toBe(303);
  });

  it('sends a signed-out post to sign in', async () => {
    const run = runOf('solar-rooftop-installation-new-skill', '2569-1');
    const response = await postForm(app.server, page, { intent: 'enroll', runId: String(run.id) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});

describe('the learner endpoints', () => {
  it('accept each progress report once and refuse bad ones with a message in both languages, writing nothing', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    const stranger = await signedInUser(app.db);
    const report = { id: crypto.randomUUID(), runId: run.id, lesson: solar.lessons[0]!.slug, position: 0.4, completed: false };
    const events = () => app.db.select().from(receivedEvents).where(eq(receivedEvents.userId, user.id)).all().length;

    const ok = await postJson('/api/learn/progress', report, cookie);
    expect([ok.status, await ok.json()]).toEqual([200, expect.objectContaining({ percent: 0 })]);
    const replay = await postJson('/api/learn/progress', { ...report, completed: true }, cookie);
    expect([replay.status, (await replay.json()).message.en]).toEqual([409, expect.stringContaining('Already received')]);
    const bad = [
      await postJson('/api/learn/progress', new URLSearchParams({ id: 'x' }).toString(), cookie, 'application/x-www-form-urlencoded'),
      await postJson('/api/learn/progress', '{not json', cookie),
      await postJson('/api/learn/progress', { ...report, id: crypto.randomUUID(), position: 7 }, cookie),
      await postJson('/api/learn/progress', { ...report, id: crypto.randomUUID(), lesson: 'no-such' }, cookie),
      await postJson('/api/learn/progress', { ...report, id: crypto.randomUUID() }, stranger.cookie),
    ];
    expect(bad.map((r) => r.status)).toEqual([415, 400, 400, 422, 403]);
    for (const response of bad) {
      const { message } = await response.json();
      expect(message.th).toMatch(/[\u0e00-\u0e7f]/);
      expect(message.en).toMatch(/[a-z]/);
    }
    expect(events()).toBe(1);
    const progress = app.db.select().from(lessonProgress).where(eq(lessonProgress.userId, user.id)).all();
    expect(progress).toEqual([expect.objectContaining({ position: 0.4, completedAt: null })]);
  });

  it('accept xAPI statements for this user, activity and run only, each id once, keeping the best score', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    const activity = solar.activities[0]!.id;
    const send = (statement: unknown, as = cookie, target = activity) => postJson('/api/learn/statements', { runId: run.id, activity: target, statement }, as);
    const good = xapi(user.email, activity, 0.8);
    expect((await send(good)).status).toBe(200);
    expect((await send(good)).status).toBe(409);
    const forged = [
      await send(xapi('someone.else@example.org', activity, 1)),
      await send(xapi(user.email, 'diesel-common-rail-parts-quiz', 1), cookie, 'diesel-common-rail-parts-quiz'),
      await send(xapi(user.email, solar.activities[1]!.id, 1)),
      await send(xapi(user.email, activity, 1.5)),
      await send({ ...xapi(user.email, activity, 1), id: 'not-a-uuid' }),
    ];
    expect(forged.map((r) => r.status)).toEqual([422, 422, 422, 422, 422]);
    expect((await forged[0]!.json()).message.th).toContain('ไม่ใช่ของผู้ใช้');
    const other = await signedInUser(app.db);
    expect((await send(xapi(other.user.email, activity, 1), other.cookie)).status).toBe(403);
    expect(app.db.select().from(activityStatements).where(eq(activityStatements.runId, run.id)).all()).toHaveLength(1);
  });

  it('accept several statements in one request, each judged and answered alone, refusing a batch too large or malformed whole', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    const [quiz, other] = [solar.activities[0]!.id, solar.activities[1]!.id];
    const good = xapi(user.email, quiz, 0.4);
    const statements = [
      { activity: quiz, statement: good },
      { activity: quiz, statement: good },
      { activity: other, statement: xapi(user.email, other, 0.9) },
      { activity: quiz, statement: xapi('someone.else@example.org', quiz, 1) },
      { activity: quiz, statement: xapi(user.email, quiz, 1.5) },
      { activity: 'no-such-activity', statement: xapi(user.email, quiz, 1) },
    ];
    const response = await postJson('/api/learn/statements', { runId: run.id, statements }, cookie);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { results: { status: number; message: { th: string; en: string } }[]; percent: number };
    expect(answer.results.map((r) => r.status)).toEqual([200, 409, 200, 422, 422, 422]);
    expect(answer.results[3]!.message).toEqual({ th: expect.stringContaining('ไม่ใช่ของผู้ใช้'), en: expect.stringContaining('not the signed-in user') });
    expect(answer.percent).toEqual(expect.any(Number));
    const stored = () => app.db.select().from(activityStatements).where(eq(activityStatements.runId, run.id)).all();
    expect(stored().map((r) => r.activity).sort()).toEqual([quiz, other].sort());
    // Sent again (an answer lost on the way), every one is already there.
    const again = (await (await postJson('/api/learn/statements', { runId: run.id, statements: statements.slice(0, 3) }, cookie)).json()) as { results: { status: number }[] };
    expect(again.results.map((r) => r.status)).toEqual([409, 409, 409]);

    const tooMany = Array.from({ length: 51 }, () => ({ activity: quiz, statement: xapi(user.email, quiz, 0.5) }));
    for (const body of [{ runId: run.id, statements: tooMany }, { runId: run.id, statements: [] }, { runId: run.id, statements: [{ activity: quiz }], extra: 1 }]) {
      const refused = await postJson('/api/learn/statements', body, cookie);
      expect(refused.status).toBe(400);
      expect((await refused.json()).message).toEqual({ th: expect.any(String), en: expect.stringContaining('Malformed') });
    }
    const outsider = await signedInUser(app.db);
    expect((await postJson('/api/learn/statements', { runId: run.id, statements: statements.slice(2, 3) }, outsider.cookie)).status).toBe(403);
    expect(stored()).toHaveLength(2);
  });
});

describe('saved H5P state', () => {
  it('keeps each learner\'s latest state of an activity and gives it back on their lesson page only', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    const classmate = await enrolledLearner(run.id);
    const activity = 'solar-sizing-quiz';
    const lesson = solar.lessons.find((l) => l.activities.includes(activity) || l.body.includes(`::h5p[${activity}]`))!;
    const save = (state: string, who = cookie, body: Record<string, unknown> = {}) => postJson('/api/learn/state', { runId: run.id, activity, state, ...body }, who);

    expect((await save(JSON.stringify({ answers: [1] }))).status).toBe(200);
    const latest = JSON.stringify({ answers: [2], note: 'ครึ่งทาง "<ยังไม่ส่ง>"' });
    const saved = await save(latest);
    expect([saved.status, (await saved.json()).message.en]).toEqual([200, expect.stringContaining('saved')]);

    const playerState = async (who: string) => {
      const html = await (await getPage(app.server, `/learn/solar-rooftop-installation-new-skill/${lesson.slug}`, who)).text();
      // The element's opening tag: attribute values are quoted, and may hold a `>`.
      const tag = new RegExp(`<ic-h5p-activity\\b(?:[^>"]|"[^"]*")*data-activity-id="${activity}"(?:[^>"]|"[^"]*")*>`).exec(html)?.[0];
      expect(tag).toBeDefined();
      const value = /data-state="([^"]*)"/.exec(tag!)?.[1];
      return value === undefined ? undefined : value.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#34;', '"').replaceAll('&amp;', '&');
    };
    expect(await playerState(cookie)).toBe(latest);
    // Another learner of the same run starts afresh: states are per learner.
    expect(await playerState(classmate.cookie)).toBeUndefined();

    // Refused, each with a message in both languages, nothing written: too large, not JSON, another course's
    // activity, a run the person is not in.
    const refused = [
      await save(JSON.stringify({ big: 'x'.repeat(70_000) })),
      await save('{not json'),
      await save('{}', cookie, { activity: 'diesel-common-rail-parts-quiz' }),
      await save('{}', (await signedInUser(app.db)).cookie),
    ];
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422, 403]);
    for (const response of refused) expect((await response.json()).message).toEqual({ th: expect.any(String), en: expect.any(String) });
    expect(app.db.select().from(activityStates).where(eq(activityStates.runId, run.id)).all().map((r) => [r.userId, r.state])).toEqual([[user.id, latest]]);
  });
});

describe('completion and certificates', () => {
  it('issues exactly one certificate under 100 concurrent completion requests', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    for (const lesson of solar.lessons.slice(0, -1)) {
      expect((await postJson('/api/learn/progress', { id: crypto.randomUUID(), runId: run.id, lesson: lesson.slug, position: 1, completed: true }, cookie)).status).toBe(200);
    }
    for (const activity of solar.activities) {
      expect((await postJson('/api/learn/statements', { runId: run.id, activity: activity.id, statement: xapi(user.email, activity.id, 1) }, cookie)).status).toBe(200);
    }
    const last = solar.lessons.at(-1)!.slug;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => postJson('/api/learn/progress', { id: crypto.randomUUID(), runId: run.id, lesson: last, position: 1, completed: true }, cookie)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect((await answers[99]!.json()).percent).toBe(100);
    expect(app.db.select().from(completions).where(eq(completions.userId, user.id)).all()).toHaveLength(1);
    expect(app.db.select().from(certificates).where(eq(certificates.userId, user.id)).all()).toHaveLength(1);
  });

  it('accepts one of 100 concurrent copies of a report or statement, completing once with one certificate', async () => {
    const run = addRun('solar-rooftop-installation-new-skill');
    const { user, cookie } = await enrolledLearner(run.id);
    for (const lesson of solar.lessons.slice(0, -1)) {
      expect((await postJson('/api/learn/progress', { id: crypto.randomUUID(), runId: run.id, lesson: lesson.slug, position: 1, completed: true }, cookie)).status).toBe(200);
    }
    const [first, second] = solar.activities;
    expect((await postJson('/api/learn/statements', { runId: run.id, activity: first!.id, statement: xapi(user.email, first!.id, 1) }, cookie)).status).toBe(200);
    const lastLesson = { id: crypto.randomUUID(), runId: run.id, lesson: solar.lessons.at(-1)!.slug, position: 1, completed: true };
    const progress = await Promise.all(Array.from({ length: 100 }, () => postJson('/api/learn/progress', lastLesson, cookie)));
    expect(progress.map((r) => r.status).sort()).toEqual([200, ...Array(99).fill(409)]);
    // The last activity's statement is what completes the course: a queue resending it 100 times at once.
    const statement = { runId: run.id, activity: second!.id, statement: xapi(user.email, second!.id, 1) };
    const statements = await Promise.all(Array.from({ length: 100 }, () => postJson('/api/learn/statements', statement, cookie)));
    expect(statements.map((r) => r.status).sort()).toEqual([200, ...Array(99).fill(409)]);
    expect(app.db.select().from(activityStatements).where(eq(activityStatements.runId, run.id)).all()).toHaveLength(2);
    expect(app.db.select().from(receivedEvents).where(eq(receivedEvents.userId, user.id)).all()).toHaveLength(solar.lessons.length + 2);
    expect(app.db.select().from(completions).where(eq(completions.userId, user.id)).all()).toHaveLength(1);
    expect(app.db.select().from(certificates).where(eq(certificates.userId, user.id)).all()).toHaveLength(1);
  });

  it('serves the certificate PDF in Thai to its owner, verifies it, and says when it was revoked', async () => {
    const run = addRun('diesel-common-rail-diagnostics-upskill', { college: 'วิทยาลัยเทคนิคฉะเชิงเทรา', partner: 'บริษัท แปดริ้ว ทรัค แอนด์ ดีเซล เซอร์วิส จำกัด' });
    const { user, cookie } = await enrolledLearner(run.id);
    const outline = readCourseOutline(contentDir, 'diesel-common-rail-diagnostics-upskill')!;
    for (const lesson of outline.lessons) await postJson('/api/learn/progress', { id: crypto.randomUUID(), runId: run.id, lesson: lesson.slug, position: 1, completed: true }, cookie);
    for (const activity of outline.activities) await postJson('/api/learn/statements', { runId: run.id, activity: activity.id, statement: xapi(user.email, activity.id, 0.9) }, cookie);
    expect(app.db.select().from(certificates).where(eq(certificates.userId, user.id)).all()).toEqual([]);
    // The blended course also asks for attendance and the practical assessment, which the instructor records.
    const instructor = await signedInUser(app.db, { role: 'teacher' });
    app.db.insert(runInstructors).values({ runId: run.id, userId: instructor.user.id }).run();
    const session = app.db.insert(runSessions).values({ runId: run.id, titleTh: 'ฝึกปฏิบัติ', startsAt: new Date(), endsAt: new Date(), place: 'โรงฝึก' }).returning().get();
    const marked = await postForm(app.server, `/teach/${run.id}/sessions/${session.id}`, { intent: 'attendance', sessionId: String(session.id), present: String(user.id) }, { cookie: instructor.cookie });
    expect(marked.status).toBe(303);
    for (const unit of outline.units) {
      const assessed = await postForm(app.server, `/teach/${run.id}/learners/${user.id}`, { intent: 'assessment', userId: String(user.id), unit: unit.code, result: 'passed', note: 'ถูกต้องตามขั้นตอน' }, { cookie: instructor.cookie });
      expect(assessed.status).toBe(303);
    }
    const certificate = app.db.select().from(certificates).where(eq(certificates.userId, user.id)).get()!;
    expect(certificate.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const pdf = await getPage(app.server, `/learn/certificates/${certificate.code}`, cookie);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const dir = tempDir('ic-certificate-');
    const file = join(dir.path, 'certificate.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    dir.remove();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    for (const expected of ['วุฒิบัตร', user.nameTh, 'การวินิจฉัยข้อขัดข้องเครื่องยนต์ดีเซลคอมมอนเรล', '30 ชั่วโมง', 'ME-CR-01', 'วิทยาลัยเทคนิคฉะเชิงเทรา', 'แปดริ้ว ทรัค', 'พ.ศ. 25', certificate.code, `/verify/${certificate.code}`]) {
      expect(text).toContain(expected);
    }
    const stranger = await signedInUser(app.db);
    expect((await getPage(app.server, `/learn/certificates/${certificate.code}`, stranger.cookie)).status).toBe(404);

    const verified = await (await getPage(app.server, `/verify/${certificate.code.toLowerCase()}`)).text();
    expect(verified).toContain('ออกโดยคลังปัญญาอาชีวศึกษาจริง');
    expect(verified).toContain(user.nameTh);
    expect(verified).not.toContain(user.email);
    const unknown = await getPage(app.server, '/en/verify/AAAA-BBBB-CCCC');
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringContaining('No certificate has this code')]);

    const admin = await signedInUser(app.db, { role: 'admin' });
    const revoked = await postForm(app.server, '/admin/certificates', { intent: 'revoke', code: certificate.code, reason: 'ข้อมูลผู้เรียนไม่ถูกต้อง' }, { cookie: admin.cookie });
    expect(revoked.status).toBe(303);
    const afterRevoke = await (await getPage(app.server, `/verify?code=${certificate.code}`)).text();
    expect(afterRevoke).toContain('วุฒิบัตรนี้ถูกเพิกถอนแล้ว');
    expect(afterRevoke).toContain('ข้อมูลผู้เรียนไม่ถูกต้อง');
    const missing = await postForm(app.server, '/admin/certificates', { intent: 'revoke', code: 'AAAA-BBBB-CCCC', reason: 'x' }, { cookie: admin.cookie });
    expect(missing.status).toBe(404);
  });
});

describe('instructors', () => {
  it('enroll a list (inviting unknown emails), refuse a list over capacity whole, and see the roster', async () => {
    const run = addRun('solar-rooftop-installation-new-skill', { capacity: 3, enrollClosesAt: new Date(Date.now() - day) });
    const instructor = await signedInUser(app.db, { role: 'teacher' });
    app.db.insert(runInstructors).values({ runId: run.id, userId: instructor.user.id }).run();
    const known = await signedInUser(app.db);
    const path = `/teach/${run.id}`;
    const tooMany = await postForm(app.server, path, { intent: 'enroll-list', list: 'email,name\na@list.example,ก\nb@list.example,ข\nc@list.example,ค\nd@list.example,ง' }, { cookie: instructor.cookie });
    expect([tooMany.status, await tooMany.text()]).toEqual([409, expect.stringContaining('ที่ว่างไม่พอ')]);
    expect(app.db.select().from(users).where(eq(users.email, 'a@list.example')).all()).toEqual([]);
    const bad = await postForm(app.server, path, { intent: 'enroll-list', list: `${known.user.email}\nnot an email` }, { cookie: instructor.cookie });
    expect([bad.status, await bad.text()]).toEqual([400, expect.stringContaining('2')]);
    const list = `email,name\n${known.user.email.toUpperCase()},\n"new.trainee@list.example","นภา เรียนดี"\n`;
    const done = await postForm(app.server, path, { intent: 'enroll-list', list }, { cookie: instructor.cookie });
    expect([done.status, done.headers.get('location')]).toEqual([303, `${path}?enrolled=2&invited=1&unchanged=0`]);
    const invitee = app.db.select().from(users).where(eq(users.email, 'new.trainee@list.example')).get()!;
    expect(invitee.nameTh).toBe('นภา เรียนดี');
    const mails = app.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, 'new.trainee@list.example')).all().map((m) => m.subject);
    expect(mails).toEqual(expect.arrayContaining([expect.stringContaining('คำเชิญ'), expect.stringContaining('ลงทะเบียน')]));
    const roster = await (await getPage(app.server, path, instructor.cookie)).text();
    expect(roster).toContain('นภา เรียนดี');
    expect(roster).toContain(known.user.email);
    const outsider = await signedInUser(app.db, { role: 'teacher' });
    expect((await getPage(app.server, path, outsider.cookie)).status).toBe(404);
    expect((await postForm(app.server, path, { intent: 'enroll-list', list: 'x@list.example' }, { cookie: outsider.cookie })).status).toBe(404);
  });

  it('mark attendance and record an assessment; a unit or learner not in the run is refused', async () => {
    const run = runOf('diesel-common-rail-diagnostics-upskill', '2569-1');
    const teacher = app.db.select().from(users).where(eq(users.email, 'teacher@demo.example')).get()!;
    const { cookie } = await signedInUser(app.db, { role: 'admin' });
    const session = app.db.select().from(runSessions).where(eq(runSessions.runId, run.id)).all()[1]!;
    const learners = app.db.select().from(enrollments).where(and(eq(enrollments.runId, run.id), eq(enrollments.status, 'enrolled'))).all();
    const page = await getPage(app.server, `/teach/${run.id}/sessions/${session.id}`, cookie);
    expect(page.status).toBe(200);
    const response = await postForm(app.server, `/teach/${run.id}/sessions/${session.id}`, { intent: 'attendance', sessionId: String(session.id), present: learners.slice(0, 2).map((l) => String(l.userId)) }, { cookie });
    expect(response.status).toBe(303);
    const marked = app.db.select().from(attendance).where(eq(attendance.sessionId, session.id)).all();
    expect(marked.filter((m) => m.present)).toHaveLength(2);
    expect(marked).toHaveLength(learners.length);
    const learner = learners[0]!.userId;
    const wrongUnit = await postForm(app.server, `/teach/${run.id}/learners/${learner}`, { intent: 'assessment', userId: String(learner), unit: 'NOPE', result: 'passed' }, { cookie });
    expect(wrongUnit.status).toBe(400);
    const wrongLearner = await postForm(app.server, `/teach/${run.id}/learners/${learner}`, { intent: 'assessment', userId: String(teacher.id), unit: 'ME-CR-01', result: 'passed' }, { cookie });
    expect(wrongLearner.status).toBe(400);
    const ok = await postForm(app.server, `/teach/${run.id}/learners/${learner}`, { intent: 'assessment', userId: String(learner), unit: 'ME-CR-02', result: 'not-yet', note: 'ต้องฝึกเพิ่ม' }, { cookie });
    expect(ok.status).toBe(303);
    expect(app.db.select().from(practicalAssessments).where(and(eq(practicalAssessments.userId, learner), eq(practicalAssessments.unit, 'ME-CR-02'))).get()).toMatchObject({ result: 'not-yet', note: 'ต้องฝึกเพิ่ม' });
  });
});

describe('admins open runs', () => {
  it('open a run with instructors, refusing bad dates, unknown instructors and a taken code; instructors add sessions', async () => {
    const { cookie } = await signedInUser(app.db, { role: 'admin' });
    const instructor = await signedInUser(app.db, { role: 'expert' });
    const student = await signedInUser(app.db);
    const run = {
      intent: 'new-run', course: 'wil-workplace-coaching-teacher-training', code: '2570-1', startsOn: '2027-01-10', endsOn: '2027-02-10',
      enrollOpensAt: '2026-12-01', enrollClosesAt: '2027-01-05', capacity: '25', mode: 'online', place: '', college: 'วิทยาลัยเทคนิคชลบุรี',
      partner: '', instructors: instructor.user.email,
    };
    const before = app.db.select().from(courseRuns).all().length;
    const backwards = await postForm(app.server, '/admin/runs', { ...run, endsOn: '2027-01-01' }, { cookie });
    expect([backwards.status, await backwards.text()]).toEqual([400, expect.stringContaining('วันสิ้นสุดต้องไม่ก่อนวันเริ่ม')]);
    const notInstructor = await postForm(app.server, '/en/admin/runs', { ...run, instructors: student.user.email }, { cookie });
    expect([notInstructor.status, await notInstructor.text()]).toEqual([400, expect.stringContaining('No teacher, expert or admin has this email')]);
    const noOutline = await postForm(app.server, '/admin/runs', { ...run, course: 'hotel-front-office-agent-new-skill' }, { cookie });
    expect(noOutline.status).toBe(400);
    expect(app.db.select().from(courseRuns).all().length).toBe(before);
    const created = await postForm(app.server, '/admin/runs', run, { cookie });
    expect(created.status).toBe(303);
    const row = app.db.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, run.course), eq(courseRuns.code, '2570-1'))).get()!;
    expect(row).toMatchObject({ capacity: 25, mode: 'online', college: 'วิทยาลัยเทคนิคชลบุรี', partner: null });
    expect(row.enrollClosesAt.toISOString()).toBe('2027-01-05T16:59:59.999Z');
    expect(created.headers.get('location')).toBe(`/teach/${row.id}?created=1`);
    expect((await postForm(app.server, '/admin/runs', run, { cookie })).status).toBe(409);

    const session = await postForm(app.server, `/teach/${row.id}`, { intent: 'add-session', titleTh: 'พบครูฝึก', date: '2027-01-20', place: 'บริษัทคู่ความร่วมมือ' }, { cookie: instructor.cookie });
    expect(session.status).toBe(303);
    expect(app.db.select().from(runSessions).where(eq(runSessions.runId, row.id)).get()).toMatchObject({ titleTh: 'พบครูฝึก', startsAt: new Date('2027-01-20T02:00:00Z') });
    expect((await postForm(app.server, `/teach/${row.id}`, { intent: 'add-session', titleTh: 'x', date: 'soon', place: 'y' }, { cookie: instructor.cookie })).status).toBe(400);
  });
});

describe('changing a run', () => {
  it('admins and the course\'s field staff change dates (B.E.) and capacity; never below the enrolled; added places go to the waitlist', async () => {
    const run = addRun('solar-rooftop-installation-new-skill', { capacity: 2 });
    const teach = `/teach/${run.id}`;
    for (let i = 0; i < 2; i++) await enrolledLearner(run.id);
    const waiting = await signedInUser(app.db);
    app.db.insert(enrollments).values({ runId: run.id, userId: waiting.user.id, status: 'waitlisted', queuedAt: new Date() }).run();
    const staff = await signedInUser(app.db, { role: 'teacher' });
    app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, 'electrical-technology');
    const instructor = await signedInUser(app.db, { role: 'teacher' });
    app.db.insert(runInstructors).values({ runId: run.id, userId: instructor.user.id }).run();
    const form = { intent: 'change-run', startsOn: '10/01/2570', endsOn: '10 กุมภาพันธ์ 2570', enrollOpensAt: '01/12/2569', enrollClosesAt: '05/01/2570', capacity: '3' };

    // The form shows the run's own days in the Buddhist Era, to its field's staff only (not to a mere instructor).
    const shown = await (await getPage(app.server, teach, staff.cookie)).text();
    expect(shown).toContain('name="capacity" type="number" value="2"');
    expect(shown).toMatch(/name="startsOn" type="text" value="\d{2}\/\d{2}\/25\d{2}"/);
    expect(await (await getPage(app.server, teach, instructor.cookie)).text()).not.toContain('value="change-run"');
    const unchanged = () => app.db.select().from(courseRuns).where(eq(courseRuns.id, run.id)).get();
    expect((await postForm(app.server, teach, form, { cookie: instructor.cookie })).status).toBe(403);

    const refusals: [Record<string, string>, number, RegExp][] = [
      [{ capacity: '1' }, 409, /มีผู้ลงทะเบียนแล้ว 2 คน/],
      [{ endsOn: '09/01/2570' }, 400, /วันสิ้นสุดต้องไม่ก่อนวันเริ่ม/],
      [{ enrollClosesAt: '30/11/2569' }, 400, /ปิดก่อนเปิด|ต้องไม่ก่อน/],
      [{ startsOn: '31/02/2570' }, 400, /วัน\/เดือน\/ปี พ\.ศ\./],
      [{ capacity: '0' }, 400, /error-summary/],
    ];
    for (const [fields, status, message] of refusals) {
      const response = await postForm(app.server, teach, { ...form, ...fields }, { cookie: staff.cookie });
      const html = await response.text();
      expect([response.status, html], JSON.stringify(fields)).toEqual([status, expect.stringMatching(message)]);
      // Nothing typed is lost: the form comes back with what was sent.
      expect(html).toContain(`value="${fields.startsOn ?? form.startsOn}"`);
    }
    const english = await postForm(app.server, `/en${teach}`, { ...form, capacity: '1' }, { cookie: staff.cookie });
    expect(await english.text()).toContain('2 learners are enrolled: the capacity cannot go below that');
    expect(unchanged()).toEqual(run);

    const saved = await postForm(app.server, teach, form, { cookie: staff.cookie });
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${teach}?schedule=1`]);
    expect(unchanged()).toMatchObject({
      capacity: 3,
      startsOn: new Date('2027-01-09T17:00:00Z'),
      endsOn: new Date('2027-02-10T16:59:59.999Z'),
      enrollOpensAt: new Date('2026-11-30T17:00:00Z'),
      enrollClosesAt: new Date('2027-01-05T16:59:59.999Z'),
    });
    // The added place went to the first on the waitlist, who was told by mail.
    expect(app.db.select().from(enrollments).where(eq(enrollments.runId, run.id)).all().map((e) => e.status)).toEqual(['enrolled', 'enrolled', 'enrolled']);
    expect(app.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, waiting.user.email)).all()).toHaveLength(1);

    // An admin may too; staff of another field may not.
    const admin = await signedInUser(app.db, { role: 'admin' });
    expect((await postForm(app.server, teach, { ...form, capacity: '40' }, { cookie: admin.cookie })).status).toBe(303);
    const otherStaff = await signedInUser(app.db, { role: 'teacher' });
    app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(otherStaff.user.id, 'tourism');
    expect((await postForm(app.server, teach, { ...form, capacity: '5' }, { cookie: otherStaff.cookie })).status).toBe(404);
    expect(unchanged()!.capacity).toBe(40);
  });
});

describe('my learning', () => {
  it('shows the demo student their run, progress, next lesson and upcoming session, in Thai and English', async () => {
    const student = app.db.select().from(users).where(eq(users.email, 'student@demo.example')).get()!;
    const { createSession } = await import('../../src/server/auth/sessions.ts');
    const cookie = `session=${createSession(app.db, student.id).token}`;
    const th = await (await getPage(app.server, '/learn', cookie)).text();
    expect(th).toContain('การวินิจฉัยข้อขัดข้องเครื่องยนต์ดีเซลคอมมอนเรล');
    expect(th).toMatch(/ความก้าวหน้า \d+%/);
    expect(th).toContain('บทเรียนถัดไป: การอ่านรหัสข้อขัดข้องและค่าข้อมูลสด');
    expect(th).toContain('ฝึกปฏิบัติและประเมิน: ทดสอบหัวฉีด');
    const en = await (await getPage(app.server, '/en/learn', cookie)).text();
    expect(en).toContain('Next lesson: Reading fault codes and live data');
    const lesson = await (await getPage(app.server, '/learn/diesel-common-rail-diagnostics-upskill/how-common-rail-works', cookie)).text();
    expect(lesson).toContain('data-h5p-activity="diesel-common-rail-parts-quiz"');
    expect(lesson).toContain('aria-current="page"');
    const resume = await getPage(app.server, '/learn/diesel-common-rail-diagnostics-upskill', cookie);
    expect(resume.headers.get('location')).toBe('/learn/diesel-common-rail-diagnostics-upskill/reading-fault-codes');
  });
});
