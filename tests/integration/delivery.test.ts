// How pages and assets travel: compressed when the client accepts it, hashed assets cached for a year, downloads
// left whole so their byte ranges and lengths stay true.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
const assetsDir = new URL('../../dist/client/_astro/', import.meta.url).pathname;

describe('delivery', () => {
  it('serves from a build that holds drizzle-orm itself, so Node does not resolve its modules one by one', () => {
    // Resolving each drizzle-orm module reads its 179 KB package.json again; the server kept ~150 MB from that.
    const serverDir = new URL('../../dist/server/', import.meta.url).pathname;
    const modules = readdirSync(serverDir, { recursive: true }).map(String).filter((name) => name.endsWith('.mjs'));
    expect(modules.length).toBeGreaterThan(10);
    const importing = modules.filter((name) => /^import\b[^;\n]*["']drizzle-orm|\bimport\(\s*["']drizzle-orm/m.test(readFileSync(serverDir + name, 'utf8')));
    expect(importing).toEqual([]);
  });

  it('compresses pages with brotli or gzip, as the client asks', async () => {
    const gzip = await fetch(`${app.server.url}/library`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const raw = await rawRequest(`${app.server.url}/library`, { headers: { 'accept-encoding': 'gzip' } });
    expect(raw.headers['content-encoding']).toBe('gzip');
    const brotli = await rawRequest(`${app.server.url}/library`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    const plain = await rawRequest(`${app.server.url}/library`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('</html>');
  });

  it('caches content-hashed assets for a year, and compresses them', async () => {
    // Pages carry their stylesheet inline; what they fetch from /_astro/ is fonts (the home page preloads them) and
    // the scripts of the pages that have islands.
    const html = await (await fetch(`${app.server.url}/`)).text();
    const font = /\/_astro\/[^"]+\.woff2/.exec(html)![0];
    const script = `/_astro/${readdirSync(assetsDir).find((name) => name.startsWith('LessonTracker') && name.endsWith('.js'))}`;
    for (const asset of [font, script]) {
      const response = await fetch(app.server.url + asset, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      // Text shrinks; woff2 is compressed already.
      expect(response.headers.get('content-encoding'), asset).toBe(asset.endsWith('.js') ? 'gzip' : null);
    }
  });

  it('sends downloads uncompressed, with their ranges intact', async () => {
    const path = '/download/ebooks/diesel-engine-common-rail-service/diesel-engine-common-rail-service.pdf';
    const part = await rawRequest(app.server.url + path, { headers: { 'accept-encoding': 'gzip, br', range: 'bytes=0-4' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.body).toBe('%PDF-');
  });

  it('answers /favicon.ico and /favicon.svg, which every page links', async () => {
    const ico = await fetch(`${app.server.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect(bytes.readUInt16LE(2)).toBe(1); // an icon resource
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
    const svg = await fetch(`${app.server.url}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    const html = await (await fetch(`${app.server.url}/`)).text();
    expect(html).toContain('rel="icon" href="/favicon.ico"');
    expect(html).toContain('rel="alternate" type="application/atom+xml"');
  });
});
