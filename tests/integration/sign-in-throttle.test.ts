// Sign-in throttling over HTTP: per account and per client address, counted in SQLite so a restart keeps it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccountRule, signInAddressRule } from '../../src/server/auth/throttle.ts';
import { insertUser, openServerDb, postForm, sessionCookie } from '../helpers/accounts.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const dir = tempDir('ic-throttle-');
const databasePath = join(dir.path, 'throttle.db');
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ databasePath });
});
afterAll(async () => {
  await server?.stop();
  dir.remove();
});

async function newUser() {
  const db = openServerDb(server);
  const user = await insertUser(db);
  db.$client.close();
  return user;
}

describe('sign-in throttling', () => {
  it(`answers the attempt after ${signInAccountRule.limit} failures on one account with 429 and Retry-After, also after a restart`, async () => {
    const user = await newUser();
    for (let i = 1; i <= signInAccountRule.limit; i++) {
      expect((await postForm(server, '/login', { email: user.email, password: `wrong guess ${i}` })).status).toBe(400);
    }
    const blocked = await postForm(server, '/login', { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(signInAccountRule.windowMs / 1000);
    expect(await blocked.text()).toContain('ลองเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป');
    expect(sessionCookie(blocked)).toBeNull(); // even the right password waits

    await server.stop();
    server = await startServer({ databasePath });
    const afterRestart = await postForm(server, '/en/login', { email: user.email, password: user.password });
    expect(afterRestart.status).toBe(429);
    expect(Number(afterRestart.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await afterRestart.text()).toContain('Too many failed attempts');

    // Another account from the same address is not locked by someone else's failures.
    const other = await newUser();
    expect((await postForm(server, '/login', { email: other.email, password: other.password })).status).toBe(303);
  });

  it('lets the window pass: once the counter is old, the account may try again', async () => {
    const user = await newUser();
    for (let i = 0; i < signInAccountRule.limit; i++) await postForm(server, '/login', { email: user.email, password: 'wrong guess' });
    expect((await postForm(server, '/login', { email: user.email, password: user.password })).status).toBe(429);
    const db = openServerDb(server);
    db.$client
      .prepare('update throttle_counters set window_started_at = ? where key = ?')
      .run(Date.now() - signInAccountRule.windowMs - 1, `sign-in-account:${user.email}`);
    db.$client.close();
    expect((await postForm(server, '/login', { email: user.email, password: user.password })).status).toBe(303);
  });

  it(`answers 429 to one address after ${signInAddressRule.limit} failures spread over many accounts`, async () => {
    const db = openServerDb(server);
    db.$client.prepare("delete from throttle_counters where key like 'sign-in-address:%'").run();
    db.$client.close();
    for (let i = 0; i < signInAddressRule.limit; i++) {
      const response = await postForm(server, '/login', { email: `spray-${i}@example.org`, password: 'Winter2026!' });
      expect(response.status).toBe(400);
    }
    const user = await newUser();
    const blocked = await postForm(server, '/login', { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
