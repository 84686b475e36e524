// Absolute links never follow a request's Host header (a forged one put the attacker's address into reset
// mails), production needs SITE_URL, and behind an HTTPS proxy forms post from the proxy's origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../db/seed.ts';
import { openServerDb, postForm, waitForMail } from '../helpers/accounts.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const evil = 'evil.example';
const forged = { host: evil, origin: `http://${evil}`, 'x-forwarded-host': evil, 'x-forwarded-proto': 'https' };

describe('without SITE_URL outside production', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('puts the configured address, not the Host header, into the reset link', async () => {
    const victim = demoUsers.find((u) => u.role === 'teacher')!.email;
    const response = await rawRequest(`${server.url}/forgot-password`, {
      method: 'POST',
      headers: { ...forged, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: victim }).toString(),
    });
    expect(response.status).toBe(303);
    const db = openServerDb(server);
    const { body } = await waitForMail(db, victim, 'ตั้งรหัสผ่านใหม่');
    db.$client.close();
    expect(body).toContain(`${server.url}/reset-password?token=`);
    expect(body).not.toContain(evil);
  });

  it('makes sitemap, robots, feeds, OAI-PMH, og:url, canonical and JSON-LD links from the configured address', async () => {
    for (const path of ['/sitemap.xml', '/robots.txt', '/feed.xml', '/fields/mechanical-technology/feed.xml', '/oai?verb=Identify', '/', '/library/ebooks/diesel-engine-common-rail-service']) {
      const response = await rawRequest(server.url + path, { headers: forged });
      expect(response.status, path).toBe(200);
      expect(response.body, path).not.toContain(evil);
      expect(response.body, path).toContain(server.url);
    }
  });
});

describe('in production', () => {
  it('refuses to start without SITE_URL, naming it', async () => {
    await expect(startServer({ env: { NODE_ENV: 'production' } })).rejects.toThrow(/SITE_URL: required when NODE_ENV=production/);
  });
});

describe('behind an HTTPS reverse proxy', () => {
  const site = 'https://center.example.ac.th';
  let withSiteUrl: RunningServer;
  let trusting: RunningServer;
  let untrusting: RunningServer;
  beforeAll(async () => {
    [withSiteUrl, trusting, untrusting] = await Promise.all([
      startServer({ env: { SITE_URL: site } }),
      startServer({ env: { TRUST_PROXY: '1' } }),
      startServer(),
    ]);
  });
  afterAll(() => Promise.all([withSiteUrl?.stop(), trusting?.stop(), untrusting?.stop()]));

  const demo = demoUsers.find((u) => u.role === 'student')!;
  const proxyHeaders = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'center.example.ac.th', 'x-forwarded-for': '203.0.113.7' };

  it("accepts form posts carrying SITE_URL's origin and refuses the app's own http origin", async () => {
    const accepted = await postForm(withSiteUrl, '/login', { email: demo.email, password: demo.password }, { origin: site, headers: proxyHeaders });
    expect(accepted.status).toBe(303);
    const refused = await postForm(withSiteUrl, '/login', { email: demo.email, password: demo.password }, { origin: withSiteUrl.url });
    expect(refused.status).toBe(403);
  });

  it('believes X-Forwarded-Proto and -Host only with TRUST_PROXY=1', async () => {
    const viaProxy = await postForm(trusting, '/login', { email: demo.email, password: demo.password }, { origin: site, headers: proxyHeaders });
    expect(viaProxy.status).toBe(303);
    const forgedProxy = await postForm(untrusting, '/login', { email: demo.email, password: demo.password }, { origin: site, headers: proxyHeaders });
    expect(forgedProxy.status).toBe(403);
  });
});
