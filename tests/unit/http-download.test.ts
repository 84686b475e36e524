import { describe, expect, it } from 'vitest';
import { contentDisposition, contentTypeFor, isSafeFileName, parseRange } from '../../src/lib/catalog/http-download.ts';

describe('byte ranges', () => {
  it('reads closed, open and suffix ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
  });

  it('refuses ranges past the end, and serves what it does not understand whole', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-2', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(null, 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 1000)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 1000)).toEqual({ kind: 'full' });
  });
});

describe('Content-Disposition', () => {
  it('carries the Thai name per RFC 5987 with an ASCII fallback', () => {
    const header = contentDisposition('คู่มือ PLC (ฉบับปรับปรุง).pdf', 'plc-guide.pdf');
    expect(header).toBe(
      `attachment; filename="plc-guide.pdf"; filename*=UTF-8''${encodeURIComponent('คู่มือ PLC ').replace(/[()]/g, '')}%28${encodeURIComponent('ฉบับปรับปรุง')}%29.pdf`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('คู่มือ PLC (ฉบับปรับปรุง).pdf');
  });

  it('strips characters that could break the header or name a path', () => {
    const header = contentDisposition('a/b\\c"d\r\ne.pdf', 'x"y.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="x_y.pdf"');
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('a b c d e.pdf');
  });
});

describe('file names and types', () => {
  it('knows the learning file types', () => {
    expect(contentTypeFor('x.PDF')).toBe('application/pdf');
    expect(contentTypeFor('book.epub')).toBe('application/epub+zip');
    expect(contentTypeFor('noext')).toBe('application/octet-stream');
  });

  it('accepts only one plain path segment', () => {
    expect(isSafeFileName('book.pdf')).toBe(true);
    for (const bad of ['', '../x', '..', 'a/b', 'a\\b', '.env', 'x\u0000.pdf']) expect(isSafeFileName(bad), bad).toBe(false);
  });
});
