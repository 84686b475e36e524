// Sign-in throttling over HTTP: per account from one address, per address, and per account from everywhere,
// counted in SQLite so a restart keeps it, and reserved before the password is checked so that concurrent
// guesses cannot get past the limit. The server trusts X-Forwarded-For here (TRUST_PROXY=1), so a test can
// speak from several addresses.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccountAtAddressRule, signInAccountRule, signInAddressRule } from '../../src/server/auth/throttle.ts';
import { insertUser, openServerDb, postForm, sessionCookie } from '../helpers/accounts.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const dir = tempDir('ic-throttle-');
const databasePath = join(dir.path, 'throttle.db');
const env = { TRUST_PROXY: '1' };
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ databasePath, env });
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

let addressCount = 0;
/** A client address of its own for each test, so one test's attempts do not count against another's. */
const newAddress = () => `198.51.100.${++addressCount}`;
const signIn = (path: string, email: string, password: string, address: string) =>
  postForm(server, path, { email, password }, { headers: { 'x-forwarded-for': address } });

describe('sign-in throttling', () => {
  it(`answers the attempt after ${signInAccountAtAddressRule.limit} failures on one account with 429 and Retry-After, also after a restart`, async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 1; i <= signInAccountAtAddressRule.limit; i++) {
      expect((await signIn('/login', user.email, `wrong guess ${i}`, address)).status).toBe(400);
    }
    const blocked = await signIn('/login', user.email, user.password, address);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(signInAccountAtAddressRule.windowMs / 1000);
    expect(await blocked.text()).toContain('ลองเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป');
    expect(sessionCookie(blocked)).toBeNull(); // even the right password waits

    await server.stop();
    server = await startServer({ databasePath, env });
    const afterRestart = await signIn('/en/login', user.email, user.password, address);
    expect(afterRestart.status).toBe(429);
    expect(Number(afterRestart.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await afterRestart.text()).toContain('Too many failed attempts');

    // Another account from the same address is not locked by someone else's failures,
    const other = await newUser();
    expect((await signIn('/login', other.email, other.password, address)).status).toBe(303);
    // nor is the owner signing in from elsewhere.
    expect((await signIn('/login', user.email, user.password, newAddress())).status).toBe(303);
  });

  it('checks no more passwords than the limit when 40 guesses arrive at once', async () => {
    const user = await newUser();
    const address = newAddress();
    const guesses = Array.from({ length: 40 }, (_, i) => signIn('/login', user.email, `concurrent guess ${i}`, address));
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    // 400 means the password was checked and wrong; 429 that it was refused before any check.
    expect(statuses.filter((s) => s === 400)).toHaveLength(signInAccountAtAddressRule.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - signInAccountAtAddressRule.limit);
    expect((await signIn('/login', user.email, user.password, address)).status).toBe(429);
    const db = openServerDb(server);
    const counter = db.$client
      .prepare('select failures from throttle_counters where key = ?')
      .get(`sign-in-account-address:${user.email}|${address}`) as { failures: number };
    db.$client.close();
    expect(counter.failures).toBe(signInAccountAtAddressRule.limit);
  });

  it('lets the window pass: once the counter is old, the account may try again', async () => {
    const user = await newUser();
    const address = newAddress();
    for (let i = 0; i < signInAccountAtAddressRule.limit; i++) await signIn('/login', user.email, 'wrong guess', address);
    expect((await signIn('/login', user.email, user.password, address)).status).toBe(429);
    const db = openServerDb(server);
    db.$client
      .prepare('update throttle_counters set window_started_at = ? where key = ?')
      .run(Date.now() - signInAccountAtAddressRule.windowMs - 1, `sign-in-account-address:${user.email}|${address}`);
    db.$client.close();
    expect((await signIn('/login', user.email, user.password, address)).status).toBe(303);
  });

  it(`stops guesses at one account spread over many addresses after ${signInAccountRule.limit}`, async () => {
    const user = await newUser();
    const perAddress = signInAccountAtAddressRule.limit;
    for (let done = 0; done < signInAccountRule.limit; ) {
      const address = newAddress();
      for (let i = 0; i < perAddress && done < signInAccountRule.limit; i++, done++) {
        expect((await signIn('/login', user.email, `spread guess ${done}`, address)).status).toBe(400);
      }
    }
    expect((await signIn('/login', user.email, user.password, newAddress())).status).toBe(429);
  });

  it(`answers 429 to one address after ${signInAddressRule.limit} failures spread over many accounts`, async () => {
    const address = newAddress();
    for (let i = 0; i < signInAddressRule.limit; i++) {
      const response = await signIn('/login', `spray-${i}@example.org`, 'Winter2026!', address);
      expect(response.status).toBe(400);
    }
    const user = await newUser();
    const blocked = await signIn('/login', user.email, user.password, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
