import { describe, expect, it } from 'vitest';
import { listQueryString, pageWithin, parseListQuery } from '../../src/lib/catalog/list-query.ts';

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

  it('keep the page asked for within the pages there are', () => {
    expect(pageWithin(25, 99)).toEqual({ page: 3, pages: 3 });
    expect(pageWithin(0, 1)).toEqual({ page: 1, pages: 1 });
    expect(pageWithin(100, 2, 50)).toEqual({ page: 2, pages: 2 });
  });
});
