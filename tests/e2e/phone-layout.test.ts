// On a 360 px phone no page scrolls sideways, signed out or as an admin, in Thai and English; on each, Thai text has
// the line height its marks need and no heading leaves a word alone on its last line.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedInUser } from '../helpers/accounts.ts';
import { cspViolations } from '../helpers/browser.ts';
import { adminPagePaths, matchesRoute, notPages, pagesOfMadeRecords, publicPagePaths, resolvePagePaths, routePatterns } from '../helpers/pages.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

async function overflow(page: Page, path: string): Promise<string | undefined> {
  const response = await page.goto(app.server.url + path);
  if (!response) return `${path}: no response`;
  const cramped = await crampedText(page);
  if (cramped.length > 0) return `${path}: Thai marks need more line height: ${cramped.join(', ')}`;
  const alone = await wordsLeftAlone(page);
  if (alone.length > 0) return `${path}: a heading's last line holds a word alone: ${alone.join(', ')}`;
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (widths.scroll <= widths.client) return undefined;
  // Name the widest offenders so a failure says what to fix.
  const wide = await page.evaluate((limit) =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > limit + 1)
      .slice(0, 4)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (${Math.round(el.getBoundingClientRect().right)})`),
    widths.client,
  );
  return `${path}: ${widths.scroll}px wide, ${wide.join(', ')}`;
}

/**
 * Text whose lines are too close for Thai marks above and below (ั ี ู ุ): under 1.5 times its size for running text,
 * 1.4 for headings, badges and tags (issue 13); and no `word-break: keep-all`, which stops Thai from wrapping at all.
 */
function crampedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[\u0e00-\u0e7f]/.test(n.textContent ?? ''));
      if (!ownText || el.closest('svg, select, option, [hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.display.startsWith('inline')) {
        // Inline text takes its line box's height from the block it sits in, which is checked itself; badges are blocks of their own.
        if (!el.matches('.badge, .tag')) continue;
      }
      const ratio = style.lineHeight === 'normal' ? 0 : parseFloat(style.lineHeight) / parseFloat(style.fontSize);
      const least = el.closest('h1, h2, h3, h4, h5, h6, .badge, .tag, summary, button, .button, .site-name') ? 1.4 : 1.5;
      const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
      if (ratio < least - 0.01) found.add(`${name} ${ratio.toFixed(2)}`);
      if (style.wordBreak === 'keep-all') found.add(`${name} keep-all`);
    }
    return [...found].slice(0, 6);
  });
}

/** Headings in the page's content whose last line is under a fifth of the heading's width ("เลิศ" alone under a title). */
async function wordsLeftAlone(page: Page): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const found: string[] = [];
    for (const heading of document.querySelectorAll<HTMLElement>('main h1, main h2, main h3, main h4')) {
      const range = document.createRange();
      range.selectNodeContents(heading);
      // The right edge of each line, by its top.
      const lines = new Map<number, number>();
      for (const rect of range.getClientRects()) if (rect.width > 0) lines.set(Math.round(rect.top), Math.max(lines.get(Math.round(rect.top)) ?? 0, rect.right));
      if (lines.size < 2) continue;
      const last = lines.get(Math.max(...lines.keys()))! - heading.getBoundingClientRect().left;
      if (last < 0.2 * heading.clientWidth) found.push(`"${heading.textContent!.trim().slice(-24)}" (${Math.round(last)} of ${heading.clientWidth} px)`);
    }
    return found.slice(0, 4);
  });
}

describe('on a 360 px phone', () => {
  it('walks every page route: each is in the lists below, answers no page, or is named with the test that opens it', () => {
    const listed = [...publicPagePaths, ...adminPagePaths].map((path) => path.replace(/\{link:([^}]+)\}/, '$1x').replace(/\{id:[^}]+\}/g, '1'));
    const thai = routePatterns().filter((route) => !/^\/en(\/|$)/.test(route));
    const missing = thai.filter((route) => !notPages.includes(route) && !(route in pagesOfMadeRecords) && !listed.some((path) => matchesRoute(route, path)));
    expect(missing).toEqual([]);
  });

  it('no public page scrolls sideways', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const csp = cspViolations(page);
    const problems: string[] = [];
    for (const path of await resolvePagePaths(app.server, publicPagePaths)) {
      const problem = await overflow(page, path);
      if (problem) problems.push(problem);
    }
    await page.close();
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    // Fifty pages one after another: on a busy 2-core machine that takes well over the default 30 s.
  }, 120_000);

  it('no signed-in or admin page scrolls sideways', async () => {
    const { token, cookie, user } = await signedInUser(app.db, { role: 'admin', email: 'phone-admin@example.ac.th' });
    // The admin teaches a demo run, so that a run's pages (its learners, sessions, report) are among theirs.
    app.db.$client.prepare('insert into run_instructors (run_id, user_id) select id, ? from course_runs order by id limit 1').run(user.id);
    const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await context.addCookies([{ name: 'session', value: token, url: app.server.url }]);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of await resolvePagePaths(app.server, adminPagePaths, cookie)) {
      const problem = await overflow(page, path);
      if (problem) problems.push(problem);
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('the header is compact, so content starts high, and its menu opens from the keyboard', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const csp = cspViolations(page);
    for (const path of ['/library', '/en/library', '/fields/production-technology', `/search?q=${encodeURIComponent('ไฟฟ้า')}`]) {
      await page.goto(app.server.url + path);
      const top = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().top);
      expect(top, path).toBeLessThanOrEqual(80);
    }
    await page.goto(app.server.url + '/library');
    const library = page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'สาขาวิชา' });
    expect(await library.isVisible()).toBe(false);
    // Tab reaches the menu button right after the skip link and the site's name.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    await library.waitFor({ state: 'visible' });
    await library.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fields$/);
    await page.close();
    expect(csp).toEqual([]);
  });

  it('search filters sit above the results, folded until asked for', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${app.server.url}/search?q=${encodeURIComponent('ไฟฟ้า')}`);
    const filters = page.locator('summary', { hasText: 'ตัวกรอง' });
    const facet = page.getByRole('complementary').getByRole('link', { name: /หลักสูตร/ }).first();
    const [filtersTop, resultsTop] = await page.evaluate(() => [document.querySelector('.facets')!.getBoundingClientRect().top, document.querySelector('.hit-list')!.getBoundingClientRect().top]);
    expect(filtersTop).toBeLessThan(resultsTop!);
    expect(await facet.isVisible()).toBe(false);
    await filters.click();
    await facet.waitFor({ state: 'visible' });
    await facet.click();
    await page.waitForURL(/type=/);
    // On a wide screen the same filters are simply open.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('complementary').getByRole('link').first().waitFor({ state: 'visible' });
    expect(await filters.isVisible()).toBe(false);
    await page.close();
  });
});

describe('on a 1366 px screen', () => {
  it("the site's name and links keep one row for an admin, whose own pages fold into one account menu", async () => {
    const { token } = await signedInUser(app.db, { role: 'admin', email: 'wide-admin@example.ac.th', nameTh: 'ผู้ดูแลหน้าจอกว้าง' });
    const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 800 } });
    await context.addCookies([{ name: 'session', value: token, url: app.server.url }]);
    const page = await context.newPage();
    const csp = cspViolations(page);
    await page.goto(app.server.url + '/library');
    const tops = await page.evaluate(() => [...document.querySelectorAll('.site-name, .main-nav a')].map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops).toHaveLength(10);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(12);
    const account = page.getByRole('navigation', { name: 'บัญชีผู้ใช้' });
    const reports = account.getByRole('link', { name: 'รายงานผลการอบรม' });
    expect(await reports.isVisible()).toBe(false);
    await account.getByText('ผู้ดูแลหน้าจอกว้าง').click();
    await reports.waitFor({ state: 'visible' });
    // Escape closes it and gives focus back to the name; so does a click elsewhere.
    await page.keyboard.press('Escape');
    await reports.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    await reports.waitFor({ state: 'visible' });
    await page.locator('h1').click();
    await reports.waitFor({ state: 'hidden' });
    await account.getByText('ผู้ดูแลหน้าจอกว้าง').click();
    await reports.click();
    await page.waitForURL(/\/admin\/reports/);
    await context.close();
    expect(csp).toEqual([]);
  });
});
