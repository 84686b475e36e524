// /sitemap.xml and /robots.txt: every public page search engines should know about.
import { itemPath } from '../../lib/catalog/paths.ts';
import { robotsTxt, sitemapXml, type SitemapPage } from '../../lib/metadata/sitemap.ts';
import { catalog } from '../catalog/catalog.ts';
import { listFields } from '../catalog/fields.ts';
import { publicBase, xmlResponse } from './public-url.ts';

export async function sitemapResponse(requestUrl: URL): Promise<Response> {
  const lists = ['/', '/fields', '/library', '/experts', '/research', '/curricula'].map((path) => ({ path }));
  const fields = (await listFields()).map((field) => ({ path: `/fields/${field.slug}` }));
  const items: SitemapPage[] = [...catalog().sitemapEntries()].map((item) => ({ path: itemPath(item), lastmod: item.published }));
  return xmlResponse(sitemapXml(publicBase(requestUrl), [...lists, ...fields, ...items]), 'application/xml');
}

export function robotsResponse(requestUrl: URL): Response {
  return new Response(robotsTxt(publicBase(requestUrl)), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
