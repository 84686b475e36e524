// Searching as a person does: typing in the header, choosing a suggestion with the keyboard, refining by facet.
import { describe, expect, it } from 'vitest';
import { useBrowser, useServer } from '../helpers/suite.ts';
import { cspViolations } from '../helpers/browser.ts';

const app = useServer();
const chromium = useBrowser();

describe('search in the browser', () => {
  it('suggests while typing and opens the chosen item with the keyboard', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/fields`);
    const box = page.getByRole('combobox', { name: 'ค้นหาในคลังปัญญา' });
    await box.pressSequentially('หุ่นยนต์', { delay: 30 });
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('ArrowDown');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
    const title = (await options.first().textContent())!;
    await box.press('Enter');
    await page.waitForURL(/\/(library|courses)\//); // a course's page is /courses/<slug>
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await page.close();
    expect(csp).toEqual([]);
  });

  it('submits the query and refines by a facet', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/`);
    await page.getByRole('combobox', { name: 'ค้นหาในคลังปัญญา' }).fill('ทวิภาคี');
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await page.waitForURL(/\/search\?q=/);
    const all = Number(/พบ (\d+) รายการ/.exec((await page.getByRole('status').first().textContent())!)![1]);
    expect(all).toBeGreaterThan(1);
    await page.getByRole('complementary').getByRole('link', { name: /งานวิจัย/ }).click();
    await page.waitForURL(/type=research/);
    const narrowed = Number(/พบ (\d+) รายการ/.exec((await page.getByRole('status').first().textContent())!)![1]);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    await page.close();
    expect(csp).toEqual([]);
  });

  it('pages do not move as they and their fonts load, on a phone (without the font preloads search results shifted by 0.23)', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    for (const path of [`/search?q=${encodeURIComponent('ไฟฟ้า')}`, '/en/search?q=electric', '/', '/library']) {
      await page.goto(app.server.url + path, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      // A frame after the fonts, for any shift they cause to be reported.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0));
      expect(shift, path).toBeLessThan(0.01);
    }
    await page.close();
  });

  it('in English, leads with English titles and snippets, the Thai title beside them marked as Thai', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/en/`);
    await page.getByRole('combobox', { name: 'Search the Intelligent Center' }).fill('electric');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/en\/search\?q=electric/);
    const first = page.locator('li.hit').first();
    const title = (await first.getByRole('heading', { level: 3 }).textContent())!;
    expect(title).toMatch(/electric/i);
    expect(title).not.toMatch(/[\u0e00-\u0e7f]/);
    expect(await first.locator('mark').first().textContent()).toMatch(/^electric$/i);
    expect(await first.locator('p.snippet').textContent()).not.toMatch(/[\u0e00-\u0e7f]/);
    expect(await first.locator('p[lang="th"]').textContent()).toMatch(/[\u0e00-\u0e7f]/);
    await first.getByRole('link').first().click();
    await page.waitForURL(/\/en\/(library|courses)\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await page.close();
    expect(csp).toEqual([]);
  });
});
