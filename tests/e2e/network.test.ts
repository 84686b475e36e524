// The CVM network in Chromium on a 360 px phone: the college select narrows as one types (and is a plain select
// without JavaScript), and a field's staff answer "where is my field short of ปวส. graduates, and who has no partner",
// record an MOU and export the table; no page breaks the CSP.
import { describe, expect, it } from 'vitest';
import { signedInUser } from '../helpers/accounts.ts';
import ExcelJS from 'exceljs';
import { axeViolations, cspViolations, seriousAxeViolations } from '../helpers/browser.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer({ env: { DEMO_NETWORK: '1' } });
const chromium = useBrowser();
const phone = { viewport: { width: 360, height: 740 } };

describe('the network in the browser', () => {
  it('narrows the college list as one types, and keeps a plain select without JavaScript', async () => {
    const page = await chromium.browser.newPage(phone);
    const csp = cspViolations(page);
    await page.goto(`${app.server.url}/register`);
    const filter = page.getByLabel('พิมพ์เพื่อค้นหาสถานศึกษา');
    await filter.fill('ฉะเชิงเทรา');
    const shown = await page.locator('#collegeId option:not([hidden])').allTextContents();
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.slice(1).every((name) => name.includes('ฉะเชิงเทรา'))).toBe(true);
    expect(await page.locator('#collegeId option:checked').textContent()).toContain('ฉะเชิงเทรา');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(csp).toEqual([]);

    const plain = await chromium.browser.newPage({ ...phone, javaScriptEnabled: false });
    await plain.goto(`${app.server.url}/register`);
    expect(await plain.getByLabel('พิมพ์เพื่อค้นหาสถานศึกษา').isVisible()).toBe(false);
    expect(await plain.locator('#collegeId option').count()).toBeGreaterThan(300);
  });

  it('a field’s staff find the provinces short of ปวส. graduates, an establishment without a partner, record an MOU and export', async () => {
    const field = 'mechanical-technology';
    const staff = await signedInUser(app.db, { role: 'teacher' });
    app.db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
    const context = await chromium.browser.newContext(phone);
    await context.addCookies([{ name: 'session', value: staff.token, url: app.server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const csp = cspViolations(page);

    await page.goto(`${app.server.url}/manpower`);
    await page.locator('select[name=field]').selectOption(field);
    await page.locator('select[name=level]').selectOption('hvc');
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await page.waitForURL(/level=hvc/);
    const shortRows = page.locator('table').last().locator('tbody tr', { hasText: 'ขาด' });
    expect(await shortRows.count()).toBeGreaterThan(0);
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The manpower table by province, as filtered, downloaded as a spreadsheet.
    const sheet = page.waitForEvent('download');
    await page.getByRole('link', { name: 'ตารางรายจังหวัด (XLSX)' }).click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await (await sheet).path())!);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    const firstShort = (await shortRows.first().locator('th, td').first().textContent())!.trim();
    expect(cells.some((c) => c.includes(firstShort))).toBe(true);

    await page.goto(`${app.server.url}/staff/${field}/establishments?withoutPartner=1`);
    const first = page.locator('tbody tr').first();
    const name = (await first.locator('th').textContent())!.split('·')[0]!.trim();
    expect(await first.locator('td.contact').textContent()).toContain('@establishment.example');
    const establishmentId = app.db.$client.prepare('select id from establishments where name_th = ?').pluck().get(name) as number;

    await page.goto(`${app.server.url}/staff/${field}/agreements`);
    await page.getByLabel('รหัสสถานประกอบการ').fill(String(establishmentId));
    await page.getByLabel('สถานะ', { exact: true }).selectOption('mou');
    await page.getByLabel('วันเริ่ม').fill('2026-06-01');
    await page.getByLabel('วันสิ้นสุด').fill('2029-05-31');
    await page.getByRole('button', { name: 'บันทึกข้อตกลง' }).click();
    await page.waitForURL(/done=agreement/);
    expect(await page.getByRole('status').textContent()).toContain('บันทึกข้อตกลงแล้ว');
    expect(await page.locator('tbody').textContent()).toContain(name);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toContain(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(csp).toEqual([]);
    await context.close();
  });

  it('shows the college directory and a college on a 360 px phone, filtered, without sideways scrolling', async () => {
    const page = await chromium.browser.newPage(phone);
    const csp = cspViolations(page);
    await page.goto(`${app.server.url}/colleges`);
    await page.locator('select[name=region]').selectOption('east');
    await page.locator('select[name=field]').selectOption('mechanical-technology');
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await page.waitForURL(/region=east/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('link', { name: 'วิทยาลัยเทคนิคฉะเชิงเทรา' }).click();
    await page.waitForURL(/\/colleges\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('วิทยาลัยเทคนิคฉะเชิงเทรา');
    expect(await page.locator('tbody').first().textContent()).toContain('แม่ข่าย CVM');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('a college’s reporter reports a supply row by form and sees a sheet’s bad row by its number, on a phone', async () => {
    const college = app.db.$client.prepare("select college_id from college_fields where field_slug = 'electronics' and \"group\" = 'cvm-host'").pluck().get() as number;
    const reporter = await signedInUser(app.db, { role: 'teacher', collegeId: college });
    app.db.$client.prepare('insert into college_reporters (user_id, college_id) values (?, ?)').run(reporter.user.id, college);
    const context = await chromium.browser.newContext(phone);
    await context.addCookies([{ name: 'session', value: reporter.token, url: app.server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const csp = cspViolations(page);
    await page.goto(`${app.server.url}/`);
    // On a phone the header's links sit behind its menu button, and a signed-in person's own pages behind their name.
    await page.locator('details.site-menu > summary').click();
    await page.locator('details.account-menu > summary').click();
    await page.getByRole('link', { name: 'รายงานของสถานศึกษา' }).click();
    await page.waitForURL(/\/college-reports$/);
    await page.locator('#supply-field').selectOption('electronics');
    await page.locator('#supply-level').selectOption('hvc');
    await page.locator('#supply-fiscal_year').selectOption('2571');
    await page.locator('#supply-enrolled').fill('55');
    await page.locator('#supply-graduates').fill('44');
    await page.locator('form:has(input[name=intent][value=supply]) button[type=submit]').click();
    await page.waitForURL(/done=supply/);
    expect(await page.locator('#college-supply tbody tr', { hasText: '2571' }).textContent()).toContain('44');
    await page.locator('#upload-kind').selectOption('supply');
    const lines = ['college,field,level,fiscal_year,enrolled,graduates', `${college},electronics,vc,2571,10,5`, '999999,electronics,vc,2571,10,5'];
    await page.locator('#upload-sheet').setInputFiles({ name: 'ผลผลิต.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    await page.locator('form:has(input[name=intent][value=upload]) button[type=submit]').click();
    await page.locator('#sheet-issues').waitFor();
    expect(await page.locator('#sheet-issues tbody th').allTextContents()).toEqual(['3']);
    expect(app.db.$client.prepare("select count(*) from supply_rows where college_id = ? and fiscal_year = 2571 and level = 'vc'").pluck().get(college)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(csp).toEqual([]);
    await context.close();
  });

  it('has no WCAG A/AA violations on the network pages, public and staff', { timeout: 120_000 }, async () => {
    const admin = await signedInUser(app.db, { role: 'admin' });
    const context = await chromium.browser.newContext();
    await context.addCookies([{ name: 'session', value: admin.token, url: app.server.url }]);
    const page = await context.newPage();
    const csp = cspViolations(page);
    const problems: string[] = [];
    const host = app.db.$client.prepare("select id from colleges where name_th = 'วิทยาลัยเทคนิคฉะเชิงเทรา'").pluck().get();
    const paths = ['/manpower', '/en/manpower?field=electronics&region=east&level=hvc', '/establishments', '/en/establishments?withoutPartner=1', '/admin/staff', '/staff'];
    paths.push('/colleges', '/en/colleges?region=east&field=mechanical-technology', `/colleges/${host}`, `/en/colleges/${host}`);
    const establishment = app.db.$client.prepare("select establishment_id from establishment_fields where field_slug = 'electronics' limit 1").pluck().get();
    const demand = app.db.$client.prepare("select id from demand_rows where field_slug = 'electronics' limit 1").pluck().get();
    const supply = app.db.$client.prepare("select id from supply_rows where field_slug = 'electronics' limit 1").pluck().get();
    paths.push(`/staff/electronics/establishments/${establishment}`, '/staff/electronics/rows', '/en/staff/electronics/rows?kind=supply');
    paths.push(`/staff/electronics/rows/demand/${demand}`, `/en/staff/electronics/rows/supply/${supply}`);
    for (const section of ['', '/establishments', '/matching', '/agreements', '/reporters']) paths.push(`/staff/electronics${section}`);
    for (const path of paths) {
      await page.goto(app.server.url + path);
      problems.push(...(await axeViolations(page)));
    }
    await context.close();
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
  });
});
