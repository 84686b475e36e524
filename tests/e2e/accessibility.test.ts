// axe-core (WCAG 2.1 A/AA rules) on the pages people use most, in Thai and English, signed out and as an admin,
// and not one Content-Security-Policy violation on any of them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signedInUser } from '../helpers/accounts.ts';
import { axeViolations, cspViolations } from '../helpers/browser.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();
async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(app.server.url + path);
  return axeViolations(page);
}

const publicPages = [
  '/',
  '/fields',
  '/fields?group=cluster',
  '/fields/electrical-technology',
  '/library',
  '/library/ebooks/ac-motor-control-and-plc',
  '/experts',
  `/search?q=${encodeURIComponent('ไฟฟ้า')}`,
  '/search?q=zzqqxx',
  '/login',
  '/register',
  '/no-such-page',
  '/en/',
  '/en/fields/hotel-management',
  '/en/search?q=PLC',
];

describe('accessibility', () => {
  it('public pages have no WCAG A/AA violations', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    const problems: string[] = [];
    for (const path of publicPages) problems.push(...(await violations(page, path)));
    await page.close();
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    // An axe run on each of these pages: 57 s on a busy 2-core machine (load average 27), past the default 30.
  }, 120_000);

  it('signed-in and admin pages have none either', async () => {
    const { token } = await signedInUser(app.db, { role: 'admin', email: 'a11y-admin@example.ac.th' });
    const context = await chromium.browser.newContext();
    await context.addCookies([{ name: 'session', value: token, url: app.server.url }]);
    const page = await context.newPage();
    const csp = cspViolations(page);
    const problems: string[] = [];
    for (const path of ['/account', '/admin/users', '/admin/items', '/admin/items/new?type=curricula', '/admin/items/ebooks/hotel-front-office-operations', '/admin/searches']) {
      problems.push(...(await violations(page, path)));
    }
    await context.close();
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
  }, 60_000);
});
