// /sitemap.xml and /robots.txt: every public page search engines should know about.
import { itemPath } from '../../lib/catalog/paths.ts';
import { robotsTxt, sitemapFileCount, sitemapIndexXml, sitemapXml, type SitemapPage } from '../../lib/metadata/sitemap.ts';
import { articleSitemapPages } from '../articles/syndication.ts';
import { catalog } from '../catalog/catalog.ts';
import { listFields } from '../catalog/fields.ts';
import { env } from '../env.ts';
import { siteBase } from '../site-url.ts';
import { xmlResponse } from './xml-response.ts';

/**
 * Every address the sitemap lists, in a fixed order (lists, fields, items, articles), as its count and a way to read
 * any stretch of it: the items, which may be hundreds of thousands, are read from the store a page at a time.
 */
async function sitemapAddresses() {
  const lists = ['/', '/fields', '/library', '/experts', '/research', '/curricula', '/courses', '/privacy', '/accessibility'].map((path) => ({ path }));
  const head: SitemapPage[] = [...lists, ...(await listFields()).map((field) => ({ path: `/fields/${field.slug}` }))];
  const tail = articleSitemapPages();
  const store = catalog();
  const items = store.publishedCount();
  return {
    total: head.length + items + tail.length,
    slice(from: number, to: number): SitemapPage[] {
      const fromItems = Math.max(0, from - head.length);
      const toItems = Math.min(items, Math.max(0, to - head.length));
      const listed = toItems > fromItems ? [...store.sitemapEntries(fromItems, toItems - fromItems)] : [];
      return [
        ...head.slice(from, to),
        ...listed.map((item) => ({ path: itemPath(item), lastmod: item.published })),
        ...tail.slice(Math.max(0, from - head.length - items), Math.max(0, to - head.length - items)),
      ];
    },
  };
}

/** /sitemap.xml: every address while they fit in one file (SITEMAP_PAGE_SIZE), past that an index of the files. */
export async function sitemapResponse(): Promise<Response> {
  const addresses = await sitemapAddresses();
  const files = sitemapFileCount(addresses.total, env.SITEMAP_PAGE_SIZE);
  if (files === 1) return xmlResponse(sitemapXml(siteBase, addresses.slice(0, addresses.total)), 'application/xml');
  return xmlResponse(sitemapIndexXml(siteBase, files), 'application/xml');
}

/** /sitemap-N.xml: the Nth stretch of SITEMAP_PAGE_SIZE addresses; 404 past the last. */
export async function sitemapFileResponse(file: number): Promise<Response> {
  const addresses = await sitemapAddresses();
  if (!Number.isInteger(file) || file < 1 || file > sitemapFileCount(addresses.total, env.SITEMAP_PAGE_SIZE)) {
    return new Response('Not found · ไม่พบ', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const from = (file - 1) * env.SITEMAP_PAGE_SIZE;
  return xmlResponse(sitemapXml(siteBase, addresses.slice(from, from + env.SITEMAP_PAGE_SIZE)), 'application/xml');
}

export function robotsResponse(): Response {
  return new Response(robotsTxt(siteBase), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
