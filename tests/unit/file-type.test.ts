import { describe, expect, it } from 'vitest';
import { extensionMatches, sanitizeFileName, sniffFileType } from '../../src/lib/catalog/file-type.ts';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const part of parts) out.push(...(typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part));
  while (out.length < 64) out.push(0);
  return new Uint8Array(out);
};

describe('recognizing files by content', () => {
  it('knows PDF, EPUB, ZIP-based office files and media', () => {
    expect(sniffFileType(bytes('%PDF-1.7'))).toBe('pdf');
    expect(sniffFileType(bytes([0x50, 0x4b, 3, 4], new Array(26).fill(0), 'mimetypeapplication/epub+zip'))).toBe('epub');
    expect(sniffFileType(bytes([0x50, 0x4b, 3, 4], 'word/document.xml'))).toBe('zip');
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFileType(bytes('RIFF', [0, 0, 0, 0], 'WEBP'))).toBe('webp');
    expect(sniffFileType(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe('mp4');
  });

  it('refuses what it does not know: executables, HTML', () => {
    expect(sniffFileType(bytes('MZ'))).toBeUndefined();
    expect(sniffFileType(bytes([0x7f], 'ELF'))).toBeUndefined();
    expect(sniffFileType(bytes('<!doctype html>'))).toBeUndefined();
    expect(sniffFileType(new TextEncoder().encode(`\uFEFF  <svg onload=x>${' '.repeat(60)}`))).toBeUndefined();
  });

  it('takes plain text only as a CSV sheet', () => {
    expect(sniffFileType(new TextEncoder().encode('\uFEFFestablishment,field,level,fiscal_year\r\n7,ไฟฟ้า,hvc,2570\r\n'))).toBe('csv');
    expect(sniffFileType(new TextEncoder().encode('a,b\n'))).toBe('csv');
    expect(sniffFileType(new TextEncoder().encode(`MZ this is a program${'x'.repeat(60)}`))).toBeUndefined();
    expect(extensionMatches('csv', 'ความต้องการ.CSV')).toBe(true);
    expect(extensionMatches('csv', 'notes.txt')).toBe(false);
    expect(extensionMatches('csv', 'page.html')).toBe(false);
  });

  it('checks that the name agrees with the content', () => {
    expect(extensionMatches('pdf', 'คู่มือ.PDF')).toBe(true);
    expect(extensionMatches('zip', 'slides.pptx')).toBe(true);
    expect(extensionMatches('pdf', 'virus.exe')).toBe(false);
    expect(extensionMatches('zip', 'book.pdf')).toBe(false);
  });
});

describe('sanitizing file names', () => {
  it('keeps Thai, drops folders, control characters and leading dots', () => {
    expect(sanitizeFileName('../../etc/คู่มือ ไฟฟ้า.pdf')).toBe('คู่มือ ไฟฟ้า.pdf');
    expect(sanitizeFileName('C:\\Users\\ครู\\งาน.docx')).toBe('งาน.docx');
    expect(sanitizeFileName('..hidden\u0000<x>.pdf')).toBe('hiddenx.pdf');
    expect(sanitizeFileName('')).toBe('file');
  });

  it('shortens very long names but keeps the extension', () => {
    const name = sanitizeFileName(`${'ก'.repeat(300)}.pdf`);
    expect(name.length).toBe(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
