// Accounts over real HTTP against the built server and its SQLite file: registering, signing in and out,
// sessions expiring and renewing, changing and resetting passwords, and what admins may do to users.
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../db/seed.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';
import {
  confirmRegistration,
  getPage,
  insertUser,
  linkIn,
  postForm,
  sessionCookie,
  signedInUser,
  signInOverHttp,
  waitForMail,
  type FormFields,
} from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

const day = 24 * 60 * 60 * 1000;
const sessionRow = (token: string) =>
  app.db.$client.prepare('select user_id, expires_at from sessions where id = ?').get(hashToken(token)) as
    | { user_id: number; expires_at: number }
    | undefined;
const tokenOf = (cookie: string) => cookie.slice('session='.length);
const isSignedIn = async (cookie: string) => (await getPage(app.server, '/account', cookie)).status === 200;

const registration = {
  role: 'teacher',
  email: 'Somchai.Teacher@College.ac.th',
  password: 'ลมหนาวที่เชียงราย 2569',
  nameTh: 'สมชาย ใจงาม',
  nameEn: 'Somchai Jai-ngam',
  organization: 'วิทยาลัยเทคนิคเชียงราย',
  fields: ['electronics', 'hotel-management'],
  consent: 'yes',
};

describe('registering and signing in', () => {
  it('registers a teacher who confirms the email, is signed in, and sees their own profile', async () => {
    const registered = await postForm(app.server, '/register', registration);
    expect(registered.status).toBe(303);
    expect(registered.headers.get('location')).toBe('/register?sent=1');
    expect(sessionCookie(registered)).toBeNull();
    expect(await (await getPage(app.server, '/register?sent=1')).text()).toContain('เปิดลิงก์ในอีเมลภายใน 24 ชั่วโมง');

    // Until the emailed link is followed, the right password gets a new link, not a session.
    await waitForMail(app.db, registration.email, 'ยืนยันอีเมล');
    const early = await postForm(app.server, '/login', { email: registration.email, password: registration.password });
    expect(early.status).toBe(403);
    expect(await early.text()).toContain('ยังไม่ได้ยืนยันอีเมล');
    expect(sessionCookie(early)).toBeNull();

    // The sign-in sent a second link, which replaced the first.
    const mail = await waitForMail(app.db, registration.email, 'ยืนยันอีเมล', 2);
    const link = linkIn(mail, '/confirm-email');
    const confirmPage = await getPage(app.server, link);
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.headers.get('referrer-policy')).toBe('same-origin');
    expect(await confirmPage.text()).toContain('ยืนยันอีเมลและเข้าสู่ระบบ');
    const cookie = await confirmRegistration(app.server, app.db, registration.email, 2);
    const account = await getPage(app.server, '/account', cookie);
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('สมชาย ใจงาม');
    expect(html).toContain('somchai.teacher@college.ac.th');
    expect(html).toContain('วิทยาลัยเทคนิคเชียงราย');
    expect(html).toMatch(/value="electronics" checked/);

    const again = await signInOverHttp(app.server, 'somchai.teacher@college.ac.th', registration.password);
    const english = await getPage(app.server, '/en/account', again);
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('Somchai Jai-ngam');
  });

  it('asks for consent to the privacy notice and records when it was given', async () => {
    const { consent: _consent, ...withoutConsent } = registration;
    const refused = await postForm(app.server, '/en/register', { ...withoutConsent, email: 'no.consent@example.org' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Please read and agree to the privacy notice');
    await waitForMail(app.db, 'somchai.teacher@college.ac.th', 'ยืนยันอีเมล');
    const consentAt = app.db.$client.prepare('select privacy_consent_at from users where email = ?').pluck().get('somchai.teacher@college.ac.th');
    expect(consentAt).toEqual(expect.any(Number));
    expect((await getPage(app.server, '/privacy')).status).toBe(200);
    expect(await (await getPage(app.server, '/en/privacy')).text()).toContain('Personal Data Protection Act');
  });

  it('answers a registration of a taken email exactly as a new one, and tells only the owner, by mail', async () => {
    const users = () => app.db.$client.prepare('select count(*) from users').pluck().get() as number;
    const before = users();
    const taken = await postForm(app.server, '/register', { ...registration, email: 'SOMCHAI.teacher@college.ac.th', password: 'someone else entirely 99' });
    const fresh = await postForm(app.server, '/register', { ...registration, email: 'brand.new.teacher@college.ac.th' });
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.get('location')).toBe(fresh.headers.get('location'));
    expect(await taken.text()).toBe(await fresh.text());
    const notice = await waitForMail(app.db, 'somchai.teacher@college.ac.th', 'มีบัญชี');
    expect(notice.body).toContain(`${app.server.url}/forgot-password`);
    await waitForMail(app.db, 'brand.new.teacher@college.ac.th', 'ยืนยันอีเมล');
    expect(users()).toBe(before + 1);
    // The owner's password is untouched.
    await signInOverHttp(app.server, 'somchai.teacher@college.ac.th', registration.password);
  });

  it('asks a student for their level and rejects experts registering themselves, in Thai and English', async () => {
    const student = await postForm(app.server, '/register', { ...registration, email: 'new.student@example.org', role: 'student' });
    expect(student.status).toBe(400);
    expect(await student.text()).toContain('กรุณาเลือกระดับการศึกษา');
    const expert = await postForm(app.server, '/en/register', { ...registration, email: 'self.expert@example.org', role: 'expert' });
    expect(expert.status).toBe(400);
    expect(await expert.text()).toContain('Choose whether you are a teacher or a trainee');
  });

  it('refuses weak passwords with the reason next to the field', async () => {
    for (const [password, message] of [
      ['short', 'อย่างน้อย 8 ตัวอักษร'],
      ['password123', 'ใช้กันทั่วไปหรือเดาง่าย'],
      ['aaaaaaaaaaaa', 'ใช้กันทั่วไปหรือเดาง่าย'],
      ['weak.password@example.org', 'ต้องไม่ใช่อีเมลหรือชื่อ'],
    ]) {
      const response = await postForm(app.server, '/register', { ...registration, email: 'weak.password@example.org', password });
      expect(response.status, password).toBe(400);
      expect(await response.text(), password).toContain(message);
    }
    // 64 characters and more are fine (NIST: allow at least 64).
    const long = await postForm(app.server, '/register', { ...registration, email: 'long.password@example.org', password: 'x'.repeat(40) + ' long but memorable ok' });
    expect(long.status).toBe(303);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const { user } = await signedInUser(app.db);
    const wrong = await postForm(app.server, '/login', { email: user.email, password: 'not the password at all' });
    const unknown = await postForm(app.server, '/login', { email: 'nobody.here@example.org', password: 'not the password at all' });
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.status).toBe(400);
    const strip = (html: string) => html.replace(/value="[^"]*@[^"]*"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    expect(sessionCookie(wrong)).toBeNull();
  });

  it('sends a signed-in visitor from /login to where they were going, but never off the site', async () => {
    const { user } = await signedInUser(app.db);
    const local = await postForm(app.server, '/login?next=%2Ffields', { email: user.email, password: user.password, next: '/fields' });
    expect(local.headers.get('location')).toBe('/fields');
    const offsite = await postForm(app.server, '/login', { email: user.email, password: user.password, next: '//evil.example/x' });
    expect(offsite.headers.get('location')).toBe('/account');
  });

  it('sends anonymous visitors of a personal page to sign in, in their language', async () => {
    const thai = await getPage(app.server, '/account');
    expect(thai.status).toBe(303);
    expect(thai.headers.get('location')).toBe('/login?next=%2Faccount');
    const english = await getPage(app.server, '/en/admin/users?q=x');
    expect(english.headers.get('location')).toBe('/en/login?next=%2Fen%2Fadmin%2Fusers%3Fq%3Dx');
  });

  it('shows the header link to sign in, or the name, sign-out button and admin link', async () => {
    expect(await (await getPage(app.server, '/')).text()).toContain('href="/login?next=%2F">เข้าสู่ระบบ');
    const { cookie } = await signedInUser(app.db, { role: 'admin', nameTh: 'ผู้ดูแลหัวเว็บ' });
    const page = await getPage(app.server, '/', cookie);
    expect(page.headers.get('cache-control')).toBe('private, no-store'); // it names the person: no shared caching
    const html = await page.text();
    expect(html).toContain('ผู้ดูแลหัวเว็บ');
    expect(html).toContain('href="/admin/users"');
    expect(html).toMatch(/<form method="post" action="\/logout">/);
  });

  it('created the demo users of every role on the new database', async () => {
    for (const demo of demoUsers) {
      const cookie = await signInOverHttp(app.server, demo.email, demo.password);
      expect(await isSignedIn(cookie)).toBe(true);
    }
  });
});

describe('sessions', () => {
  it('sets the cookie HttpOnly, SameSite=Lax, Path=/, 30 days, not Secure outside production', async () => {
    const { user } = await signedInUser(app.db);
    const cookie = sessionCookie(await postForm(app.server, '/login', { email: user.email, password: user.password }))!;
    expect(cookie.value).toMatch(/^[a-z2-7]{32}$/); // 20 random bytes = 160 bits, base32
    expect(cookie.attributes.httponly).toBe(true);
    expect(cookie.attributes.samesite).toBe('Lax');
    expect(cookie.attributes.path).toBe('/');
    expect(cookie.attributes.secure).toBeUndefined();
    const expires = Date.parse(cookie.attributes.expires as string);
    expect(Math.abs(expires - (Date.now() + 30 * day))).toBeLessThan(60_000);
    // Only the token's SHA-256 is stored.
    expect(sessionRow(cookie.value)?.user_id).toBe(user.id);
    expect(app.db.$client.prepare('select count(*) from sessions where id = ?').pluck().get(cookie.value)).toBe(0);
  });

  it('expires: a session past expires_at signs nobody in and is deleted', async () => {
    const { token, cookie } = await signedInUser(app.db);
    app.db.$client.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() - 1000, hashToken(token));
    const response = await getPage(app.server, '/account', cookie);
    expect(response.status).toBe(303);
    expect(sessionCookie(response)?.attributes['max-age']).toBe('0');
    expect(sessionRow(token)).toBeUndefined();
  });

  it('is renewed to 30 days once half is used, and not before', async () => {
    const { token, cookie } = await signedInUser(app.db);
    app.db.$client.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() + 16 * day, hashToken(token));
    const early = await getPage(app.server, '/account', cookie);
    expect(early.status).toBe(200);
    expect(sessionCookie(early)).toBeNull();
    expect(sessionRow(token)!.expires_at).toBeLessThan(Date.now() + 17 * day);

    app.db.$client.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() + 14 * day, hashToken(token));
    const late = await getPage(app.server, '/account', cookie);
    expect(late.status).toBe(200);
    const renewed = sessionCookie(late)!;
    expect(renewed.value).toBe(token);
    expect(Math.abs(Date.parse(renewed.attributes.expires as string) - (Date.now() + 30 * day))).toBeLessThan(60_000);
    expect(Math.abs(sessionRow(token)!.expires_at - (Date.now() + 30 * day))).toBeLessThan(60_000);
  });

  it('signing out ends the session on the server, not just in the browser', async () => {
    const { user } = await signedInUser(app.db);
    const cookie = await signInOverHttp(app.server, user.email, user.password);
    const out = await postForm(app.server, '/logout', { intent: 'sign-out' }, { cookie });
    expect(out.status).toBe(303);
    expect(sessionCookie(out)?.attributes['max-age']).toBe('0');
    expect(sessionRow(tokenOf(cookie))).toBeUndefined();
    expect(await isSignedIn(cookie)).toBe(false); // the old cookie, replayed
  });

  it('signing out everywhere ends every session of that person only', async () => {
    const { user } = await signedInUser(app.db);
    const other = await signedInUser(app.db);
    const phone = await signInOverHttp(app.server, user.email, user.password);
    const laptop = await signInOverHttp(app.server, user.email, user.password);
    expect(await isSignedIn(phone)).toBe(true);
    expect((await postForm(app.server, '/en/logout', { intent: 'everywhere' }, { cookie: laptop })).headers.get('location')).toBe('/en/');
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(other.cookie)).toBe(true);
  });

  it('ignores a made-up cookie', async () => {
    expect(await isSignedIn('session=abcdefghijklmnopqrstuvwxyz234567')).toBe(false);
    expect(await isSignedIn(`session=${'x'.repeat(5000)}`)).toBe(false);
  });
});

describe('profile and password', () => {
  it('saves the profile and keeps typed values when something is wrong', async () => {
    const { user, cookie } = await signedInUser(app.db, { role: 'student', studentLevel: 'vc' });
    const saved = await postForm(app.server, '/account', { intent: 'profile', nameTh: 'ชื่อใหม่', nameEn: '', organization: 'วิทยาลัยใหม่', studentLevel: 'btech', fields: 'mice' }, { cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account?saved=profile');
    const row = app.db.$client.prepare('select name_th, name_en, organization, student_level from users where id = ?').get(user.id);
    expect(row).toEqual({ name_th: 'ชื่อใหม่', name_en: null, organization: 'วิทยาลัยใหม่', student_level: 'btech' });
    expect(app.db.$client.prepare('select field_slug from user_fields where user_id = ?').pluck().all(user.id)).toEqual(['mice']);

    const wrong = await postForm(app.server, '/account', { intent: 'profile', nameTh: '', organization: 'เก็บไว้', studentLevel: 'btech', fields: 'no-such-field' }, { cookie });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('กรุณากรอกช่องนี้');
    expect(html).toContain('ไม่พบสาขาวิชาที่เลือก');
    expect(html).toContain('value="เก็บไว้"');
  });

  it('changes the password after checking the current one, signing out every other session', async () => {
    const { user } = await signedInUser(app.db);
    const other = await signInOverHttp(app.server, user.email, user.password);
    const here = await signInOverHttp(app.server, user.email, user.password);
    const wrong = await postForm(app.server, '/account', { intent: 'password', currentPassword: 'not it at all', newPassword: 'a brand new secret' }, { cookie: here });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('รหัสผ่านปัจจุบันไม่ถูกต้อง');

    const changed = await postForm(app.server, '/account', { intent: 'password', currentPassword: user.password, newPassword: 'a brand new secret' }, { cookie: here });
    expect(changed.status).toBe(303);
    const fresh = `session=${sessionCookie(changed)!.value}`;
    expect(await isSignedIn(fresh)).toBe(true);
    expect(await isSignedIn(here)).toBe(false);
    expect(await isSignedIn(other)).toBe(false);
    expect((await postForm(app.server, '/login', { email: user.email, password: user.password })).status).toBe(400);
    await signInOverHttp(app.server, user.email, 'a brand new secret');
  });

  it('resets a forgotten password with a one-time emailed link', async () => {
    const { user } = await signedInUser(app.db, { nameTh: 'ลืมรหัส' });
    const session = await signInOverHttp(app.server, user.email, user.password);
    const asked = await postForm(app.server, '/forgot-password', { email: user.email.toUpperCase() });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/forgot-password?sent=1');
    const unknown = await postForm(app.server, '/forgot-password', { email: 'nobody.at.all@example.org' });
    expect(unknown.headers.get('location')).toBe('/forgot-password?sent=1');

    const mail = await waitForMail(app.db, user.email, 'ตั้งรหัสผ่านใหม่');
    expect(mail.subject).toContain('ตั้งรหัสผ่านใหม่');
    expect(mail.body).toContain('ลืมรหัส');
    expect(app.server.output()).toContain(`[mail] to ${user.email}`);
    const link = new URL(/https?:\/\/\S+reset-password\?token=\S+/.exec(mail.body)![0]);
    const token = link.searchParams.get('token')!;
    expect(app.db.$client.prepare('select count(*) from password_reset_tokens where id = ?').pluck().get(token)).toBe(0);

    const page = await getPage(app.server, link.pathname + link.search);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const weak = await postForm(app.server, '/reset-password', { token, password: '12345678' });
    expect(weak.status).toBe(400);
    const reset = await postForm(app.server, '/reset-password', { token, password: 'after the reset 2569' });
    expect(reset.status).toBe(303);
    expect(reset.headers.get('location')).toBe('/login?reset=1');
    expect(await isSignedIn(session)).toBe(false);
    await signInOverHttp(app.server, user.email, 'after the reset 2569');

    const replay = await postForm(app.server, '/reset-password', { token, password: 'a second reset 2569' });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('ลิงก์นี้ใช้ไม่ได้หรือหมดอายุแล้ว');
  });

  it('refuses an expired reset link', async () => {
    const { user } = await signedInUser(app.db);
    await postForm(app.server, '/en/forgot-password', { email: user.email });
    const { body } = await waitForMail(app.db, user.email, 'ตั้งรหัสผ่านใหม่');
    const token = /token=([a-z2-7]+)/.exec(body)![1]!;
    expect(body).toContain('/en/reset-password?token=');
    app.db.$client.prepare('update password_reset_tokens set expires_at = ? where id = ?').run(Date.now() - 1, hashToken(token));
    expect(await (await getPage(app.server, `/en/reset-password?token=${token}`)).text()).toContain('This link is invalid or has expired');
    expect((await postForm(app.server, '/en/reset-password', { token, password: 'too late for this' })).status).toBe(400);
  });
});

describe('admins and roles', () => {
  it('a student posting to an admin action gets 403 and nothing changes', async () => {
    const student = await signedInUser(app.db, { role: 'student' });
    const victim = await insertUser(app.db, { role: 'teacher' });
    const attempts: Record<string, string>[] = [
      { intent: 'role', userId: String(student.user.id), role: 'admin' },
      { intent: 'disable', userId: String(victim.id) },
    ];
    for (const fields of attempts) {
      const response = await postForm(app.server, '/admin/users', fields, { cookie: student.cookie });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('ไม่มีสิทธิ์เข้าถึงหน้านี้');
    }
    const rows = app.db.$client.prepare('select id, role, disabled_at from users where id in (?, ?) order by id').all(student.user.id, victim.id);
    expect(rows).toEqual([
      { id: student.user.id, role: 'student', disabled_at: null },
      { id: victim.id, role: 'teacher', disabled_at: null },
    ]);
  });

  it('an admin lists, searches, promotes, disables and re-enables users', async () => {
    const admin = await signedInUser(app.db, { role: 'admin' });
    const teacher = await signedInUser(app.db, { role: 'teacher', nameTh: 'ครูค้นหาเจอ', organization: 'วิทยาลัยการอาชีพไชยา' });

    const list = await getPage(app.server, `/admin/users?q=${encodeURIComponent('ไชยา')}`, admin.cookie);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('ครูค้นหาเจอ');
    expect(html).toContain('พบ 1 บัญชี');

    const promoted = await postForm(app.server, '/admin/users?q=x', { intent: 'role', userId: String(teacher.user.id), role: 'expert' }, { cookie: admin.cookie });
    expect(promoted.status).toBe(303);
    expect(promoted.headers.get('location')).toBe('/admin/users?q=x&done=role');
    expect(app.db.$client.prepare('select role from users where id = ?').pluck().get(teacher.user.id)).toBe('expert');
    expect(await (await getPage(app.server, '/account', teacher.cookie)).text()).toContain('ผู้เชี่ยวชาญ');

    const disabled = await postForm(app.server, '/en/admin/users', { intent: 'disable', userId: String(teacher.user.id) }, { cookie: admin.cookie });
    expect(disabled.status).toBe(303);
    // At once: the session they had stops working, and signing in again is refused.
    expect(await isSignedIn(teacher.cookie)).toBe(false);
    const refused = await postForm(app.server, '/login', { email: teacher.user.email, password: teacher.user.password });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('บัญชีนี้ถูกระงับ');
    expect(await (await getPage(app.server, '/admin/users?status=disabled', admin.cookie)).text()).toContain('ครูค้นหาเจอ');

    expect((await postForm(app.server, '/admin/users', { intent: 'enable', userId: String(teacher.user.id) }, { cookie: admin.cookie })).status).toBe(303);
    await signInOverHttp(app.server, teacher.user.email, teacher.user.password);
  });

  it('an admin invites an expert, who sets their own password from the emailed link', async () => {
    const admin = await signedInUser(app.db, { role: 'admin' });
    const invited = await postForm(app.server, '/en/admin/users', { intent: 'invite', email: 'Expert.Invited@Industry.example', nameTh: 'ผู้เชี่ยวชาญรับเชิญ', organization: 'บริษัทตัวอย่าง', role: 'expert' }, { cookie: admin.cookie });
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe('/en/admin/users?done=invite');
    const again = await postForm(app.server, '/admin/users', { intent: 'invite', email: 'expert.invited@industry.example', nameTh: 'ซ้ำ', role: 'expert' }, { cookie: admin.cookie });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('อีเมลนี้มีบัญชีอยู่แล้ว ค้นหาบัญชีนั้นแล้วเปลี่ยนบทบาทแทน');

    const mail = app.db.$client.prepare('select subject, body from mail_outbox where recipient = ?').get('expert.invited@industry.example') as { subject: string; body: string };
    expect(mail.subject).toContain('Your invitation');
    const link = new URL(/https?:\/\/\S+reset-password\?token=\S+/.exec(mail.body)![0]);
    expect(link.pathname).toBe('/en/reset-password');
    const token = link.searchParams.get('token')!;
    const expiresAt = app.db.$client.prepare('select expires_at from password_reset_tokens where id = ?').pluck().get(hashToken(token)) as number;
    expect(Math.abs(expiresAt - (Date.now() + 7 * day))).toBeLessThan(60_000);
    expect((await postForm(app.server, '/en/reset-password', { token, password: 'my own expert phrase' })).status).toBe(303);
    const cookie = await signInOverHttp(app.server, 'expert.invited@industry.example', 'my own expert phrase');
    expect(await (await getPage(app.server, '/account', cookie)).text()).toContain('ผู้เชี่ยวชาญ');
  });

  it('an admin cannot demote or disable themselves', async () => {
    const admin = await signedInUser(app.db, { role: 'admin' });
    const response = await postForm(app.server, '/admin/users', { intent: 'disable', userId: String(admin.user.id) }, { cookie: admin.cookie });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ไม่สามารถเปลี่ยนบทบาทหรือระงับบัญชีของตนเองได้');
    expect(await isSignedIn(admin.cookie)).toBe(true);
  });
});

describe('cross-site requests and bad input', () => {
  it('refuses a form posted from another origin, or with no origin', async () => {
    const admin = await signedInUser(app.db, { role: 'admin' });
    const victim = await insertUser(app.db);
    for (const origin of ['https://evil.example', null]) {
      const response = await postForm(app.server, '/admin/users', { intent: 'disable', userId: String(victim.id) }, { cookie: admin.cookie, origin });
      expect(response.status).toBe(403);
    }
    const signIn = await postForm(app.server, '/login', { email: victim.email, password: victim.password }, { origin: 'https://evil.example' });
    expect(signIn.status).toBe(403);
    expect(sessionCookie(signIn)).toBeNull();
    expect(app.db.$client.prepare('select disabled_at from users where id = ?').pluck().get(victim.id)).toBeNull();
  });

  it('answers over-long and malformed input with 400 and a message, never 500', async () => {
    const cases: [string, FormFields][] = [
      ['/register', { ...registration, email: 'long.name@example.org', nameTh: 'ก'.repeat(5000), fields: 'x' }],
      ['/login', { email: `${'a'.repeat(300)}@example.org`, password: 'p'.repeat(5000) }],
      ['/login', { email: 'not an email', password: '' }],
      ['/forgot-password', { email: '\u0000' }],
      ['/reset-password', { token: 't'.repeat(500), password: 'long enough password' }],
      ['/logout', { intent: 'no-such-intent' }],
      ['/account', { intent: 'no-such-intent' }],
      ['/account', { intent: 'profile', nameTh: 'ชื่อ', fields: Array.from({ length: 11 }, () => 'mice') }],
    ];
    const { cookie } = await signedInUser(app.db);
    for (const [path, fields] of cases) {
      const response = await postForm(app.server, path, fields, path === '/account' ? { cookie } : {});
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toMatch(/class="(error-summary|field-error)"/);
    }
    const huge = await postForm(app.server, '/login', { email: 'a@b.org', password: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const notAForm = await fetch(`${app.server.url}/login`, { method: 'POST', headers: { origin: app.server.url, 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nbroken' });
    expect(notAForm.status).toBe(400);
  });
});
