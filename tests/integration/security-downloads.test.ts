// "Most downloaded" cannot be pumped: a download counts once per person or client address per item per day, only
// when the response starts at byte 0, and never for HEAD. The server trusts X-Forwarded-For here (TRUST_PROXY=1),
// so a test can download from several addresses.
import { describe, expect, it } from 'vitest';
import { signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer({ env: { TRUST_PROXY: '1' } });
const item = 'ebooks/diesel-engine-common-rail-service';
const file = `/download/${item}/diesel-engine-common-rail-service.pdf`;

const get = (headers: Record<string, string>, method = 'GET') =>
  fetch(app.server.url + file, { method, headers, redirect: 'manual' }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

async function counted(): Promise<number> {
  // Counting happens just after the response starts; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return app.db.$client.prepare('select coalesce(sum(count), 0) from download_counts where item_key = ?').pluck().get(item) as number;
}

describe('download counting', () => {
  it('counts one address once a day however often it downloads, probes ranges or asks HEAD', async () => {
    const address = { 'x-forwarded-for': '192.0.2.10' };
    const before = await counted();
    expect(await get(address, 'HEAD')).toBe(200);
    expect(await counted()).toBe(before);
    for (let i = 0; i < 20; i++) expect(await get({ ...address, Range: 'bytes=0-0' })).toBe(206);
    expect(await get(address)).toBe(200);
    expect(await get(address)).toBe(200);
    expect(await get({ ...address, Range: 'bytes=5-' })).toBe(206);
    expect(await counted()).toBe(before + 1);
    // No address is stored, only a hash of it with the day.
    const viewers = app.db.$client.prepare('select viewer from download_viewers where item_key = ?').pluck().all(item) as string[];
    expect(viewers.join(' ')).not.toContain('192.0.2.10');
  });

  it('counts different addresses and different people separately', async () => {
    const before = await counted();
    expect(await get({ 'x-forwarded-for': '192.0.2.11' })).toBe(200);
    expect(await get({ 'x-forwarded-for': '192.0.2.12' })).toBe(200);
    const { user, cookie } = await signedInUser(app.db, { role: 'teacher' });
    // A signed-in person counts as themselves wherever they are.
    expect(await get({ cookie, 'x-forwarded-for': '192.0.2.11' })).toBe(200);
    expect(await get({ cookie, 'x-forwarded-for': '192.0.2.13' })).toBe(200);
    expect(await counted()).toBe(before + 3);
    const history = app.db.$client.prepare('select count(*) from user_downloads where user_id = ?').pluck().get(user.id);
    expect(history).toBe(1);
  });
});
