// Every route in src/pages, and one address for each that a browser shows as a page, signed out or as an admin: the
// 360 px test and the HTML validator walk them all, and a test checks this list against src/pages so that a new page
// is not left out.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getPage } from './accounts.ts';
import type { RunningServer } from './server.ts';

const pagesDir = new URL('../../src/pages/', import.meta.url).pathname;

/** Every route pattern as Astro names it (`/en/admin/users`, `/fields/[slug]`), from the files in src/pages. */
export function routePatterns(dir = pagesDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) return [];
    if (entry.isDirectory()) return routePatterns(path);
    if (!/\.(astro|ts|js|md|mdx)$/.test(entry.name)) return [];
    const route = '/' + relative(pagesDir, path).replace(/\.(astro|ts|js|md|mdx)$/, '').replace(/(^|\/)index$/, '');
    return [route === '/' ? '/' : route.replace(/\/$/, '')];
  });
}

/** Whether a path (query left off) is one of a route pattern's: `[x]` is one segment, `[...x]` any number. */
export function matchesRoute(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
    .map((part, i) => (i % 2 === 0 ? part.replace(/[.*+?^${}()|\\]/g, '\\$&') : part.startsWith('[...') ? '.+' : '[^/]+'))
    .join('');
  return new RegExp(`^${source}$`).test(path.split('?')[0]!.replace(/\/$/, '') || '/');
}

/** Routes that answer something other than a page (files, feeds, JSON, CSV, PDF, redirects): nothing to lay out. */
export const notPages = [
  '/admin/reports/evidence/[indicator]', '/admin/reports/export', '/admin/reports/summary.pdf', '/api/editor/media', '/api/learn/progress',
  '/api/learn/state', '/api/learn/statements', '/api/suggest', '/download/[type]/[slug]/[file]', '/establishments/export', '/favicon.ico',
  '/favicon.svg', '/feed.xml', '/fields/[slug]/feed.xml', '/h5p/embed/[id]', '/h5p/files/[id]/[...path]', '/h5p/player/[...file]', '/healthz',
  '/learn/[course]', '/learn/certificates/[code]', '/manpower/export', '/media/[name]', '/oai', '/readyz', '/robots.txt', '/sitemap.xml',
  '/sitemap-[file].xml', '/staff/[field]/agreement-file/[id]', '/staff/[field]/export', '/staff/[field]/training/evidence/[indicator]',
  '/staff/[field]/training/export', '/staff/[field]/training/summary.pdf', '/staff/courses/[course]/media', '/teach/[run]/export',
];

/**
 * Pages shown only with records a test makes first (a person's own article, a run they teach, a certificate, a
 * college reporter's row), which the demo content has none of for an admin to open: each names the test that opens
 * it in a browser on a phone.
 */
export const pagesOfMadeRecords: Record<string, string> = {
  '/account/articles/[id]': "tests/e2e/phone-layout.test.ts (the pages of records a person makes: the expert's editor; tests/e2e/articles.test.ts writes in it on a wide screen)",
  '/account/articles/[id]/revisions': "tests/e2e/phone-layout.test.ts (the pages of records a person makes: an expert's article published twice)",
  '/admin/articles/[id]': 'tests/e2e/phone-layout.test.ts (the pages of records a person makes: an admin reviews the article; tests/e2e/articles.test.ts on a wide screen)',
  '/college-reports': 'tests/e2e/phone-layout.test.ts (the pages of records a person makes: a college reporter with a supply and a demand row)',
  '/college-reports/rows/[kind]/[id]': "tests/e2e/phone-layout.test.ts (the pages of records a person makes: the reporter's supply and demand rows)",
  '/staff/[field]/establishments/[id]': 'tests/e2e/phone-layout.test.ts (the pages of records a person makes: field staff open the establishment they added)',
  '/staff/[field]/rows/[kind]/[id]': "tests/e2e/phone-layout.test.ts (the pages of records a person makes: field staff open the reporter's rows)",
  '/verify/[code]': 'tests/e2e/courses.test.ts (the certificate is verified)',
};

const home = 'electrical-technology';
const course = 'solar-rooftop-installation-new-skill';

/** Signed out, in Thai and in English where the wording is longer. `{link:/x/}` is the first link to /x/… on the page before it. */
export const publicPagePaths = [
  '/', '/fields', '/fields?group=cluster', `/fields/${home}`, '/fields/hotel-management', '/library', '/library?type=research&sort=title',
  '/library/ebooks/ac-motor-control-and-plc', '/library/experts/adisak-muensri', '/library/curricula/hvc-2563-electric-vehicle-technology',
  '/library/research/bms-training-kit-for-ev-technology', '/experts', '/research', '/curricula', '/courses', `/courses/${course}`, '/articles',
  '{link:/articles/}', '/colleges', '{link:/colleges/}', '/manpower', '/establishments', `/search?q=${encodeURIComponent('ไฟฟ้า')}`,
  '/search?q=zzqqxx', '/login', '/register', '/register?sent=1', '/forgot-password', '/reset-password?token=x', '/confirm-email?token=x',
  '/logout', '/verify', '/privacy', '/accessibility', '/403', '/404', '/no-such-page',
  '/fields/tourism', '/en/fields/tourism', '/en/login',
  '/en/', '/en/library', '/en/fields', '/en/fields/hotel-management', '/en/search?q=electric', '/en/experts', '/en/register', '/en/courses',
  `/en/courses/${course}`, '/en/articles', '/en/manpower', '/en/privacy', '/en/library/ebooks/ev-high-voltage-battery-systems',
];

/** As an admin, who may open every page of the site that needs no record of their own. */
export const adminPagePaths = [
  '/account', '/account/articles', '/account/articles/new', '/admin/users', '/en/admin/users', '/admin/items', '/admin/items/new?type=ebooks',
  '/admin/items/new?type=curricula', '/admin/items/new?type=courses', '/admin/items/ebooks/hotel-front-office-operations', '/admin/searches', '/admin/articles', '/admin/certificates',
  '/admin/h5p', '/admin/h5p/electrical-safety-ppe', '/admin/staff', '/admin/runs', '/admin/reports?year=2569', '/admin/reports/courses',
  '/admin/reports/indicators', '/admin/reports/indicators?year=2569&field=electronics', '/admin/reports/course/pcb-soldering-ipc-standard-upskill', '/admin/reports/college/{id:/colleges/}',
  '/admin/reports/run/{id:/teach/}', '/learn', '/learn/history', `/learn/${course}/how-pv-makes-power`, '/teach', '/teach/{id:/teach/}',
  '/teach/{id:/teach/}/report', '{link:/teach/[run]/learners/}', '{link:/teach/[run]/sessions/}', '/staff', '/staff/electronics',
  '/staff/electronics/agreements', '/staff/electronics/establishments', '/staff/electronics/matching', '/staff/electronics/reporters',
  '/staff/electronics/rows', '/staff/electronics/training?year=2569', '/en/staff/electronics/training?year=2569', '/staff/electronics/training/courses', '/staff/electronics/training/indicators',
  '/staff/electronics/training/course/pcb-soldering-ipc-standard-upskill', '/staff/electronics/training/college/{id:/colleges/}',
  '/staff/electronics/training/run/{id:/teach/}', `/staff/courses/${course}/lessons`, `/staff/courses/${course}/lessons/how-pv-makes-power`,
];

/**
 * The paths with their placeholders filled from the site itself: `{link:/x/}` is the first link to /x/… on the page
 * listed before it, `{id:/x/}` the number in the first link to /x/<number> on /colleges or /teach (an admin's).
 */
export async function resolvePagePaths(server: RunningServer, paths: string[], cookie?: string): Promise<string[]> {
  const html = new Map<string, string>();
  const pageText = async (path: string) => html.get(path) ?? html.set(path, await (await getPage(server, path, cookie)).text()).get(path)!;
  const resolved: string[] = [];
  for (const path of paths) {
    const link = /^\{link:(.+)\}$/.exec(path);
    if (link) {
      // `/teach/[run]/learners/` is looked for on the run's own page (resolved above).
      const run = resolved.find((p) => /^\/teach\/\d+$/.test(p)) ?? '/teach/0';
      const prefix = link[1]!.replace('/teach/[run]', run);
      const on = link[1]!.includes('[run]') ? run : resolved.at(-1)!;
      const found = new RegExp(`href="(${prefix.replace(/[.*+?^${}()|\\[\]]/g, '\\$&')}[^"?#]+)"`).exec(await pageText(on));
      if (!found) throw new Error(`no link to ${prefix}… on ${on}`);
      resolved.push(found[1]!);
      continue;
    }
    const id = /\{id:(\/[a-z]+\/)\}/.exec(path);
    if (id) {
      const found = new RegExp(`href="${id[1]}(\\d+)"`).exec(await pageText(id[1] === '/teach/' ? '/teach' : '/colleges'));
      if (!found) throw new Error(`no link to ${id[1]}<id> on ${id[1]}`);
      resolved.push(path.replaceAll(id[0], found[1]!));
      continue;
    }
    resolved.push(path);
  }
  return resolved;
}
