// What a person does with an account, in a real browser: register with the keyboard, see a mistake explained
// next to its field, confirm the email from the link mailed, sign out from the header, sign in again.
import { describe, expect, it } from 'vitest';
import { linkIn, signedInUser, waitForMail } from '../helpers/accounts.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';
import { cspViolations } from '../helpers/browser.ts';

const app = useServer();
const chromium = useBrowser();

describe('an account in the browser', () => {
  it('a trainee registers by keyboard, fixes a weak password, signs out and in again', async () => {
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/register`);

    // Keyboard only: each control is reached by Tab from its predecessor and filled by typing.
    await page.getByLabel('ผู้เรียน').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Napa.Trainee@Example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345678');
    await page.keyboard.press('Tab');
    await page.keyboard.type('นภา ขยันเรียน');
    await page.getByLabel('ระดับการศึกษา').selectOption('hvc');
    await page.getByLabel('การโรงแรม').check();
    await page.getByRole('checkbox', { name: /ยินยอม/ }).check();
    await page.getByLabel('ชื่อ-นามสกุล (ภาษาไทย)').press('Enter');

    await page.getByRole('alert').waitFor();
    const password = page.getByLabel('รหัสผ่าน', { exact: true });
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#password-error').textContent()).toContain('ใช้กันทั่วไปหรือเดาง่าย');
    expect(await password.inputValue()).toBe('');
    expect(await page.getByLabel('ชื่อ-นามสกุล (ภาษาไทย)').inputValue()).toBe('นภา ขยันเรียน');
    expect(await page.getByLabel('การโรงแรม').isChecked()).toBe(true);

    await page.getByRole('alert').getByRole('link', { name: /รหัสผ่าน/ }).click();
    await page.keyboard.type('ดาวเต็มฟ้าคืนนี้');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/register\?sent=1(#.*)?$/); // the error link's #password rides along the redirect, harmlessly
    expect(await page.getByRole('status').textContent()).toContain('เปิดลิงก์ในอีเมล');

    const mail = await waitForMail(app.db, 'napa.trainee@example.org', 'ยืนยันอีเมล');
    await page.goto(app.server.url + linkIn(mail, '/confirm-email'));
    await page.getByRole('button', { name: 'ยืนยันอีเมลและเข้าสู่ระบบ' }).click();
    await page.waitForURL(/\/account\?saved=confirmed$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('บัญชีของฉัน');
    expect(await page.locator('main').textContent()).toContain('napa.trainee@example.org');

    const header = page.getByRole('navigation', { name: 'บัญชีผู้ใช้' });
    // The account's links and sign-out fold under the person's name.
    await header.getByText('นภา ขยันเรียน').click();
    await header.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.waitForURL(`${app.server.url}/`);
    await header.getByRole('link', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByLabel('อีเมล').fill('napa.trainee@example.org');
    await page.getByLabel('รหัสผ่าน').fill('ดาวเต็มฟ้าคืนนี้');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    // Signing in from the header comes back to the page it was pressed on.
    await page.waitForURL(`${app.server.url}/`);
    expect(await header.textContent()).toContain('นภา ขยันเรียน');
    await page.close();
    expect(csp).toEqual([]);
  });

  it('a teacher who forgot the password sets a new one from the emailed link, in the browser', async () => {
    const { user } = await signedInUser(app.db, { role: 'teacher', email: 'forgetful.teacher@example.ac.th' });
    const page = await chromium.browser.newPage();
    const csp = cspViolations(page);
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.server.url}/forgot-password`);
    await page.getByLabel('อีเมล').fill(user.email);
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    await page.waitForURL(/\/forgot-password\?sent=1$/);
    const mail = await waitForMail(app.db, user.email, 'ตั้งรหัสผ่านใหม่');
    await page.goto(app.server.url + linkIn(mail, '/reset-password'));
    await page.getByLabel('รหัสผ่านใหม่').fill('ทะเลสาบยามเช้า 2569');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.waitForURL(/\/login\?reset=1$/);
    await page.getByLabel('อีเมล').fill(user.email);
    await page.getByLabel('รหัสผ่าน').fill('ทะเลสาบยามเช้า 2569');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(`${app.server.url}/account`);
    await page.close();
    expect(csp).toEqual([]);
  });
});
