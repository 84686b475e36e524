import { describe, expect, it } from 'vitest';
import { alternatePath, formatDate, langFromPath, localePath, translator } from '../../src/i18n/index.ts';
import th from '../../src/i18n/th.json';
import en from '../../src/i18n/en.json';

describe('i18n', () => {
  it('has the same keys in Thai and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it('puts Thai at / and English at /en', () => {
    expect(langFromPath('/fields')).toBe('th');
    expect(langFromPath('/en/fields')).toBe('en');
    expect(langFromPath('/english')).toBe('th');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('th', '/fields/x')).toBe('/fields/x');
    expect(alternatePath('/fields/x')).toEqual({ lang: 'en', path: '/en/fields/x' });
    expect(alternatePath('/en/fields/x')).toEqual({ lang: 'th', path: '/fields/x' });
    expect(alternatePath('/en')).toEqual({ lang: 'th', path: '/' });
  });

  it('fills placeholders', () => {
    expect(translator('th')('fields.fiscalYear', { year: 2566 })).toBe('ปีงบประมาณ 2566');
  });

  it('writes Thai dates in the Buddhist Era', () => {
    const date = new Date('2026-11-25T03:00:00Z');
    expect(formatDate(date, 'th')).toBe('25 พฤศจิกายน 2569');
    expect(formatDate(date, 'en')).toBe('25 November 2026');
  });
});
