// The whole-page cache (src/server/http/page-cache.ts, decision 024): anonymous catalog pages are rendered once per
// data version and sent from memory after; a signed-in visitor, an admin's save, an error, a cookie being set or a
// POST never lets one visitor's answer reach another or a stale page out.
import { createServer, request, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageCache } from '../../src/server/http/page-cache.ts';
import { createSiteServer } from '../../src/server/http/site-server.ts';
import { signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();

/** Access lines of the server so far. */
const accessLines = () =>
  app.server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"time"') && line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as { requestId: string; cache?: string; status: number });

async function servedFromCache(response: Response): Promise<boolean> {
  const id = response.headers.get('x-request-id');
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = accessLines().find((l) => l.requestId === id);
    if (line) return line.cache === 'hit';
    if (Date.now() > deadline) throw new Error(`no access line for ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The raw bytes of an answer in one encoding, decoded here (fetch would decode by itself and hide the encoding). */
function rawGet(path: string, acceptEncoding: string): Promise<{ status: number; encoding?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${app.server.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode!, encoding, body: body.toString('utf8') });
      });
    })
      .on('error', reject)
      .end();
  });
}

/** Ask until an anonymous answer comes from the cache (the first render is stored once compressed). */
async function cachedAnswer(path: string): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const response = await fetch(app.server.url + path);
    if (await servedFromCache(response)) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} never came from the cache`);
}

describe('anonymous catalog pages from the cache', () => {
  it('sends the same bytes as the rendered page, in brotli, gzip or none', async () => {
    const rendered = await fetch(`${app.server.url}/fields/electrical-technology`);
    const html = await rendered.text();
    expect(await servedFromCache(rendered)).toBe(false);
    const hit = await cachedAnswer('/fields/electrical-technology');
    expect(await hit.text()).toBe(html);
    expect(hit.headers.get('content-security-policy')).toBe(rendered.headers.get('content-security-policy'));
    expect(hit.headers.get('x-request-id')).not.toBe(rendered.headers.get('x-request-id'));
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', undefined], ['br;q=0, gzip', 'gzip']] as const) {
      const answer = await rawGet('/fields/electrical-technology', accept);
      expect(answer.encoding).toBe(encoding);
      expect(answer.body).toBe(html);
    }
  });

  it("never serves a signed-in visitor's page to anyone, nor the cached page to a signed-in visitor", async () => {
    await cachedAnswer('/');
    const { cookie, user } = await signedInUser(app.db, { nameTh: 'ผู้เรียนแคชหน้า', nameEn: 'Page Cache Learner' });
    for (let i = 0; i < 2; i++) {
      const mine = await fetch(`${app.server.url}/`, { headers: { cookie } });
      expect(await servedFromCache(mine)).toBe(false);
      expect(await mine.text()).toContain(user.nameTh);
      expect(mine.headers.get('cache-control')).toContain('no-store');
    }
    const anonymous = await cachedAnswer('/');
    expect(await anonymous.text()).not.toContain(user.nameTh);
    // Any cookie at all, even one that signs no one in, is served as always.
    const stranger = await fetch(`${app.server.url}/`, { headers: { cookie: 'session=not-a-session' } });
    expect(await servedFromCache(stranger)).toBe(false);
  });

  it("gives out an item's new title at once after an admin saves it", async () => {
    const path = '/library/ebooks/hotel-front-office-operations';
    const before = await (await cachedAnswer(path)).text();
    expect(before).not.toContain('ฉบับแก้ไขล่าสุดของแคช');
    const { cookie } = await signedInUser(app.db, { role: 'admin' });
    const form = new FormData();
    const fields = {
      titleTh: 'งานบริการส่วนหน้า ฉบับแก้ไขล่าสุดของแคช',
      titleEn: 'Front Office, the edition after the cache',
      authors: 'นายสุริยา แสงดี',
      summary: 'งานบริการส่วนหน้าของโรงแรม',
      levels: 'hvc',
      language: 'th',
      publisher: 'วิทยาลัยเทคนิคชัยภูมิ',
      year: '2569',
      licence: 'CC BY-NC-SA 4.0',
      keywords: 'โรงแรม',
      fields: 'hotel-management',
      published: '2026-11-01',
      body: 'เนื้อหา',
      keepFile: 'files/demo/hotel-front-office-operations.pdf',
      intent: 'save',
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const saved = await fetch(`${app.server.url}/admin/items/ebooks/hotel-front-office-operations`, { method: 'POST', body: form, headers: { cookie, origin: app.server.url }, redirect: 'manual' });
    expect(saved.status).toBe(303);
    const after = await fetch(app.server.url + path);
    expect(await servedFromCache(after)).toBe(false);
    expect(await after.text()).toContain('ฉบับแก้ไขล่าสุดของแคช');
    expect(await (await cachedAnswer(path)).text()).toContain('ฉบับแก้ไขล่าสุดของแคช');
  });

  it('keeps no error page and no page outside the listed ones (search, which logs each query)', async () => {
    for (const path of ['/fields/no-such-field', '/search?q=PLC']) {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(app.server.url + path);
        await response.arrayBuffer();
        expect(await servedFromCache(response)).toBe(false);
      }
    }
  });
});

describe('the cache in front of any handler', () => {
  let server: Server;
  let url = '';
  let rendered = 0;
  beforeAll(async () => {
    const page = '<!doctype html><title>t</title>' + 'x'.repeat(2000);
    server = createSiteServer(
      async (req, res) => {
        rendered++;
        const path = req.url!.split('?')[0];
        if (path === '/library/slow') await new Promise((resolve) => setTimeout(resolve, 200));
        const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
        if (path === '/library/sets-cookie') headers['set-cookie'] = 'visitor=1; Path=/';
        if (path === '/library/private') headers['cache-control'] = 'private, no-store';
        res.writeHead(path === '/library/fails' ? 500 : 200, headers);
        res.end(`${page}${req.method}`);
      },
      { pageCache: createPageCache({ version: () => '1' }) },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** How many times the handler ran for `count` requests, a moment apart (the store happens after compressing). */
  async function renders(path: string, count: number, init: RequestInit = {}): Promise<number> {
    const before = rendered;
    for (let i = 0; i < count; i++) {
      await (await fetch(url + path, init)).arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return rendered - before;
  }

  it('renders a plain page once', async () => {
    expect(await renders('/library/plain', 3)).toBe(1);
  });

  it('renders a page once for a burst of visitors asking at the same moment', async () => {
    const before = rendered;
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${url}/library/slow`).then((r) => r.text())));
    expect(rendered - before).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('never keeps an answer that sets a cookie, an error, a private answer, or a POST', async () => {
    expect(await renders('/library/sets-cookie', 3)).toBe(3);
    expect(await renders('/library/fails', 3)).toBe(3);
    expect(await renders('/library/private', 3)).toBe(3);
    expect(await renders('/library/posted', 3, { method: 'POST', body: 'a=1' })).toBe(3);
    // A GET after those POSTs is rendered: no POST answer was kept for it.
    const answer = await fetch(`${url}/library/posted`);
    expect(await answer.text()).toMatch(/GET$/);
  });
});

describe('a page past its age', () => {
  it('is rendered again by one request while the others still get it as it was', async () => {
    let rendered = 0;
    const server = createSiteServer(
      async (_req, res) => {
        rendered++;
        const n = rendered;
        await new Promise((resolve) => setTimeout(resolve, 100));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>t</title>render ${n} ${'x'.repeat(2000)}`);
      },
      { pageCache: createPageCache({ version: () => '1', maxAgeMs: 300 }) },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/library`;
    try {
      // Until one answer comes without a render: the page is stored (compressing it takes a moment on a busy machine).
      for (let before = -1; before !== rendered; ) {
        before = rendered;
        await (await fetch(url)).text();
      }
      const first = rendered;
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Past its age: the first of these renders it again; the rest are given the stored page meanwhile, not a render each.
      const burst = await Promise.all(Array.from({ length: 5 }, () => fetch(url).then((r) => r.text())));
      expect(rendered).toBe(first + 1);
      for (const page of burst) expect(page).toMatch(new RegExp(`render (${first}|${first + 1}) `));
      expect(burst.filter((page) => page.includes(`render ${first + 1} `)).length).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 50 && !(await (await fetch(url)).text()).includes(`render ${first + 1} `); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await (await fetch(url)).text()).toContain(`render ${first + 1} `);
      expect(rendered).toBe(first + 1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
