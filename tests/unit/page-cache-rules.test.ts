import { describe, expect, it } from 'vitest';
import { chooseEncoding, pageCacheKey, storableAnswer } from '../../src/lib/http/page-cache.ts';

describe('which requests the page cache answers', () => {
  const get = (url: string, headers: Record<string, string> = {}) => pageCacheKey({ method: 'GET', url, headers });
  it('takes anonymous GETs of the home, field, library and item pages, keyed by path and query', () => {
    for (const url of ['/', '/en/', '/fields/electrical-technology', '/en/fields/hotel-management', '/library', '/library?type=research&sort=downloads', '/library/ebooks', '/library/ebooks/ac-motor-control-and-plc']) {
      expect(get(url)).toBe(url);
    }
  });
  it('leaves everything else, any cookie or credentials, and other methods', () => {
    for (const url of ['/search?q=PLC', '/learn', '/admin/items', '/account', '/api/suggest?q=x', '/download/ebooks/a/a.pdf', '/fields/a/b/c']) expect(get(url)).toBeUndefined();
    expect(get('/', { cookie: 'session=x' })).toBeUndefined();
    expect(get('/', { authorization: 'Basic x' })).toBeUndefined();
    expect(pageCacheKey({ method: 'HEAD', url: '/', headers: {} })).toBeUndefined();
    expect(pageCacheKey({ method: 'POST', url: '/', headers: {} })).toBeUndefined();
    expect(get(`/library?q=${'x'.repeat(600)}`)).toBeUndefined();
  });
});

describe('which answers it keeps', () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  it('keeps a 200 HTML answer with nothing tied to the visitor', () => {
    expect(storableAnswer(200, html)).toBe(true);
  });
  it('never keeps a cookie being set, an error or redirect, other types, or private answers', () => {
    expect(storableAnswer(200, { ...html, 'set-cookie': ['a=1'] })).toBe(false);
    expect(storableAnswer(500, html)).toBe(false);
    expect(storableAnswer(404, html)).toBe(false);
    expect(storableAnswer(303, html)).toBe(false);
    expect(storableAnswer(200, { 'content-type': 'application/json' })).toBe(false);
    expect(storableAnswer(200, { ...html, 'cache-control': 'private, no-store' })).toBe(false);
    expect(storableAnswer(200, { ...html, 'content-encoding': 'br' })).toBe(false);
  });
});

describe('the encoding sent', () => {
  it('prefers brotli, then gzip, and respects q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('identity')).toBe('identity');
  });
});
