// The sitemap search engines read (Thai pages, each with its English twin) and the robots.txt that points to it.
import { localePath } from '../../i18n/index.ts';
import { dayStamp, xmlDeclaration, xmlElement, xmlText } from './xml.ts';

export interface SitemapPage {
  /** A Thai-locale path such as /fields/hotel-management. */
  path: string;
  lastmod?: Date;
}

export function sitemapXml(origin: string, pages: SitemapPage[]): string {
  const urls = pages.map((page) => {
    const th = origin + page.path;
    const en = origin + localePath('en', page.path);
    return xmlElement('url', {}, [
      xmlText('loc', th),
      page.lastmod ? xmlText('lastmod', dayStamp(page.lastmod)) : '',
      xmlElement('xhtml:link', { rel: 'alternate', hreflang: 'th', href: th }),
      xmlElement('xhtml:link', { rel: 'alternate', hreflang: 'en', href: en }),
      xmlElement('xhtml:link', { rel: 'alternate', hreflang: 'x-default', href: th }),
    ]);
  });
  return (
    xmlDeclaration +
    xmlElement('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' }, '\n' + urls.join('\n') + '\n') +
    '\n'
  );
}

/** How many sitemap files `total` addresses need at `pageSize` each. */
export const sitemapFileCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/** The sitemap index: one `<sitemap>` per file, /sitemap-1.xml to /sitemap-N.xml. */
export function sitemapIndexXml(origin: string, files: number): string {
  const entries = Array.from({ length: files }, (_, i) => xmlElement('sitemap', {}, [xmlText('loc', `${origin}/sitemap-${i + 1}.xml`)]));
  return xmlDeclaration + xmlElement('sitemapindex', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, '\n' + entries.join('\n') + '\n') + '\n';
}

/** Pages that are personal, administrative, machine-facing or endless (every search is a page): not for crawlers. */
const privatePaths = ['/admin', '/account', '/api/', '/search', '/login', '/logout', '/register', '/forgot-password', '/reset-password', '/confirm-email'];

/** Probes for proxies and orchestrators (liveness, readiness), which exist in one locale only. */
const probePaths = ['/healthz', '/readyz'];

export function robotsTxt(origin: string): string {
  const disallow = [...privatePaths.flatMap((path) => [`Disallow: ${path}`, `Disallow: /en${path}`]), ...probePaths.map((path) => `Disallow: ${path}`)].join('\n');
  return `User-agent: *\n${disallow}\n\nSitemap: ${origin}/sitemap.xml\n`;
}
