// Reports in Chromium: an admin answers "how many teachers of a field completed training in fiscal year 2569, by
// college" by filtering the dashboard, drills down to a run's learners, and downloads the table; axe finds no
// WCAG A/AA violation on the way and no page breaks the CSP.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signedInUser } from '../helpers/accounts.ts';
import { axeViolations, cspViolations } from '../helpers/browser.ts';
import { seedReportFixture } from '../helpers/report-fixture.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

describe('reports in the browser', () => {
  it('filters the dashboard, drills down to the learners and downloads the table', async () => {
    const ids = await seedReportFixture(app.db);
    const admin = await signedInUser(app.db, { role: 'admin' });
    const context = await chromium.browser.newContext({ acceptDownloads: true });
    await context.addCookies([{ name: 'session', value: admin.token, url: app.server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const csp = cspViolations(page);
    const problems: string[] = [];

    await page.goto(`${app.server.url}/admin/reports`);
    await page.locator('select[name=year]').selectOption('2569');
    await page.locator('select[name=field]').selectOption('electronics');
    await page.locator('select[name=audience]').selectOption('teachers');
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await page.waitForURL(/audience=teachers/);
    expect(page.url()).toContain('year=2569');
    expect(page.url()).toContain('field=electronics');
    const colleges = page.locator('#table-colleges tbody tr');
    expect(await colleges.count()).toBe(2);
    // College, enrolled, completed, rate, teachers enrolled, teachers completed, …: one teacher of each college.
    expect(await colleges.first().locator('td').nth(4).textContent()).toBe('1');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    problems.push(...(await axeViolations(page)));

    // Sort by college name, then the download keeps the filters and the order.
    await page.locator('#table-colleges thead a', { hasText: 'สถานศึกษา' }).click();
    await page.waitForURL(/sort=name/);
    const download = page.waitForEvent('download');
    await page.locator('#table-colleges ~ .export-links a', { hasText: 'CSV' }).first().click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('วิทยาลัยเทคนิคหนึ่ง');
    expect(csv).toContain('วิทยาลัยเทคนิคสอง');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3);

    // Drill down: courses of the field → the course's runs → the run's learners.
    await page.goto(`${app.server.url}/admin/reports?year=2569&field=electronics`);
    await page.getByRole('link', { name: 'หลักสูตรและรุ่น' }).click();
    await page.getByRole('link', { name: 'หลักสูตร report-course-a' }).click();
    await page.getByRole('link', { name: 'a1', exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/reports/run/${ids.rA1}`));
    const learners = page.locator('#table-learners tbody tr');
    expect(await learners.count()).toBe(2);
    expect(await page.locator('#table-learners').textContent()).toContain('CERT-S1');
    problems.push(...(await axeViolations(page)));

    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    await context.close();
  });
});
