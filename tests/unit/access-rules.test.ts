import { describe, expect, it } from 'vitest';
import { accessFor, judgeAccess, safeNextPath } from '../../src/lib/auth/access.ts';

describe('the route table', () => {
  it('protects routes and everything under them, in both languages', () => {
    expect(accessFor('/account')).toBe('signed-in');
    expect(accessFor('/en/account')).toBe('signed-in');
    expect(accessFor('/admin/users')).toEqual(['admin']);
    expect(accessFor('/en/admin/users/[id]')).toEqual(['admin']);
    expect(accessFor('/administrator')).toBe('public');
    expect(accessFor('/fields/[slug]')).toBe('public');
    expect(accessFor('/en')).toBe('public');
  });

  it('judges a visitor against a rule', () => {
    expect(judgeAccess('public', null)).toBe('allowed');
    expect(judgeAccess('signed-in', null)).toBe('sign-in');
    expect(judgeAccess('signed-in', { role: 'student' })).toBe('allowed');
    expect(judgeAccess(['admin'], null)).toBe('sign-in');
    expect(judgeAccess(['admin'], { role: 'expert' })).toBe('forbidden');
    expect(judgeAccess(['admin', 'expert'], { role: 'expert' })).toBe('allowed');
  });

  it('lets field staff into their own fields only, and admins into every field', () => {
    expect(accessFor('/staff/[field]/matching')).toBe('field-staff');
    expect(accessFor('/en/staff')).toBe('field-staff');
    const staff = { role: 'teacher' as const, staffFields: ['electronics'] };
    expect(judgeAccess('field-staff', null)).toBe('sign-in');
    expect(judgeAccess('field-staff', staff)).toBe('allowed');
    expect(judgeAccess('field-staff', staff, 'electronics')).toBe('allowed');
    expect(judgeAccess('field-staff', staff, 'tourism')).toBe('forbidden');
    expect(judgeAccess('field-staff', { role: 'teacher' })).toBe('forbidden');
    expect(judgeAccess('field-staff', { role: 'expert', staffFields: [] }, 'electronics')).toBe('forbidden');
    expect(judgeAccess('field-staff', { role: 'admin' }, 'tourism')).toBe('allowed');
    // Staff rights open staff pages, not admin ones.
    expect(judgeAccess(['admin'], staff)).toBe('forbidden');
  });

  it('lets a college’s reporters, and only them, into /college-reports', () => {
    expect(accessFor('/en/college-reports/rows/[kind]/[id]')).toBe('college-reporter');
    expect(judgeAccess('college-reporter', null)).toBe('sign-in');
    expect(judgeAccess('college-reporter', { role: 'teacher', reporterCollegeId: 30 })).toBe('allowed');
    expect(judgeAccess('college-reporter', { role: 'teacher', reporterCollegeId: null })).toBe('forbidden');
    expect(judgeAccess('college-reporter', { role: 'admin' })).toBe('forbidden');
    expect(judgeAccess('field-staff', { role: 'teacher', reporterCollegeId: 30 }, 'electronics')).toBe('forbidden');
  });
});

describe('where to go after signing in', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/fields?year=2565', '/account')).toBe('/fields?year=2565');
    expect(safeNextPath('/en/account', '/account')).toBe('/en/account');
  });

  it('percent-encodes what a Location header cannot hold', () => {
    expect(safeNextPath('/ไ', '/account')).toBe('/%E0%B9%84');
    expect(safeNextPath('/search?q=ไฟฟ้า', '/account')).toBe('/search?q=%E0%B9%84%E0%B8%9F%E0%B8%9F%E0%B9%89%E0%B8%B2');
    expect(safeNextPath('/%E0%B9%84', '/account')).toBe('/%E0%B9%84');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/\nLocation: x', '/a\u007fb', '/a\tb']) {
      expect(safeNextPath(next, '/account'), String(next)).toBe('/account');
    }
  });
});
