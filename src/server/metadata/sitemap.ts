// /sitemap.xml and /robots.txt: every public page search engines should know about.
import { itemPath } from '../../lib/catalog/paths.ts';
import { robotsTxt, sitemapXml, type SitemapPage } from '../../lib/metadata/sitemap.ts';
import { articleSitemapPages } from '../articles/syndication.ts';
import { catalog } from '../catalog/catalog.ts';
import { listFields } from '../catalog/fields.ts';
import { siteBase } from '../site-url.ts';
import { xmlResponse } from './xml-response.ts';

export async function sitemapResponse(): Promise<Response> {
  const lists = ['/', '/fields', '/library', '/experts', '/research', '/curricula', '/courses', '/privacy', '/accessibility'].map((path) => ({ path }));
  const fields = (await listFields()).map((field) => ({ path: `/fields/${field.slug}` }));
  const items: SitemapPage[] = [...catalog().sitemapEntries()].map((item) => ({ path: itemPath(item), lastmod: item.published }));
  return xmlResponse(sitemapXml(siteBase, [...lists, ...fields, ...items, ...articleSitemapPages()]), 'application/xml');
}

export function robotsResponse(): Response {
  return new Response(robotsTxt(siteBase), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
