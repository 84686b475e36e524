// STYLE.md convention 3: every route in src/pages, opened by every role, answers as the route table says.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.ts';
import { accessFor, judgeAccess, routeAccess } from '../../src/lib/auth/access.ts';
import { roles, type Role } from '../../src/lib/auth/roles.ts';
import { getPage, insertUser, openServerDb, postForm, signedInUser } from '../helpers/accounts.ts';
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

/** A URL that opens the route: each parameter filled with a placeholder. */
const urlFor = (route: string) => route.replace(/\[(\.\.\.)?[^\]]+\]/g, 'x');

const routes = routePatterns();
/** Pages that answer with their own error status for everyone. */
const errorPages = new Set(['/403', '/404']);
let server: RunningServer;
let db: Db;
const cookies = new Map<Role, string>();
let target: number;
beforeAll(async () => {
  server = await startServer();
  db = openServerDb(server);
  for (const role of roles) cookies.set(role, (await signedInUser(db, { role })).cookie);
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

  for (const visitor of ['anonymous', ...roles] as const) {
    it(`answers every route as the table says for ${visitor}`, async () => {
      const cookie = visitor === 'anonymous' ? undefined : cookies.get(visitor);
      const user = visitor === 'anonymous' ? null : { role: visitor };
      db.$client.prepare('update users set disabled_at = null where id = ?').run(target);
      for (const route of routes) {
        const url = urlFor(route);
        const verdict = judgeAccess(accessFor(route), user);
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
