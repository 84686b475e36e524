// The headers every answer carries: a Content-Security-Policy with no inline script on every HTML response,
// nosniff and a referrer policy on everything, UTF-8 HTML, and HSTS in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, signedInUser } from '../helpers/accounts.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
let admin: string;
beforeAll(async () => {
  admin = (await signedInUser(app.db, { role: 'admin', email: 'headers-admin@example.ac.th' })).cookie;
});

const htmlPaths = ['/', '/en/', '/fields', '/fields/mechanical-technology', '/library', '/library/ebooks/diesel-engine-common-rail-service', '/search?q=ไฟฟ้า', '/login', '/no-such-page', '/admin/users'];
const otherPaths = ['/feed.xml', '/sitemap.xml', '/robots.txt', '/oai?verb=Identify', '/api/suggest?q=ไฟ', '/download/ebooks/diesel-engine-common-rail-service/nothing.pdf', '/account'];

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('give every HTML page a strict Content-Security-Policy and UTF-8', async () => {
    for (const path of htmlPaths) {
      const response = await getPage(app.server, path, path.startsWith('/admin') ? admin : undefined);
      await response.body?.cancel();
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      const policy = directives(response.headers.get('content-security-policy') ?? '');
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('base-uri'), path).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'self'"]);
      const scripts = policy.get('script-src') ?? [];
      expect(scripts, path).toContain("'self'");
      expect(scripts.filter((s) => s !== "'self'" && !s.startsWith("'sha256-")), path).toEqual([]);
    }
  });

  it('send nosniff and a referrer policy on every response, whatever its type or status', async () => {
    for (const path of [...htmlPaths, ...otherPaths]) {
      const response = await getPage(app.server, path);
      await response.body?.cancel();
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const refused = await postForm(app.server, '/login', { email: 'a@b.example', password: 'x' }, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keep a stricter referrer policy a page chose (reset links carry a token)', async () => {
    const response = await getPage(app.server, '/reset-password?token=abc');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('in production', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production', SITE_URL: 'https://center.example.ac.th' } });
  });
  afterAll(() => server?.stop());

  it('adds HSTS', async () => {
    for (const path of ['/', '/feed.xml', '/no-such-page']) {
      const response = await getPage(server, path);
      await response.body?.cancel();
      expect(response.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d{7,}/);
    }
  });
});
