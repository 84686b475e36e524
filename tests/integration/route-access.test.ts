// STYLE.md convention 3: every route in src/pages, opened by every role, answers as the route table says.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.ts';
import { accessFor, judgeAccess, routeAccess } from '../../src/lib/auth/access.ts';
import { roles, type Role } from '../../src/lib/auth/roles.ts';
import { getPage, insertUser, multipartForm, openServerDb, postForm, postMultipart, signedInUser } from '../helpers/accounts.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const pagesDir = new URL('../../src/pages/', import.meta.url).pathname;

/** Every route pattern as Astro names it (`/en/admin/users`, `/fields/[slug]`), from the files in src/pages. */
function routePatterns(dir = pagesDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) return [];
    if (entry.isDirectory()) return routePatterns(path);
    if (!/\.(astro|ts|js|md|mdx)$/.test(entry.name)) return [];
    const route = '/' + relative(pagesDir, path).replace(/\.(astro|ts|js|md|mdx)$/, '').replace(/(^|\/)index$/, '');
    return [route === '/' ? '/' : route.replace(/\/$/, '')];
  });
}

/** The field a route's `[field]` is filled with: the field the staff visitors below are (or are not) staff of. */
const staffField = 'electronics';

/** A URL that opens the route: `[field]` filled with staffField, every other parameter with a placeholder. */
const urlFor = (route: string) => route.replace('[field]', staffField).replace(/\[(\.\.\.)?[^\]]+\]/g, 'x');

const routes = routePatterns();
/** Pages that answer with their own error status for everyone. */
const errorPages = new Set(['/403', '/404']);
let server: RunningServer;
let db: Db;
/** Every role, and teachers with staff rights over the routes' field or over another field. */
const visitors = ['anonymous', ...roles, 'staff-of-this-field', 'staff-of-another-field'] as const;
type Visitor = (typeof visitors)[number];
const staffVisitors = { 'staff-of-this-field': [staffField], 'staff-of-another-field': ['tourism'] } as const;
const cookies = new Map<Visitor, string>();
let target: number;
beforeAll(async () => {
  server = await startServer();
  db = openServerDb(server);
  for (const role of roles) cookies.set(role, (await signedInUser(db, { role })).cookie);
  for (const [visitor, fields] of Object.entries(staffVisitors)) {
    const staff = await signedInUser(db, { role: 'teacher' });
    for (const field of fields) db.$client.prepare('insert into field_staff (user_id, field_slug) values (?, ?)').run(staff.user.id, field);
    cookies.set(visitor as Visitor, staff.cookie);
  }
  target = (await insertUser(db, { role: 'teacher' })).id;
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe('route access', () => {
  it('finds the routes, and every rule in the table names routes that exist', () => {
    expect(routes).toEqual(expect.arrayContaining(['/', '/login', '/en/login', '/account', '/admin/users', '/en/admin/users']));
    for (const rule of routeAccess) expect(routes.some((r) => accessFor(r) === rule.access), rule.route).toBe(true);
  });

  for (const visitor of visitors) {
    it(`answers every route as the table says for ${visitor}`, async () => {
      const cookie = visitor === 'anonymous' ? undefined : cookies.get(visitor);
      const user = visitor === 'anonymous' ? null : visitor in staffVisitors ? { role: 'teacher' as const, staffFields: staffVisitors[visitor as keyof typeof staffVisitors] } : { role: visitor as Role };
      db.$client.prepare('update users set disabled_at = null where id = ?').run(target);
      for (const route of routes) {
        const url = urlFor(route);
        const verdict = judgeAccess(accessFor(route), user, route.includes('[field]') ? staffField : undefined);
        const responses = [await getPage(server, url, cookie)];
        // Protected routes must refuse a form post just the same, before the page runs.
        if (accessFor(route) !== 'public') {
          responses.push(await postForm(server, url, { intent: 'disable', userId: String(target) }, cookie ? { cookie } : {}));
        }
        for (const response of responses) {
          const where = `${visitor} ${response.status} ${url}`;
          const location = response.headers.get('location') ?? '';
          if (verdict === 'sign-in') {
            expect(response.status, where).toBe(303);
            expect(location, where).toMatch(/^(\/en)?\/login\?next=/);
          } else if (verdict === 'forbidden') {
            expect(response.status, where).toBe(403);
          } else {
            expect(response.status, where).toBeLessThan(500);
            if (!errorPages.has(route)) expect(response.status, where).not.toBe(403);
            expect(location, where).not.toMatch(/\/login\?next=/);
          }
          await response.body?.cancel();
        }
      }
      // Only an admin's posts went through to the page (and disabled the target user).
      const disabledAt = db.$client.prepare('select disabled_at from users where id = ?').pluck().get(target);
      if (visitor === 'admin') expect(disabledAt).toEqual(expect.any(Number));
      else expect(disabledAt).toBeNull();
    });
  }
});

describe('field staff on routes without a [field]', () => {
  it('open the library items of their field and are refused (403) those of another field only', async () => {
    const ebook = (titleEn: string, field: string) => ({
      intent: 'save', titleTh: `คู่มือ ${titleEn}`, titleEn, authors: 'นายช่าง ใจดี', summary: 'สรุปเนื้อหาของคู่มือ', levels: ['hvc'], language: 'th',
      publisher: 'วิทยาลัยเทคนิคชลบุรี', year: '2569', licence: 'CC BY 4.0', keywords: 'คู่มือ', fields: [field], published: '2026-10-01', body: 'เนื้อหา',
    });
    for (const [title, field] of [['Route Access This Field', staffField], ['Route Access Other Field', 'tourism']] as const) {
      expect((await postMultipart(server, '/admin/items/new?type=ebooks', multipartForm(ebook(title, field)), cookies.get('admin')!)).status).toBe(303);
    }
    const thisField = '/admin/items/ebooks/route-access-this-field';
    const otherField = '/admin/items/ebooks/route-access-other-field';
    const open = async (visitor: Visitor, path: string) => (await getPage(server, path, cookies.get(visitor))).status;
    expect([await open('staff-of-this-field', thisField), await open('staff-of-this-field', otherField)]).toEqual([200, 403]);
    expect([await open('staff-of-another-field', thisField), await open('staff-of-another-field', otherField)]).toEqual([403, 200]);
    expect((await postForm(server, otherField, { intent: 'unpublish' }, { cookie: cookies.get('staff-of-this-field')! })).status).toBe(403);
    expect(db.$client.prepare("select status from catalog_items where slug = 'route-access-other-field'").pluck().get()).toBe('published');
  });
});
