// Two app processes on one database file, as two instances behind one proxy would run (docs/decisions/
// 015-several-app-instances.md): sessions, sign-in throttles, catalog caches and the indexing queue hold across both.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { signInAccountAtAddressRule } from '../../src/server/auth/throttle.ts';
import { getPage, insertUser, postForm, signedInUser, signInOverHttp } from '../helpers/accounts.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const dir = tempDir('ic-two-instances-');
const databasePath = join(dir.path, 'shared.db');
const env = { TRUST_PROXY: '1', UPLOADS_DIR: join(dir.path, 'uploads') };
let a: RunningServer;
let b: RunningServer;
let db: Db;
beforeAll(async () => {
  // One after the other: the first migrates and prepares the file, the second finds it ready.
  a = await startServer({ databasePath, env });
  b = await startServer({ databasePath, env });
  db = openDatabase(databasePath);
}, 180_000);
afterAll(async () => {
  db?.$client.close();
  await a?.stop();
  await b?.stop();
  dir.remove();
});

const ebook = {
  authors: 'นายสุริยา แสงดี',
  summary: 'งานบริการส่วนหน้าของโรงแรม',
  levels: ['hvc'],
  language: 'th',
  publisher: 'วิทยาลัยเทคนิคชัยภูมิ',
  year: '2569',
  licence: 'CC BY-NC-SA 4.0',
  keywords: 'โรงแรม',
  fields: ['hotel-management'],
  published: '2026-11-01',
  body: 'เนื้อหา',
  // The e-book keeps its file (an e-book without one is refused).
  keepFile: 'files/demo/hotel-front-office-operations.pdf',
  intent: 'save',
};

function editOn(server: RunningServer, cookie: string, titleTh: string, titleEn: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...ebook, titleTh, titleEn })) for (const v of [value].flat()) form.append(name, v);
  return fetch(`${server.url}/admin/items/ebooks/hotel-front-office-operations`, { method: 'POST', body: form, headers: { cookie, origin: server.url }, redirect: 'manual' });
}

async function waitFor(check: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two app processes on one database file', () => {
  it('are two processes', () => {
    expect(a.pid).not.toBe(b.pid);
  });

  it('accept on one a session created on the other, and end it on both at sign-out', async () => {
    const user = await insertUser(db, { role: 'teacher', email: 'two-instances@example.ac.th', password: 'two-instances-2569' });
    const cookie = await signInOverHttp(a, user.email, 'two-instances-2569');
    const onB = await getPage(b, '/account', cookie);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('two-instances@example.ac.th');
    expect((await postForm(b, '/logout', { intent: 'sign-out' }, { cookie })).status).toBe(303);
    const afterSignOut = await getPage(a, '/account', cookie);
    expect(afterSignOut.status).toBe(303);
    expect(afterSignOut.headers.get('location')).toMatch(/^\/login/);
  });

  it('count failed sign-ins from both toward one limit', async () => {
    const user = await insertUser(db, { role: 'student', email: 'two-throttle@example.ac.th' });
    const address = '203.0.113.77';
    const attempt = (server: RunningServer, password: string) => postForm(server, '/login', { email: user.email, password }, { headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < signInAccountAtAddressRule.limit; i++) {
      expect((await attempt(i % 2 === 0 ? a : b, `wrong guess ${i}`)).status).toBe(400);
    }
    // Half the failures went to each process; the limit is reached on both, even for the right password.
    expect((await attempt(a, user.password)).status).toBe(429);
    expect((await attempt(b, user.password)).status).toBe(429);
  });

  it('show an admin’s edit made on one at once on the other, whose caches were warm', async () => {
    const { cookie } = await signedInUser(db, { role: 'admin', email: 'two-admin@example.ac.th' });
    // Warm B's caches (counts and parsed items are kept per catalog version).
    expect(await (await getPage(b, '/library/ebooks/hotel-front-office-operations')).text()).toContain('งานบริการส่วนหน้า');
    const before = await (await getPage(b, '/fields/hotel-management')).text();
    expect(before).not.toContain('ฉบับสองเครื่อง');

    expect((await editOn(a, cookie, 'งานบริการส่วนหน้า ฉบับสองเครื่อง', 'Front Office, Two Instances Edition')).status).toBe(303);
    expect(await (await getPage(b, '/library/ebooks/hotel-front-office-operations')).text()).toContain('งานบริการส่วนหน้า ฉบับสองเครื่อง');
    expect(await (await getPage(b, '/fields/hotel-management')).text()).toContain('ฉบับสองเครื่อง');
  });

  it('index an item edited on each in turn once, as its last edit says', async () => {
    const { cookie } = await signedInUser(db, { role: 'admin', email: 'two-indexer@example.ac.th' });
    // Two edits within one queue delay (300 ms), on different processes: each queue writes its own version.
    expect((await editOn(a, cookie, 'งานบริการส่วนหน้า รุ่นเครื่องเอ', 'Front Office Zanzibar')).status).toBe(303);
    expect((await editOn(b, cookie, 'งานบริการส่วนหน้า รุ่นเครื่องบี', 'Front Office Quetzal')).status).toBe(303);
    const indexed = db.$client.prepare("select doc from search_documents where id = 'ebooks/hotel-front-office-operations'");
    await waitFor(() => (indexed.all() as { doc: string }[]).some((r) => r.doc.includes('Quetzal')), 'the second edit in the index');
    // Give a late write from the first process's queue the chance to overwrite it, if it were going to.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rows = indexed.all() as { doc: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.doc).toContain('Quetzal');
    expect(rows[0]!.doc).not.toContain('Zanzibar');
    for (const server of [a, b]) {
      const found = await (await getPage(server, `/en/search?q=${encodeURIComponent('Quetzal')}`)).text();
      expect(found.match(/href="\/en\/library\/ebooks\/hotel-front-office-operations"/g) ?? []).toHaveLength(1);
      const stale = await (await getPage(server, `/en/search?q=${encodeURIComponent('Zanzibar')}`)).text();
      expect(stale).not.toContain('/library/ebooks/hotel-front-office-operations');
    }
  });
});
