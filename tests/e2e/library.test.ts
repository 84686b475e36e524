// What teachers and admins do in the library, in a real browser against the built server.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
    await openNewEbookFormAsAdmin(page);
    await fillEbook(page, { titleTh: 'สื่อการสอนงานเชื่อมโลหะเบื้องต้น', titleEn: 'Basic Metal Welding', author: 'นายช่าง เชื่อมดี', summary: 'งานเชื่อมไฟฟ้าและแก๊สสำหรับผู้เริ่มต้น', level: 'ปวช.', publisher: 'วิทยาลัยเทคนิคหาดใหญ่', licence: 'CC BY 4.0' });
    // The field list narrows to what is typed; the box counts what is chosen.
    await page.getByRole('searchbox', { name: 'ค้นหาสาขาวิชา' }).fill('โลหะ');
    expect(await page.locator('#fields-list label:visible').count()).toBeLessThan(10);
    const metal = page.locator('input[name=fields][value=metal-technology]');
    expect(await metal.isVisible()).toBe(true);
    await metal.check();
    expect(await page.locator('.choice-filter').textContent()).toContain('เลือกแล้ว 1 สาขา');
    await page.getByLabel('วันที่เผยแพร่').fill('20/11/2569');
    await page.getByLabel(/เพิ่มไฟล์/).setInputFiles({ name: 'งานเชื่อม.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nwelding\n%%EOF\n') });
    await page.getByRole('button', { name: 'บันทึกและเผยแพร่' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByRole('status').first().textContent()).toContain('บันทึกแล้ว');

    await page.goto(`${app.server.url}/library?field=metal-technology`);
    await page.getByRole('link', { name: 'สื่อการสอนงานเชื่อมโลหะเบื้องต้น' }).click();
    expect(await page.getByRole('link', { name: /^ดาวน์โหลด PDF · \d+ B$/ }).count()).toBe(1);
    await page.close();
    expect(csp).toEqual([]);
  });

  it('an admin chooses a file, previews, saves, and the item page has the download', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await openNewEbookFormAsAdmin(page);
    await fillEbook(page, { titleTh: 'ใบงานวัดขนาดด้วยเวอร์เนียร์', titleEn: 'Vernier Caliper Worksheets', author: 'นางสาววัดดี ละเอียด', summary: 'ใบงานฝึกอ่านค่าเวอร์เนียร์คาลิปเปอร์', level: 'ปวส.', publisher: 'วิทยาลัยเทคนิคชลบุรี', licence: 'All rights reserved' });
    await page.locator('input[name=fields][value=production-technology]').check();
    await page.getByLabel('วันที่เผยแพร่').fill('19 มกราคม 2569');
    await page.getByLabel(/เพิ่มไฟล์/).setInputFiles({ name: 'vernier-worksheets.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${'x'.repeat(3000)}\n%%EOF\n`) });

    await page.getByRole('button', { name: 'แสดงตัวอย่าง' }).click();
    await page.getByRole('heading', { name: 'ตัวอย่างก่อนบันทึก' }).waitFor();
    // The chosen file is held, named in the form, with nothing to choose again.
    expect(await page.getByLabel(/vernier-worksheets\.pdf/).isChecked()).toBe(true);
    expect(await page.getByLabel('วันที่เผยแพร่').inputValue()).toBe('19 มกราคม 2569');
    await page.getByRole('button', { name: 'บันทึกและเผยแพร่' }).click();
    await page.waitForURL(/done=saved/);

    await page.goto(`${app.server.url}/library/ebooks/vernier-caliper-worksheets`);
    const download = page.getByRole('link', { name: 'ดาวน์โหลด PDF · 3 KB' });
    expect(await download.count()).toBe(1);
    expect(await page.getByText('สงวนลิขสิทธิ์').count()).toBeGreaterThan(0);
    const response = await page.request.get(new URL((await download.getAttribute('href'))!, app.server.url).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('filename="vernier-caliper-worksheets.pdf"');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
    expect(csp).toEqual([]);
  });
});

/** Signs in as the demo admin and opens the new e-book form. */
async function openNewEbookFormAsAdmin(page: Page) {
  await page.goto(`${app.server.url}/login`);
  await page.getByLabel('อีเมล').fill('admin@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('admin-demo-2569');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${app.server.url}/admin/items/new?type=ebooks`);
}

/** The e-book form's text, level, language (Thai), year 2569 and licence; fields, date and file are each test's own. */
async function fillEbook(page: Page, book: { titleTh: string; titleEn: string; author: string; summary: string; level: string; publisher: string; licence: string }) {
  await page.getByLabel('ชื่อเรื่อง (ภาษาไทย)').fill(book.titleTh);
  await page.getByLabel('ชื่อเรื่อง (ภาษาอังกฤษ)').fill(book.titleEn);
  await page.getByLabel('ผู้แต่ง').fill(book.author);
  await page.getByLabel('สรุปย่อ', { exact: true }).fill(book.summary);
  await page.getByLabel(book.level, { exact: true }).check();
  await page.getByLabel('ภาษา', { exact: true }).selectOption('th');
  await page.getByLabel('ผู้จัดพิมพ์หรือสถานศึกษา').fill(book.publisher);
  await page.getByLabel('ปี (พ.ศ.)').fill('2569');
  await page.getByLabel('สัญญาอนุญาต', { exact: true }).selectOption(book.licence);
}
