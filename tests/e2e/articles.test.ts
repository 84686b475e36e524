// An expert writes a Thai article in the browser (typed through IME composition events, with a heading, a table and
// an uploaded picture), autosave keeps it, they submit it; an admin publishes it; a teacher reads it and asks.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { drawPng } from '../../src/server/demo/png.ts';
import { signedInUser, waitForMail } from '../helpers/accounts.ts';
import { cspViolations, seriousAxeViolations } from '../helpers/browser.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

async function signedInPage(role: 'expert' | 'admin' | 'teacher'): Promise<{ context: BrowserContext; page: Page; email: string; csp: string[] }> {
  const { user, token } = await signedInUser(app.db, { role });
  const context = await chromium.browser.newContext();
  await context.addCookies([{ name: 'session', value: token, url: app.server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page, email: user.email, csp: cspViolations(page) };
}

/** Type `text` as a Thai IME would: a composition growing character by character, then committed. */
async function composeThai(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= text.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: text.slice(0, i), selectionStart: i, selectionEnd: i });
  }
  await cdp.send('Input.insertText', { text });
  await cdp.detach();
}

describe('publishing an article in the browser', () => {
  it('an expert writes in Thai, an admin publishes, a teacher reads and asks', async () => {
    const expert = await signedInPage('expert');
    const { page } = expert;
    page.on('dialog', (dialog) => void (dialog.type() === 'prompt' && dialog.accept('แผนผังตู้ควบคุม')));
    await page.goto(`${app.server.url}/account/articles/new`);
    await page.getByLabel('ชื่อบทความ').fill('การต่อวงจรควบคุมมอเตอร์เบื้องต้น');
    await page.locator('input[name="fields"][value="electronics"]').check();
    await page.getByLabel('แท็ก').fill('มอเตอร์, PLC');

    const editor = page.getByRole('textbox', { name: 'เนื้อหาบทความ' });
    await editor.click();
    await composeThai(page, 'ภาษาไทยพิมพ์ได้');
    await page.keyboard.type(' ครบทุกตัว');
    // Nothing lost, nothing doubled, the caret stayed at the end of the composed text.
    expect(await editor.locator('p').first().textContent()).toBe('ภาษาไทยพิมพ์ได้ ครบทุกตัว');

    await page.keyboard.press('Enter');
    const heading = page.getByRole('button', { name: 'หัวข้อ (Heading)' });
    await heading.click();
    await composeThai(page, 'ขั้นตอนการต่อวงจร');
    expect(await heading.getAttribute('aria-pressed')).toBe('true');
    expect(await editor.locator('h2').textContent()).toBe('ขั้นตอนการต่อวงจร');
    await page.keyboard.press('Enter');

    // The toolbar is one tab stop; arrows move along it.
    await page.getByRole('button', { name: 'ตัวหนา (Bold)' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('ตัวเอียง (Italic)');

    // Pasted from Google Docs: the structure and the bold stay, the styles, classes and foreign picture go.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:700;color:#ff0000">ข้อควรระวัง</span><span style="font-size:11pt"> ก่อนต่อวงจร</span></p><img src="https://evil.example/x.png"></b>');
      data.setData('text/plain', 'ข้อควรระวัง ก่อนต่อวงจร');
      document.querySelector('.rte-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const pasted = editor.locator('p', { hasText: 'ข้อควรระวัง' });
    expect(await pasted.innerHTML()).toBe('<strong>ข้อควรระวัง</strong> ก่อนต่อวงจร');
    expect(await editor.locator('[style], img').count()).toBe(0);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'แทรกตาราง (Table)' }).click();
    await composeThai(page, 'อุปกรณ์');
    await page.keyboard.press('Tab');
    await page.keyboard.type('จำนวน');
    expect(await editor.locator('table th').first().textContent()).toBe('อุปกรณ์');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'แทรกรูปภาพ (Image)' }).click();
    await (await chooser).setFiles({ name: 'ตู้ควบคุม.png', mimeType: 'image/png', buffer: drawPng(2000, 600, (x) => [x % 256, 120, 200]) });
    const picture = editor.locator('img');
    await picture.waitFor();
    expect(await picture.getAttribute('src')).toMatch(/^\/media\/[a-f0-9]{16}-[a-f0-9]{8}\.png$/);
    expect(await picture.getAttribute('alt')).toBe('แผนผังตู้ควบคุม');
    // Scaled down in the browser before it was sent.
    const width = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image.naturalWidth;
    }, (await picture.getAttribute('src'))!);
    expect(width).toBe(1600);

    // Autosave gives the new article an address and says so.
    await page.getByRole('status').filter({ hasText: 'บันทึกแล้ว' }).waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/account\/articles\/\d+$/);
    const articleUrl = page.url();

    // Unsaved changes make leaving ask first.
    await editor.locator('h2').click();
    await page.keyboard.type('!');
    const asked = page.waitForEvent('dialog', { predicate: (dialog) => dialog.type() === 'beforeunload', timeout: 5000 });
    const leaving = page.evaluate(() => void (window.location.href = '/articles')).catch(() => {});
    await (await asked).dismiss();
    await leaving;
    expect(page.url()).toMatch(/\/account\/articles\/\d+$/);

    await page.getByRole('button', { name: 'ส่งให้ผู้ดูแลตรวจ' }).click();
    await page.waitForURL(/\?done=submitted$/);
    expect(await page.locator('.state').textContent()).toBe('รอตรวจ');
    expect(expert.csp).toEqual([]);

    const admin = await signedInPage('admin');
    await admin.page.goto(articleUrl.replace('/account/articles/', '/admin/articles/'));
    expect(await admin.page.locator('article h2').textContent()).toBe('ขั้นตอนการต่อวงจร!');
    await admin.page.getByRole('button', { name: 'เผยแพร่' }).click();
    await admin.page.waitForURL(/\?done=publish$/);
    expect(admin.csp).toEqual([]);

    const teacher = await signedInPage('teacher');
    const reader = teacher.page;
    await reader.goto(`${app.server.url}/articles?field=electronics`);
    await reader.getByRole('link', { name: 'การต่อวงจรควบคุมมอเตอร์เบื้องต้น' }).click();
    expect(await reader.getByRole('heading', { level: 1 }).textContent()).toBe('การต่อวงจรควบคุมมอเตอร์เบื้องต้น');
    expect(await reader.locator('.article-body p').first().textContent()).toBe('ภาษาไทยพิมพ์ได้ ครบทุกตัว');
    expect(await reader.locator('.article-body h2#h-1').textContent()).toBe('ขั้นตอนการต่อวงจร!');
    expect(await reader.locator('.article-body p strong').first().textContent()).toBe('ข้อควรระวัง');
    expect(await reader.locator('.article-body table th').allTextContents()).toEqual(['อุปกรณ์', 'จำนวน', '']);
    expect(await reader.locator('.article-body img').getAttribute('alt')).toBe('แผนผังตู้ควบคุม');
    expect(await reader.locator('script[type="application/ld+json"]').textContent()).toContain('"@type":"Article"');

    await reader.getByLabel('ถามผู้เขียน').fill('ใช้กับมอเตอร์สามเฟสได้ไหมคะ <script>alert(1)</script>');
    await reader.getByRole('button', { name: 'ส่งคำถาม' }).click();
    await reader.waitForURL(/done=asked/);
    expect(await reader.locator('.question .plain-text').last().textContent()).toBe('ใช้กับมอเตอร์สามเฟสได้ไหมคะ <script>alert(1)</script>');
    const mail = await waitForMail(app.db, expert.email, 'คำถามใหม่');
    expect(mail.body).toContain('ใช้กับมอเตอร์สามเฟสได้ไหมคะ');
    expect(teacher.csp).toEqual([]);
    // The pages of the journey, as each person left them, pass axe (serious and critical violations fail).
    for (const visitor of [expert, admin, teacher]) expect(await seriousAxeViolations(visitor.page)).toEqual([]);
    for (const visitor of [expert, admin, teacher]) await visitor.context.close();
  }, 90_000);
});
