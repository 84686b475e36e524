// What the admin item form's inputs mean: B.E. dates, the licence list, file sizes on download buttons.
import { describe, expect, it } from 'vitest';
import { formatBuddhistDate, parseBuddhistDate } from '../../src/lib/forms/buddhist-date.ts';
import { formatFileSize } from '../../src/lib/catalog/file-size.ts';
import { formToItemData, itemDataToForm } from '../../src/lib/catalog/item-form.ts';
import { licenceLabel } from '../../src/lib/catalog/licences.ts';

describe('Buddhist Era dates', () => {
  it('reads day/month/year in B.E., Thai month names and Thai digits, and ISO dates', () => {
    expect(parseBuddhistDate('19/01/2569')).toBe('2026-01-19');
    expect(parseBuddhistDate(' 1/2/2569 ')).toBe('2026-02-01');
    expect(parseBuddhistDate('19-01-2569')).toBe('2026-01-19');
    expect(parseBuddhistDate('19 มกราคม 2569')).toBe('2026-01-19');
    expect(parseBuddhistDate('5 ธ.ค. พ.ศ. 2568')).toBe('2025-12-05');
    expect(parseBuddhistDate('๑๙/๐๑/๒๕๖๙')).toBe('2026-01-19');
    expect(parseBuddhistDate('2026-11-01')).toBe('2026-11-01');
    // A C.E. year typed by mistake is still the date meant, not one 543 years away.
    expect(parseBuddhistDate('19/01/2026')).toBe('2026-01-19');
  });

  it('refuses what is not a date rather than guess', () => {
    for (const text of ['31/02/2569', '19/13/2569', '2569', 'เมื่อวาน', '19 Foo 2569', '01/02/69', '']) expect(parseBuddhistDate(text)).toBeUndefined();
  });

  it('shows a stored date as dd/mm/yyyy B.E., and reads back what it shows', () => {
    expect(formatBuddhistDate('2026-01-19')).toBe('19/01/2569');
    expect(formatBuddhistDate(new Date('2025-12-05T00:00:00Z'))).toBe('05/12/2568');
    expect(parseBuddhistDate(formatBuddhistDate('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('the item form', () => {
  const sent = { titleTh: 'ก', published: '19/01/2569', licence: 'other', licenceOther: 'GFDL 1.3' };
  it('stores a B.E. date as ISO and a typed licence when "other" is chosen', () => {
    const { data } = formToItemData('ebooks', sent, []);
    expect(data.published).toBe('2026-01-19');
    expect(data.licence).toBe('GFDL 1.3');
    expect(formToItemData('ebooks', { ...sent, licence: 'CC BY-SA 4.0' }, []).data.licence).toBe('CC BY-SA 4.0');
    expect(formToItemData('ebooks', { ...sent, published: '31/02/2569' }, []).data.published).toBe('31/02/2569');
  });

  it('shows a stored item with its date in B.E. and its licence as chosen from the list or typed', () => {
    const base = { titleTh: 'ก', published: new Date('2026-01-19T00:00:00Z') };
    expect(itemDataToForm('ebooks', { ...base, licence: 'CC BY 4.0' }, '')).toMatchObject({ published: '19/01/2569', licence: 'CC BY 4.0' });
    const other = itemDataToForm('ebooks', { ...base, licence: 'GFDL 1.3' }, '');
    expect(other).toMatchObject({ licence: 'other', licenceOther: 'GFDL 1.3' });
  });

  it('names "all rights reserved" in Thai on Thai pages', () => {
    expect(licenceLabel('All rights reserved', 'th')).toBe('สงวนลิขสิทธิ์');
    expect(licenceLabel('All rights reserved', 'en')).toBe('All rights reserved');
    expect(licenceLabel('CC BY 4.0', 'th')).toBe('CC BY 4.0');
  });
});

describe('file sizes', () => {
  it('reads as people write them', () => {
    expect(formatFileSize(2_400_000, 'th')).toBe('2.4 MB');
    expect(formatFileSize(850_123, 'en')).toBe('850 KB');
    expect(formatFileSize(512, 'en')).toBe('512 B');
    expect(formatFileSize(12_345_678, 'th')).toBe('12 MB');
    expect(formatFileSize(1_000, 'th')).toBe('1 KB');
  });
});

describe('English text an item holds', () => {
  it('survives a web edit: the form shows it and saving gives it back', () => {
    const expert = { nameTh: 'สมชาย ใจดี', titleTh: 'วิศวกร', positionEn: 'Engineer', summaryEn: 'Builds PLCs.', organization: 'โรงงาน', organizationType: 'establishment', expertise: ['PLC'], fields: ['mechatronics'], published: '2026-01-19' };
    const sent = itemDataToForm('experts', expert, '');
    const { data } = formToItemData('experts', sent, []);
    expect(data.positionEn).toBe('Engineer');
    expect(data.summaryEn).toBe('Builds PLCs.');
    for (const type of ['ebooks', 'courses', 'research'] as const) {
      const back = formToItemData(type, { ...itemDataToForm(type, { summaryEn: 'In English.' }, '') }, []).data;
      expect(back.summaryEn).toBe('In English.');
    }
  });
});
