import { describe, expect, it } from 'vitest';
import { applyListQuery, listQueryString, pageSize, parseListQuery, type Listed } from '../../src/lib/catalog/list-query.ts';
import type { ItemFacts } from '../../src/lib/content/types.ts';

function listed(titleTh: string, extra: Partial<ItemFacts> & { downloads?: number; type?: Listed<string>['type'] } = {}): Listed<string> {
  const { downloads = 0, type = 'ebooks', ...facts } = extra;
  return {
    item: titleTh,
    type,
    downloads,
    facts: { titleTh, levels: [], fields: ['electrical-technology'], published: new Date('2026-01-01'), ...facts },
  };
}

describe('list queries', () => {
  it('parse valid choices and ignore the rest', () => {
    expect(parseListQuery(new URLSearchParams('field=hotel-management&level=vc&type=research&lang=en&year=2567&sort=title&page=2'))).toEqual({
      field: 'hotel-management', level: 'vc', type: 'research', lang: 'en', year: 2567, sort: 'title', page: 2,
    });
    expect(parseListQuery(new URLSearchParams('field=../x&level=phd&type=x&year=1999&sort=random&page=-1'))).toEqual({
      field: undefined, level: undefined, type: undefined, lang: undefined, year: undefined, sort: 'newest', page: 1,
    });
    expect(parseListQuery(new URLSearchParams('type=research'), 'experts').type).toBe('experts');
  });

  it('round-trip through the query string without defaults', () => {
    const query = parseListQuery(new URLSearchParams('field=x&sort=downloads'));
    expect(listQueryString(query)).toBe('?field=x&sort=downloads');
    expect(listQueryString(query, { page: 3 })).toBe('?field=x&sort=downloads&page=3');
    expect(listQueryString(parseListQuery(new URLSearchParams()))).toBe('');
  });

  it('sort titles in Thai dictionary order, not code-point order', () => {
    // Leading vowels (เ แ โ ใ ไ) sort by the consonant after them in Thai dictionaries.
    const items = ['ไฟฟ้า', 'เครื่องกล', 'การโรงแรม', 'ช่างยนต์'].map((t) => listed(t));
    const result = applyListQuery(items, parseListQuery(new URLSearchParams('sort=title')));
    expect(result.items.map((l) => l.item)).toEqual(['การโรงแรม', 'เครื่องกล', 'ช่างยนต์', 'ไฟฟ้า']);
  });

  it('sort by downloads and by newest', () => {
    const items = [listed('ก', { downloads: 1, published: new Date('2026-03-01') }), listed('ข', { downloads: 9, published: new Date('2025-01-01') })];
    expect(applyListQuery(items, parseListQuery(new URLSearchParams('sort=downloads'))).items[0]!.item).toBe('ข');
    expect(applyListQuery(items, parseListQuery(new URLSearchParams())).items[0]!.item).toBe('ก');
  });

  it('filter by field, level, type, language and year together', () => {
    const items = [
      listed('a', { levels: ['vc'], language: 'th', year: 2567 }),
      listed('b', { levels: ['hvc'], language: 'th', year: 2567 }),
      listed('c', { levels: ['vc'], language: 'en', year: 2567 }),
      listed('d', { levels: ['vc'], language: 'th', year: 2566, type: 'research' }),
      listed('e', { levels: ['vc'], language: 'th', year: 2567, fields: ['hotel-management'] }),
    ];
    const result = applyListQuery(items, parseListQuery(new URLSearchParams('field=electrical-technology&level=vc&lang=th&year=2567&type=ebooks')));
    expect(result.items.map((l) => l.item)).toEqual(['a']);
    expect(result.years).toEqual([2567, 2566]);
  });

  it('page by a fixed size and clamp a page past the end', () => {
    const items = Array.from({ length: pageSize * 2 + 1 }, (_, i) => listed(`รายการ ${i}`));
    const last = applyListQuery(items, parseListQuery(new URLSearchParams('page=99')));
    expect(last).toMatchObject({ total: pageSize * 2 + 1, pages: 3, page: 3 });
    expect(last.items).toHaveLength(1);
  });
});
