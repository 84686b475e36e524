// What teachers and admins do in the library, in a real browser against the built server.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/server.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';
import { cspViolations } from '../helpers/browser.ts';

const app = useServer();
const chromium = useBrowser();
const downloads = tempDir('ic-e2e-downloads-');
afterAll(() => downloads.remove());

describe('in the browser', () => {
  it('a teacher downloads a field material in two clicks from the field page', async () => {
    const page = await chromium.browser.newPage({ acceptDownloads: true });
    const csp = cspViolations(page);
    await page.goto(`${app.server.url}/fields/electrical-technology`);
    // Click 1: an e-book in the field's holdings; click 2: its download button.
    await page.getByRole('link', { name: /การควบคุมมอเตอร์ไฟฟ้ากระแสสลับ/ }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /ดาวน์โหลด/ }).first().click()]);
    expect(download.suggestedFilename()).toBe('การควบคุมมอเตอร์ไฟฟ้ากระแสสลับและระบบควบคุมแบบโปรแกรมได้ (PLC).pdf');
    const saved = join(downloads.path, 'book.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
    expect(csp).toEqual([]);
  });

  it('an admin signs in, adds an e-book with a PDF and sees it listed at once', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/login`);
    await page.getByLabel('อีเมล').fill('admin@demo.example');
    await page.getByLabel('รหัสผ่าน').fill('admin-demo-2569');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${app.server.url}/admin/items/new?type=ebooks`);
    await page.getByLabel('ชื่อเรื่อง (ภาษาไทย)').fill('สื่อการสอนงานเชื่อมโลหะเบื้องต้น');
    await page.getByLabel('ชื่อเรื่อง (ภาษาอังกฤษ)').fill('Basic Metal Welding');
    await page.getByLabel('ผู้แต่ง').fill('นายช่าง เชื่อมดี');
    await page.getByLabel('สรุปย่อ').fill('งานเชื่อมไฟฟ้าและแก๊สสำหรับผู้เริ่มต้น');
    await page.getByLabel('ปวช.', { exact: true }).check();
    await page.getByLabel('ภาษา', { exact: true }).selectOption('th');
    await page.getByLabel('ผู้จัดพิมพ์หรือสถานศึกษา').fill('วิทยาลัยเทคนิคหาดใหญ่');
    await page.getByLabel('ปี (พ.ศ.)').fill('2569');
    await page.getByLabel('สัญญาอนุญาต').fill('CC BY 4.0');
    await page.locator('input[name=fields][value=metal-technology]').check();
    await page.getByLabel('วันที่เผยแพร่').fill('2026-11-20');
    await page.getByLabel(/เพิ่มไฟล์/).setInputFiles({ name: 'งานเชื่อม.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nwelding\n%%EOF\n') });
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByRole('status').first().textContent()).toContain('บันทึกแล้ว');

    await page.goto(`${app.server.url}/library?field=metal-technology`);
    await page.getByRole('link', { name: 'สื่อการสอนงานเชื่อมโลหะเบื้องต้น' }).click();
    expect(await page.getByRole('link', { name: /ดาวน์โหลด งานเชื่อม/ }).count()).toBe(1);
    await page.close();
    expect(csp).toEqual([]);
  });
});
