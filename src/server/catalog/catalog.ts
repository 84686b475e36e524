// The one catalog every page reads: the indexed store in the server's database (queries.ts), holding the curated
// content/ items and the items admins edit on the web alike; a web edit of a file item wins over the file.
import { isContentType, type CatalogItem } from '../../lib/content/types.ts';
import { getDb } from '../db.ts';
import { catalogStore, type CatalogStore } from './queries.ts';

export const catalog = (): CatalogStore => catalogStore(getDb());

/** The published item a URL names, or undefined when the type or slug names nothing. */
export function findPublishedItem(type: string | undefined, slug: string | undefined): CatalogItem | undefined {
  if (!isContentType(type) || !slug) return undefined;
  return catalog().find(type, slug);
}
