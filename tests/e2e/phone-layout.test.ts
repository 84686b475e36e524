// On a 360 px phone no page scrolls sideways, signed out, as an admin or as the person a made record's page is for, in
// Thai and English; on each, Thai text has the line height its marks need, no text is the colour of what is behind it,
// and no heading leaves a word alone on its last line.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getPage, multipartForm, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { cspViolations, seriousAxeViolations } from '../helpers/browser.ts';
import { adminPagePaths, matchesRoute, notPages, pagesOfMadeRecords, publicPagePaths, resolvePagePaths, routePatterns } from '../helpers/pages.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

async function overflow(page: Page, path: string): Promise<string | undefined> {
  const response = await page.goto(app.server.url + path);
  if (!response) return `${path}: no response`;
  const cramped = await crampedText(page);
  if (cramped.length > 0) return `${path}: Thai marks need more line height: ${cramped.join(', ')}`;
  const unseen = await invisibleText(page);
  if (unseen.length > 0) return `${path}: text in the colour of its background: ${unseen.join(', ')}`;
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

/**
 * Shown text in the very colour of the background behind it (white labels on a white toolbar): axe only calls that
 * "incomplete", so it would pass unseen.
 */
function invisibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ''));
      if (!ownText || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) continue;
      let behind: Element | null = el;
      let background = 'rgba(0, 0, 0, 0)';
      while (behind && /rgba\(.*, 0\)$|transparent/.test(background)) {
        background = getComputedStyle(behind).backgroundColor;
        behind = behind.parentElement;
      }
      if (background === style.color) found.add(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${el.textContent!.trim().slice(0, 12)}"`);
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
    // Each page of made records names a browser test file that exists, and so is walked somewhere.
    const unnamed = Object.entries(pagesOfMadeRecords).filter(([, test]) => !/^tests\/e2e\/[\w-]+\.test\.ts \(/.test(test) || !existsSync(new URL(`../../${test.split(' ')[0]}`, import.meta.url)));
    expect(unnamed).toEqual([]);
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

  it("the pages of records a person makes: an article's editor, review and revisions, a college's reports, a field's establishment and rows", async () => {
    const field = 'electronics';
    const one = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).pluck().get(...params) as number;
    // An expert's article published twice (so it has two revisions), by its forms as the author and an admin send them.
    const expert = await signedInUser(app.db, { role: 'expert', email: 'phone-expert@example.ac.th' });
    const admin = await signedInUser(app.db, { role: 'admin', email: 'phone-reviewer@example.ac.th' });
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const articleForm = (text: string, version: number, intent: string) => ({
      intent, title: 'การบำรุงรักษาเชิงป้องกันสำหรับระบบไฟฟ้าในโรงงานอุตสาหกรรมขนาดกลาง', summary: 'แนวทางสำหรับช่างเทคนิค', fields: field, tags: 'บำรุงรักษา',
      coverImage: '', version: String(version),
      document: JSON.stringify({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'บทนำ' }] }, paragraph(text)] }),
    });
    const created = await postForm(app.server, '/account/articles/new', articleForm('ย่อหน้าแรกของบทความ', 0, 'save'), { cookie: expert.cookie });
    const edit = /^(\/account\/articles\/\d+)\?/.exec(created.headers.get('location') ?? '')?.[1];
    if (!edit) throw new Error(`the article was not saved: ${created.status}`);
    const id = edit.split('/').at(-1)!;
    const version = () => one('select version from articles where id = ?', id);
    const publish = async (text: string, save: boolean) => {
      if (save) expect((await postForm(app.server, edit, articleForm(text, version(), 'save'), { cookie: expert.cookie })).status).toBe(303);
      expect((await postForm(app.server, edit, articleForm(text, version(), 'submit'), { cookie: expert.cookie })).status).toBe(303);
      expect((await postForm(app.server, `/admin/articles/${id}`, { intent: 'publish', articleId: id }, { cookie: admin.cookie })).status).toBe(303);
    };
    await publish('ย่อหน้าแรกของบทความ', false);
    await publish('ย่อหน้าที่แก้ไขใหม่ทั้งหมดเพื่อให้เห็นความแตกต่างระหว่างฉบับ', true);
    expect(one('select count(*) from article_revisions where article_id = ?', id)).toBe(2);

    // Field staff, who add an establishment by their form and make a teacher of a college teaching the field its reporter.
    const staff = await signedInUser(app.db, { role: 'teacher', email: 'phone-staff@example.ac.th' });
    app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
    const nameTh = 'บริษัท อิเล็กทรอนิกส์และระบบควบคุมอัตโนมัติแห่งภาคตะวันออก จำกัด (มหาชน)';
    const added = await postForm(app.server, `/staff/${field}/establishments`, {
      intent: 'establishment', nameTh, tsic: '26110', provinceCode: '20', size: 'large', fields: field, registrationNo: '0107563000123',
      contactName: 'คุณผู้ประสานงานฝ่ายทรัพยากรบุคคล', contactEmail: 'human-resources.recruitment@eastern-electronics.example', contactPhone: '038 123 456',
    }, { cookie: staff.cookie });
    expect(added.status).toBe(303);
    const establishment = one('select id from establishments where name_th = ?', nameTh);
    const college = one('select college_id from college_fields where field_slug = ? order by college_id limit 1', field);
    const reporter = await signedInUser(app.db, { role: 'teacher', email: 'phone-reporter@example.ac.th', collegeId: college });
    expect((await postForm(app.server, `/staff/${field}/reporters`, { intent: 'grant', email: reporter.user.email }, { cookie: staff.cookie })).status).toBe(303);
    // The reporter's supply and demand rows, by the forms of /college-reports.
    const report = (form: Record<string, string>) => postMultipart(app.server, '/college-reports', multipartForm({ field, level: 'hvc', fiscal_year: '2571', ...form }), reporter.cookie);
    expect((await report({ intent: 'supply', enrolled: '60', graduates: '48' })).status).toBe(303);
    expect((await report({ intent: 'demand', establishment: String(establishment), positions: '7', competencies: 'ET-01 การบัดกรีแผงวงจร, ET-02 การตรวจซ่อมระบบควบคุม' })).status).toBe(303);
    const supply = one('select id from supply_rows where reported_by = ?', reporter.user.id);
    const demand = one('select id from demand_rows where reported_by = ?', reporter.user.id);

    const walks: [typeof expert, string[]][] = [
      [expert, [edit, `${edit}/revisions`, `${edit}/revisions?n=1`, `${edit}/revisions?n=2`, `/en${edit}/revisions?n=2`]],
      [admin, [`/admin/articles/${id}`]],
      [reporter, ['/college-reports', `/college-reports/rows/supply/${supply}`, `/college-reports/rows/demand/${demand}`, `/en/college-reports/rows/demand/${demand}`]],
      [staff, [`/staff/${field}/establishments/${establishment}`, `/en/staff/${field}/establishments/${establishment}`, `/staff/${field}/rows/demand/${demand}`, `/staff/${field}/rows/supply/${supply}`]],
    ];
    const problems: string[] = [];
    for (const [person, paths] of walks) {
      const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await context.addCookies([{ name: 'session', value: person.token, url: app.server.url }]);
      const page = await context.newPage();
      const csp = cspViolations(page);
      for (const path of paths) {
        // Each is the person's page itself, not a 403 or 404 that happens to fit.
        const status = (await getPage(app.server, path, person.cookie)).status;
        if (status !== 200) problems.push(`${path}: ${status}`);
        const problem = await overflow(page, path);
        if (problem) problems.push(problem);
        problems.push(...(await seriousAxeViolations(page)));
      }
      await context.close();
      problems.push(...csp);
    }
    expect(problems).toEqual([]);
  }, 60_000);

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
