// What a college's IT staff watch and rely on: liveness and readiness probes, one JSON log line per request with its
// id, and a SIGTERM that lets requests in flight finish and writes the indexing queue out before the process leaves.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { getPage, signedInUser, signInOverHttp, insertUser } from '../helpers/accounts.ts';
import { startMeilisearch, type RunningMeilisearch } from '../helpers/meilisearch.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

/** The JSON lines a server wrote, parsed; other lines (the launcher's plain messages) are left out. */
function logLines(server: RunningServer): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitForLog(server: RunningServer, match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = logLines(server).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such log line in:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('probes, logs and request ids (behind a trusted proxy)', () => {
  const app = useServer({ env: { TRUST_PROXY: '1' } });

  it('/healthz answers ok as JSON without being cached', async () => {
    const response = await getPage(app.server, '/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports the database writable and the embedded search engine', async () => {
    const response = await getPage(app.server, '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { database: { status: 'ok' }, search: { status: 'ok', engine: 'sqlite' } },
    });
  });

  it('/readyz answers 503 while another connection holds the database write lock', async () => {
    const holder = openDatabase(app.server.databasePath).$client;
    holder.exec('BEGIN IMMEDIATE');
    try {
      const response = await getPage(app.server, '/readyz');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: { database: { status: string; reason: string } } };
      expect(body.status).toBe('not-ready');
      expect(body.checks.database.status).toBe('failing');
      expect(body.checks.database.reason).toMatch(/locked|busy/i);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await getPage(app.server, '/readyz')).status).toBe(200);
  });

  it('keeps the probes out of the sitemap and away from crawlers, open to anyone', async () => {
    const robots = await (await getPage(app.server, '/robots.txt')).text();
    expect(robots).toContain('Disallow: /healthz');
    expect(robots).toContain('Disallow: /readyz');
    const sitemap = await (await getPage(app.server, '/sitemap.xml')).text();
    expect(sitemap).not.toMatch(/healthz|readyz/);
    // A signed-in person of any role gets the same answer as a probe with no cookie.
    const { cookie } = await signedInUser(app.db, { role: 'student', email: 'probe-student@example.ac.th' });
    expect((await getPage(app.server, '/healthz', cookie)).status).toBe(200);
  });

  it('writes one JSON line per request with its id, and the proxy’s id is kept when the proxy is trusted', async () => {
    const fromProxy = 'edge-7f3a9c.42';
    const response = await fetch(`${app.server.url}/library?type=ebooks&token=secret-value`, { headers: { 'x-request-id': fromProxy } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(fromProxy);
    const line = await waitForLog(app.server, (l) => l.msg === 'request' && l.requestId === fromProxy);
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/library', status: 200 });
    expect(typeof line.time).toBe('string');
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line).not.toHaveProperty('userId');
    // The query (where reset and confirmation tokens travel) is never logged.
    expect(app.server.output()).not.toContain('secret-value');

    // An id that could forge log lines is replaced by one of the server's own.
    const forged = await fetch(`${app.server.url}/healthz`, { headers: { 'x-request-id': 'a b"\\' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the signed-in user, and never logs a password', async () => {
    const password = 'log-check-Pa55word-9931';
    const user = await insertUser(app.db, { role: 'teacher', email: 'log-teacher@example.ac.th', password });
    const cookie = await signInOverHttp(app.server, 'log-teacher@example.ac.th', password);
    const response = await getPage(app.server, '/account', cookie);
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id')!;
    const line = await waitForLog(app.server, (l) => l.requestId === id);
    expect(line).toMatchObject({ path: '/account', status: 200, userId: user.id });
    const signIn = await waitForLog(app.server, (l) => l.path === '/login' && l.method === 'POST');
    expect(signIn.status).toBe(303);
    expect(app.server.output()).not.toContain(password);
    expect(app.server.output()).not.toContain(cookie.slice('session='.length));
  });
});

describe('readiness with Meilisearch, and request ids from an untrusted client', () => {
  let meilisearch: RunningMeilisearch;
  let server: RunningServer;
  beforeAll(async () => {
    meilisearch = await startMeilisearch();
    server = await startServer({ env: { MEILISEARCH_URL: meilisearch.url, MEILISEARCH_KEY: meilisearch.key } });
  });
  afterAll(async () => {
    await server?.stop();
    await meilisearch?.stop();
  });

  it('is ready with Meilisearch up, and ready but degraded with it stopped', async () => {
    const up = await getPage(server, '/readyz');
    expect(up.status).toBe(200);
    expect(((await up.json()) as { checks: { search: unknown } }).checks.search).toEqual({ status: 'ok', engine: 'meilisearch' });

    await meilisearch.stop();
    const down = await getPage(server, '/readyz');
    expect(down.status).toBe(200);
    const body = (await down.json()) as { status: string; checks: { search: { status: string; engine: string; reason: string } } };
    expect(body.status).toBe('ready');
    expect(body.checks.search).toMatchObject({ status: 'degraded', engine: 'meilisearch' });
    expect(body.checks.search.reason).toMatch(/embedded index/);
  });

  it('replaces a client’s X-Request-Id when no proxy is trusted', async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'chosen-by-client' } });
    expect(response.headers.get('x-request-id')).not.toBe('chosen-by-client');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('graceful shutdown', () => {
  it('finishes a slow admin save in flight when SIGTERM arrives, then writes its search change and counted searches before leaving', async () => {
    const server = await startServer();
    const db = openDatabase(server.databasePath);
    try {
      const { cookie } = await signedInUser(db, { role: 'admin', email: 'shutdown-admin@example.ac.th' });
      const form = new FormData();
      const fields: Record<string, string> = {
        titleTh: 'คู่มือการปิดระบบอย่างนุ่มนวล',
        titleEn: 'Graceful Shutdown Handbook',
        authors: 'นายปิด ระบบดี',
        summary: 'บันทึกที่ส่งมาระหว่างที่เซิร์ฟเวอร์กำลังปิดตัว',
        levels: 'hvc',
        language: 'th',
        publisher: 'วิทยาลัยเทคนิคชัยภูมิ',
        year: '2569',
        licence: 'CC BY-NC-SA 4.0',
        keywords: 'ปิดระบบ',
        fields: 'renewable-energy-technology',
        published: '2026-11-01',
        body: 'เนื้อหา',
        intent: 'save',
      };
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('upload', new Blob([`%PDF-1.4\n${'ปิดระบบ '.repeat(300)}\n%%EOF\n`], { type: 'application/pdf' }), 'shutdown.pdf');
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());

      const answer = new Promise<{ status: number; location?: string }>((resolve, reject) => {
        const req = request(`${server.url}/admin/items/new?type=ebooks`, {
          method: 'POST',
          headers: { cookie, origin: server.url, 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }));
        });
        req.on('error', reject);
        // Half the body now; SIGTERM arrives while the server waits for the rest.
        req.write(body.subarray(0, body.length >> 1));
        setTimeout(async () => {
          // A search just before: its search-log row waits for the next quarter-second batch when SIGTERM arrives.
          const searched = await fetch(`${server.url}/search?q=${encodeURIComponent('นุ่มนวลสุดขีด')}`).catch(reject);
          await searched?.arrayBuffer();
          process.kill(server.pid, 'SIGTERM');
          setTimeout(() => req.end(body.subarray(body.length >> 1)), 1500);
        }, 300);
      });

      const answered = await answer;
      expect(answered).toEqual({ status: 303, location: '/admin/items/ebooks/graceful-shutdown-handbook?done=saved' });
      expect(await server.exited).toBe(0);
      // A new connection after the shutdown is refused.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

      const saved = db.$client.prepare("select count(*) as n from catalog_items where slug = 'graceful-shutdown-handbook'").get() as { n: number };
      expect(saved.n).toBe(1);
      // The indexing queue waits 300 ms before writing; the shutdown flushed it rather than dropping it.
      const indexed = db.$client.prepare("select count(*) as n from search_documents where id = 'ebooks/graceful-shutdown-handbook'").get() as { n: number };
      expect(indexed.n).toBe(1);
      const counted = db.$client.prepare("select count(*) as n from search_log where query = 'นุ่มนวลสุดขีด'").get() as { n: number };
      expect(counted.n).toBe(1);
      const lines = server.output();
      expect(lines).toContain('"msg":"shutting down: finishing requests in flight"');
      expect(lines).toContain('"msg":"shut down"');
    } finally {
      db.$client.close();
      await server.stop();
    }
    // It starts its own server (up to a minute on a busy 2-core machine) before the 2 s of the shutdown itself.
  }, 120_000);
});
