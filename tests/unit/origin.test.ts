import { describe, expect, it } from 'vitest';
import { isCrossSiteFormPost } from '../../src/lib/auth/origin.ts';

const url = 'https://center.example';
const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
  it('refuses a form posted from another origin or with none', () => {
    expect(isCrossSiteFormPost(request('POST', { ...form, origin: 'https://evil.example' }), url, '/admin/users')).toBe(true);
    expect(isCrossSiteFormPost(request('POST', form), url, '/admin/users')).toBe(true);
    expect(isCrossSiteFormPost(request('POST', { 'content-type': 'multipart/form-data; boundary=x', origin: 'null' }), url, '/admin/items/new')).toBe(true);
    expect(isCrossSiteFormPost(request('DELETE', { 'content-type': 'text/plain' }), url, '/x')).toBe(true);
  });

  it('lets same-origin posts, safe methods and OAI-PMH harvesters through', () => {
    expect(isCrossSiteFormPost(request('POST', { ...form, origin: 'https://center.example' }), url, '/admin/users')).toBe(false);
    expect(isCrossSiteFormPost(request('GET', { origin: 'https://evil.example' }), url, '/admin/users')).toBe(false);
    expect(isCrossSiteFormPost(request('POST', form), url, '/oai')).toBe(false);
  });

  it('leaves non-form bodies to CORS, which a browser cannot send cross-site without a preflight', () => {
    expect(isCrossSiteFormPost(request('POST', { 'content-type': 'application/json', origin: 'https://evil.example' }), url, '/x')).toBe(false);
  });
});
