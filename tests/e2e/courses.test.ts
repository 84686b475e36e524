// A trainee on a phone-sized Chromium: enrolls, works through the lessons (answering the activities, losing the
// connection mid-lesson and getting it back), reaches 100 %, downloads the certificate and verifies its code; an
// instructor marks attendance on a phone.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { activityStates, activityStatements, attendance, courseRuns, lessonProgress, runInstructors, runSessions, users } from '../../db/schema/index.ts';
import { signedInUser } from '../helpers/accounts.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { axeViolations, cspViolations } from '../helpers/browser.ts';
import { tempDir } from '../helpers/server.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();
const downloads = tempDir('ic-e2e-certificate-');
afterAll(() => downloads.remove());
const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, acceptDownloads: true };
const day = 86_400_000;

function newRun(capacity = 20) {
  return app.db
    .insert(courseRuns)
    .values({
      courseSlug: 'solar-rooftop-installation-new-skill',
      code: `e2e-${crypto.randomUUID().slice(0, 6)}`,
      startsOn: new Date(Date.now() + day),
      endsOn: new Date(Date.now() + 40 * day),
      enrollOpensAt: new Date(Date.now() - day),
      enrollClosesAt: new Date(Date.now() + 10 * day),
      capacity,
      mode: 'blended',
      place: 'วิทยาลัยเทคนิคสระบุรี',
      college: 'วิทยาลัยเทคนิคสระบุรี',
      partner: 'บริษัท สระบุรี โซลาร์ เอ็นจิเนียริ่ง จำกัด',
    })
    .returning()
    .get();
}

async function signedInContext(cookie: string): Promise<BrowserContext> {
  const context = await chromium.browser.newContext(phone);
  await context.addCookies([{ name: 'session', value: cookie.slice('session='.length), url: app.server.url }]);
  return context;
}

/** The activity's sandboxed player, scrolled into view (it loads lazily) and showing its question. */
async function activityPlayer(page: Page, activity: string): Promise<FrameLocator> {
  const element = page.locator(`ic-h5p-activity[data-activity-id="${activity}"]`);
  await element.scrollIntoViewIfNeeded();
  const player = element.frameLocator('iframe');
  await player.getByRole('button', { name: 'ตรวจคำตอบ' }).waitFor({ timeout: 20_000 });
  return player;
}

/** Answer as the learner does, inside the player: the real H5P content sends the xAPI statement. */
async function answerActivity(player: FrameLocator, answer: string): Promise<void> {
  await player.getByRole('radio', { name: answer }).check();
  await player.getByRole('button', { name: 'ตรวจคำตอบ' }).click();
}

const saved = (page: Page) => page.locator('[data-sync-status]').filter({ hasText: 'บันทึกความก้าวหน้าแล้ว' }).waitFor();

describe('short courses on a phone', () => {
  it('a trainee enrolls, learns offline and online, reaches 100 %, downloads and verifies the certificate', async () => {
    const run = newRun();
    const trainee = await signedInUser(app.db, { nameTh: 'สมหญิง ตั้งใจเรียน' });
    const context = await signedInContext(trainee.cookie);
    const page = await context.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);

    await page.goto(`${app.server.url}/courses`);
    await page.getByRole('link', { name: /การติดตั้งระบบผลิตไฟฟ้าพลังงานแสงอาทิตย์/ }).click();
    const card = page.locator('li.run-card').filter({ hasText: `รุ่น ${run.code}` });
    await card.getByRole('button', { name: 'ลงทะเบียนเรียน' }).click();
    await page.getByRole('status').filter({ hasText: 'ลงทะเบียนเรียบร้อยแล้ว' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.getByRole('link', { name: 'ไปที่บทเรียน' }).click();
    await page.waitForURL(/\/learn\/solar-rooftop-installation-new-skill\/how-pv-makes-power$/);

    const lessons = ['how-pv-makes-power', 'sizing-a-system', 'roof-safety', 'mounting-and-wiring', 'inspection-and-grid-connection'];
    for (const [index, lesson] of lessons.entries()) {
      await page.waitForURL(new RegExp(`/${lesson}$`));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await saved(page);
      if (lesson === 'sizing-a-system') {
        // Half done: the answer chosen but not yet checked is saved, and is there again when the lesson reopens.
        const answer = 'ประมาณ 3 กิโลวัตต์';
        await (await activityPlayer(page, 'solar-sizing-quiz')).getByRole('radio', { name: answer }).check();
        const savedState = () => app.db.select().from(activityStates).where(and(eq(activityStates.runId, run.id), eq(activityStates.activity, 'solar-sizing-quiz'))).get()?.state ?? '';
        await expect.poll(savedState, { timeout: 15_000 }).toContain('"answer"');
        await page.reload();
        const player = await activityPlayer(page, 'solar-sizing-quiz');
        await expect.poll(() => player.getByRole('radio', { name: answer }).isChecked(), { timeout: 15_000 }).toBe(true);
        await player.getByRole('button', { name: 'ตรวจคำตอบ' }).click();
        await expect.poll(() => player.getByRole('status').textContent(), { timeout: 15_000 }).toContain('คุณได้ 1 จาก 1 คะแนน');
      }
      if (lesson === 'roof-safety') {
        // The connection drops mid-lesson: the answer and the end of the lesson wait in the browser, and say so.
        const player = await activityPlayer(page, 'solar-safety-true-false');
        await context.setOffline(true);
        await answerActivity(player, 'ผิด');
        await page.locator('[data-sync-status]').filter({ hasText: 'รอส่ง' }).waitFor();
        await page.locator('#lesson-end').scrollIntoViewIfNeeded();
        expect(app.db.select().from(activityStatements).where(and(eq(activityStatements.runId, run.id), eq(activityStatements.activity, 'solar-safety-true-false'))).all()).toEqual([]);
        await context.setOffline(false);
      }
      await page.locator('#lesson-end').scrollIntoViewIfNeeded();
      await page.getByText('เรียนจบบทนี้แล้ว').first().waitFor();
      await saved(page);
      if (index < lessons.length - 1) await page.getByRole('link', { name: /^ถัดไป:/ }).click();
    }
    await page.getByText('ความก้าวหน้า 100%').waitFor();
    expect(await page.locator('#course-progress').getAttribute('value')).toBe('100');
    const done = app.db.select().from(lessonProgress).where(eq(lessonProgress.runId, run.id)).all();
    expect(done.filter((p) => p.completedAt).map((p) => p.lesson).sort()).toEqual([...lessons].sort());
    // What the real player sent: an "answered" statement with full marks for each activity, each stored once.
    const answered = app.db.select().from(activityStatements).where(and(eq(activityStatements.runId, run.id), eq(activityStatements.verb, 'http://adlnet.gov/expapi/verbs/answered'))).all();
    expect(answered.map((r) => [r.activity, r.scoreScaled]).sort()).toEqual([['solar-safety-true-false', 1], ['solar-sizing-quiz', 1]]);

    await page.goto(`${app.server.url}/learn`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ดาวน์โหลดวุฒิบัตร (PDF)' }).click()]);
    const file = join(downloads.path, 'certificate.pdf');
    await download.saveAs(file);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('สมหญิง ตั้งใจเรียน');
    const code = /รหัสตรวจสอบ ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1];
    expect(code).toBeDefined();

    await page.getByRole('link', { name: 'หน้าตรวจสอบ' }).click();
    await page.getByRole('status').filter({ hasText: 'วุฒิบัตรนี้ออกโดยคลังปัญญาอาชีวศึกษาจริง' }).waitFor();
    await page.getByLabel('รหัสตรวจสอบ').fill(code!.toLowerCase());
    await page.getByRole('button', { name: 'ตรวจสอบ' }).click();
    await page.getByRole('status').filter({ hasText: 'สมหญิง ตั้งใจเรียน' }).waitFor();
    await context.close();
    expect(csp).toEqual([]);
  });

  it('an instructor marks attendance on a phone', async () => {
    const run = newRun();
    const session = app.db.insert(runSessions).values({ runId: run.id, titleTh: 'ติดตั้งบนหลังคาจำลอง', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000), place: 'ลานฝึก' }).returning().get();
    const instructor = await signedInUser(app.db, { role: 'teacher' });
    app.db.insert(runInstructors).values({ runId: run.id, userId: instructor.user.id }).run();
    const learners = await Promise.all(['วิชัย มาเรียน', 'สุดา ขาดเรียน'].map((nameTh) => signedInUser(app.db, { nameTh })));
    const { enrollments } = await import('../../db/schema/index.ts');
    for (const { user } of learners) app.db.insert(enrollments).values({ runId: run.id, userId: user.id, status: 'enrolled', queuedAt: new Date(), enrolledAt: new Date() }).run();

    const context = await signedInContext(instructor.cookie);
    const page = await context.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/learn`);
    await page.getByRole('link', { name: new RegExp(`รุ่น ${run.code}`) }).click();
    await page.getByRole('link', { name: /ติดตั้งบนหลังคาจำลอง/ }).click();
    await page.getByLabel('วิชัย มาเรียน').check();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'บันทึกการเข้าร่วม' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกการเข้าร่วมแล้ว' }).waitFor();
    expect(await page.getByLabel('วิชัย มาเรียน').isChecked()).toBe(true);
    expect(await page.getByLabel('สุดา ขาดเรียน').isChecked()).toBe(false);
    const marked = app.db.select().from(attendance).where(eq(attendance.sessionId, session.id)).all();
    expect(marked.map((m) => [m.userId, m.present]).sort()).toEqual([[learners[0]!.user.id, true], [learners[1]!.user.id, false]].sort());
    await context.close();
    expect(csp).toEqual([]);
  });

  it('course, learning, teaching and verification pages have no WCAG A/AA violations on a phone', async () => {
    const sessionOf = (email: string) => `session=${createSession(app.db, app.db.select().from(users).where(eq(users.email, email)).get()!.id).token}`;
    const diesel = app.db.select().from(courseRuns).where(and(eq(courseRuns.courseSlug, 'diesel-common-rail-diagnostics-upskill'), eq(courseRuns.code, '2569-1'))).get()!;
    const session = app.db.select().from(runSessions).where(eq(runSessions.runId, diesel.id)).get()!;
    const visits: [string | undefined, string[]][] = [
      [undefined, ['/courses', '/en/courses?audience=teachers', '/courses/diesel-common-rail-diagnostics-upskill', '/verify/AAAA-BBBB-CCCC']],
      [sessionOf('student@demo.example'), ['/learn', '/learn/diesel-common-rail-diagnostics-upskill/how-common-rail-works', '/en/learn/diesel-common-rail-diagnostics-upskill/reading-fault-codes', '/courses/diesel-common-rail-diagnostics-upskill']],
      [sessionOf('teacher@demo.example'), [`/teach/${diesel.id}`, `/teach/${diesel.id}/sessions/${session.id}`]],
    ];
    const problems: string[] = [];
    for (const [cookie, paths] of visits) {
      const context = cookie ? await signedInContext(cookie) : await chromium.browser.newContext(phone);
      const page = await context.newPage();
      const csp = cspViolations(page);
      for (const path of paths) {
        await page.goto(app.server.url + path);
        problems.push(...(await axeViolations(page)));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) problems.push(`${path}: ${width} px wide on a 360 px phone`);
      }
      problems.push(...csp);
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});

