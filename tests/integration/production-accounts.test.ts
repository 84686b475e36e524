// NODE_ENV=production: secure cookies, no demo users (neither created nor accepted), the first admin from
// ADMIN_EMAIL/ADMIN_PASSWORD, and no reset links in the log.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../db/seed.ts';
import { getPage, openServerDb, postForm, sessionCookie, signedInUser, signInOverHttp, waitForMail } from '../helpers/accounts.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const dir = tempDir('ic-production-');
const databasePath = join(dir.path, 'production.db');
const admin = { ADMIN_EMAIL: 'Director@CVM.example', ADMIN_PASSWORD: 'the first admin of the center' };
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ databasePath, env: { NODE_ENV: 'production', SITE_URL: 'https://center.example.ac.th', ...admin } });
});
afterAll(async () => {
  await server?.stop();
  dir.remove();
});

describe('in production', () => {
  it('creates the admin from the environment and no demo users', async () => {
    expect(server.output()).toContain('created admin director@cvm.example');
    expect(server.output()).not.toContain('demo users');
    const db = openServerDb(server);
    expect(db.$client.prepare('select email, role from users').all()).toEqual([{ email: 'director@cvm.example', role: 'admin' }]);
    db.$client.close();
  });

  it('marks the session cookie Secure', async () => {
    const response = await postForm(server, '/login', { email: 'director@cvm.example', password: admin.ADMIN_PASSWORD });
    expect(response.status).toBe(303);
    const cookie = sessionCookie(response)!;
    expect(cookie.attributes.secure).toBe(true);
    expect(cookie.attributes.httponly).toBe(true);
    expect(cookie.attributes.samesite).toBe('Lax');
  });

  it('refuses demo users that exist anyway, at sign-in and with a session', async () => {
    const db = openServerDb(server);
    const demo = demoUsers[0];
    const planted = await signedInUser(db, { ...demo, email: 'planted.demo@demo.example', demo: true });
    db.$client.close();
    const response = await postForm(server, '/login', { email: 'planted.demo@demo.example', password: demo.password });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('อีเมลหรือรหัสผ่านไม่ถูกต้อง');
    expect((await getPage(server, '/account', planted.cookie)).status).toBe(303);
  });

  it('keeps reset links out of the log', async () => {
    await postForm(server, '/forgot-password', { email: 'director@cvm.example' });
    const db = openServerDb(server);
    await waitForMail(db, 'director@cvm.example', 'ตั้งรหัสผ่านใหม่');
    expect(db.$client.prepare('select count(*) from mail_outbox').pluck().get()).toBe(1);
    db.$client.close();
    expect(server.output()).not.toContain('[mail]');
  });

  it('does not touch the admin on the next start, even with another ADMIN_PASSWORD', async () => {
    await server.stop();
    server = await startServer({ databasePath, env: { NODE_ENV: 'production', SITE_URL: 'https://center.example.ac.th', ...admin, ADMIN_PASSWORD: 'another password entirely' } });
    expect(server.output()).toContain('has an account already');
    await signInOverHttp(server, 'director@cvm.example', admin.ADMIN_PASSWORD);
  });

  it('stops at start when ADMIN_PASSWORD breaks the password rules, or only one of the two is set', async () => {
    await expect(startServer({ env: { NODE_ENV: 'production', SITE_URL: 'https://center.example.ac.th', ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'password1' } })).rejects.toThrow(
      /ADMIN_EMAIL\/ADMIN_PASSWORD: the password is too common/,
    );
    await expect(startServer({ env: { NODE_ENV: 'production', SITE_URL: 'https://center.example.ac.th', ADMIN_EMAIL: 'a@b.example' } })).rejects.toThrow(/Set both ADMIN_EMAIL and ADMIN_PASSWORD/);
  });
});
