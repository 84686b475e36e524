// Whole journeys in Chromium, each page checked with axe (serious and critical violations fail) and the CSP: a visitor
// browses to a field and downloads an e-book; a trainee registers, enrolls, passes the course's H5P activities by
// clicking inside the player and verifies the certificate. (An expert writing and an admin publishing an article,
// a teacher asking: e2e/articles.test.ts; field staff recording an MOU and exporting the manpower table:
// e2e/network.test.ts.) A failed journey leaves screenshots (tests/helpers/suite.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { activityResults, certificates, courseRuns, users } from '../../db/schema/index.ts';
import { linkIn, waitForMail } from '../helpers/accounts.ts';
import { cspViolations, seriousAxeViolations } from '../helpers/browser.ts';
import { tempDir } from '../helpers/server.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();
const downloads = tempDir('ic-e2e-journeys-');
afterAll(() => downloads.remove());
const day = 86_400_000;

/** The page's serious and critical axe violations, collected along a journey and expected empty at its end. */
async function audit(page: Page, found: string[]): Promise<void> {
  await page.waitForLoadState('load');
  found.push(...(await seriousAxeViolations(page)));
}

describe('journeys', () => {
  it('a visitor browses to a field and downloads an e-book', async () => {
    const page = await chromium.browser.newPage({ acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    const csp = cspViolations(page);
    const violations: string[] = [];
    await page.goto(app.server.url);
    await audit(page, violations);
    await page.locator('header').getByRole('link', { name: 'สาขาวิชา', exact: true }).first().click();
    await page.waitForURL(/\/fields$/);
    await audit(page, violations);
    await page.locator('a[href="/fields/electrical-technology"]').first().click();
    await page.getByRole('heading', { level: 1, name: /ไฟฟ้า/ }).waitFor();
    await audit(page, violations);
    await page.getByRole('link', { name: /การควบคุมมอเตอร์ไฟฟ้ากระแสสลับ/ }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await audit(page, violations);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /ดาวน์โหลด/ }).first().click()]);
    const file = join(downloads.path, 'book.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
    expect(violations).toEqual([]);
    expect(csp).toEqual([]);
  }, 120_000);

  it('a trainee registers, enrolls, passes the H5P activities inside the player and verifies the certificate', async () => {
    const run = app.db
      .insert(courseRuns)
      .values({
        courseSlug: 'solar-rooftop-installation-new-skill',
        code: 'journey',
        startsOn: new Date(Date.now() - day),
        endsOn: new Date(Date.now() + 30 * day),
        enrollOpensAt: new Date(Date.now() - day),
        enrollClosesAt: new Date(Date.now() + 10 * day),
        capacity: 20,
        mode: 'online',
        college: 'วิทยาลัยเทคนิคสระบุรี',
      })
      .returning()
      .get();
    const email = 'journey.trainee@example.org';
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const csp = cspViolations(page);
    const violations: string[] = [];

    await page.goto(`${app.server.url}/register`);
    await audit(page, violations);
    await page.getByLabel('ผู้เรียน').check();
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill('แสงแดดบนหลังคา 2569');
    await page.getByLabel('ชื่อ-นามสกุล (ภาษาไทย)').fill('ปิติ ตั้งใจฝึก');
    await page.getByLabel('ระดับการศึกษา').selectOption('vc');
    await page.getByRole('checkbox', { name: /ยินยอม/ }).check();
    await page.getByLabel('ชื่อ-นามสกุล (ภาษาไทย)').press('Enter');
    await page.waitForURL(/\/register\?sent=1/);
    await page.goto(app.server.url + linkIn(await waitForMail(app.db, email, 'ยืนยันอีเมล'), '/confirm-email'));
    await page.getByRole('button', { name: 'ยืนยันอีเมลและเข้าสู่ระบบ' }).click();
    await page.waitForURL(/\/account\?saved=confirmed$/);

    await page.goto(`${app.server.url}/courses`);
    await page.getByRole('link', { name: /การติดตั้งระบบผลิตไฟฟ้าพลังงานแสงอาทิตย์/ }).click();
    await audit(page, violations);
    const card = page.locator('li.run-card').filter({ hasText: `รุ่น ${run.code}` });
    await card.getByRole('button', { name: 'ลงทะเบียนเรียน' }).click();
    await page.getByRole('status').filter({ hasText: 'ลงทะเบียนเรียบร้อยแล้ว' }).waitFor();
    await card.getByRole('link', { name: 'ไปที่บทเรียน' }).click();

    const userId = app.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
    const passed = (activity: string) =>
      app.db.select({ passed: activityResults.passed }).from(activityResults).where(and(eq(activityResults.runId, run.id), eq(activityResults.userId, userId), eq(activityResults.activity, activity))).get()?.passed ?? false;
    // The right answers, chosen in the sandboxed player as the trainee would (content/h5p/activities/…).
    const answers: Record<string, { activity: string; choice: RegExp }> = {
      'sizing-a-system': { activity: 'solar-sizing-quiz', choice: /ประมาณ 3 กิโลวัตต์/ },
      'roof-safety': { activity: 'solar-safety-true-false', choice: /^ผิด$/ },
    };
    const lessons = ['how-pv-makes-power', 'sizing-a-system', 'roof-safety', 'mounting-and-wiring', 'inspection-and-grid-connection'];
    for (const [index, lesson] of lessons.entries()) {
      await page.waitForURL(new RegExp(`/${lesson}$`));
      const answer = answers[lesson];
      if (answer) {
        const player = page.locator(`[data-h5p-activity="${answer.activity}"]`).frameLocator('iframe');
        await player.getByRole('radio', { name: answer.choice }).click();
        await player.getByRole('button', { name: 'ตรวจคำตอบ' }).click();
        await expect.poll(() => passed(answer.activity), { timeout: 30_000 }).toBe(true);
        await audit(page, violations);
      }
      await page.locator('#lesson-end').scrollIntoViewIfNeeded();
      await page.getByText('เรียนจบบทนี้แล้ว').first().waitFor();
      await page.locator('[data-sync-status]').filter({ hasText: 'บันทึกความก้าวหน้าแล้ว' }).waitFor();
      if (index < lessons.length - 1) await page.getByRole('link', { name: /^ถัดไป:/ }).click();
    }
    await page.getByText('ความก้าวหน้า 100%').waitFor();

    await page.goto(`${app.server.url}/learn`);
    await audit(page, violations);
    await page.getByRole('link', { name: 'ดาวน์โหลดวุฒิบัตร (PDF)' }).waitFor();
    const code = app.db.select({ code: certificates.code }).from(certificates).where(and(eq(certificates.runId, run.id), eq(certificates.userId, userId))).get()!.code;
    await page.goto(`${app.server.url}/verify`);
    await page.getByLabel('รหัสตรวจสอบ').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'ตรวจสอบ' }).click();
    await page.getByRole('status').filter({ hasText: 'ปิติ ตั้งใจฝึก' }).waitFor();
    await audit(page, violations);
    await context.close();
    expect(violations).toEqual([]);
    expect(csp).toEqual([]);
  }, 300_000);
});
