// The server's one search service: the embedded SQLite index in the app database, Meilisearch when configured.
// Catalog changes made on the web reach it through the indexing queue, never blocking the request.
import { createHash } from 'node:crypto';
import { catalogDocuments, documentsVersion, publishedArticleInputs } from '../../search/documents.ts';
import { articleDocument, catalogItemDocument, createSearchService, fieldNamesOf, type SearchService } from '../../search/index.ts';
import type { SearchDocument } from '../../search/types.ts';
import type { Db } from '../../db/connection.ts';
import { itemKey, type CatalogItem } from '../lib/content/types.ts';
import { listedArticlesStateSql } from './articles/listed-state.ts';
import { readFields } from './catalog/sources.ts';
import { catalogVersion } from './catalog/store.ts';
import { getDb } from './db.ts';
import { env } from './env.ts';
import { onShutdown } from './ops/process-state.ts';

let service: SearchService | undefined;
let fieldNames: ReturnType<typeof fieldNamesOf> | undefined;

/**
 * A search service over `db`: the server's own, or a CLI's. It reads the catalog (content/ and the database) itself
 * when Meilisearch turns out to have lost its index.
 */
export function openSearch(db: Db, contentDir = env.CONTENT_DIR): SearchService {
  return createSearchService({ database: db.$client, catalog: () => catalogDocuments({ root: contentDir, database: db.$client }) });
}

export function getSearch(): SearchService {
  if (!service) {
    const opened = openSearch(getDb());
    // On SIGTERM, changes still waiting in the indexing queue are written before the process leaves.
    onShutdown('search indexing queue', () => opened.queue.close());
    // Searches are counted a quarter second at a time; the last ones are written before the process leaves.
    onShutdown('search log', () => opened.log.flush());
    service = opened;
  }
  return service;
}

/** Rebuild every engine from the catalog (content/ and the database); run by `search:reindex`. */
export async function reindexCatalog(search: SearchService, db: Db, contentDir = env.CONTENT_DIR): Promise<number> {
  const documents = catalogDocuments({ root: contentDir, database: db.$client });
  await search.reindex(documents);
  return documents.length;
}

/**
 * What the catalog's search documents are made of, in a few small queries instead of reading them: the store's
 * version (raised by every item write and content/ sync), the fields' names, the listed articles' revisions, and the
 * version of the code that makes documents. Equal keys mean equal documents.
 */
export function catalogSearchKey(db: Db, contentDir = env.CONTENT_DIR): string {
  const articles = db.$client.prepare(listedArticlesStateSql).get() as { n: number; revisions: number; updated: number };
  const fields = createHash('sha256').update(JSON.stringify(readFields(contentDir))).digest('base64url');
  return JSON.stringify({ documents: documentsVersion, catalog: catalogVersion(db.$client), fields, articles });
}

/**
 * At start: rebuilt only when the catalog changed since the index was last made whole (`catalogSearchKey`); the
 * documents are read only then. Returns how many the index holds.
 */
export async function reindexCatalogIfChanged(search: SearchService, db: Db, contentDir = env.CONTENT_DIR): Promise<{ documents: number; rebuilt: boolean }> {
  const rebuilt = await search.reindexIfChanged(() => catalogDocuments({ root: contentDir, database: db.$client }), catalogSearchKey(db, contentDir));
  return { documents: await search.engines.embedded.count(), rebuilt };
}

/**
 * After an import saved `items`: their documents added to (or replaced in) the index in batches, not a full rebuild;
 * `keyBefore` is `catalogSearchKey` read before saving, so an index that held the whole catalog is known to still.
 */
export async function indexImportedItems(search: SearchService, db: Db, items: readonly CatalogItem[], keyBefore: string, contentDir = env.CONTENT_DIR): Promise<number> {
  const names = fieldNamesOf(readFields(contentDir));
  const documents = items.flatMap((item) => catalogItemDocument(item, names) ?? []);
  await search.addDocuments(documents, { catalogKey: { before: keyBefore, after: catalogSearchKey(db, contentDir) } });
  return documents.length;
}

const searchFieldNames = () => (fieldNames ??= fieldNamesOf(readFields(env.CONTENT_DIR)));

/** Through the queue: the document as it now is, or out of the index (`id`) when there is none to find. */
function queueDocument(id: string, document: SearchDocument | undefined): void {
  if (document) getSearch().queue.upsert(document);
  else getSearch().queue.remove(id);
}

/** After a web edit: make the item findable as it now is, or unfindable when it is no longer published. */
export function reindexItem(item: CatalogItem): void {
  queueDocument(itemKey(item), catalogItemDocument(item, searchFieldNames()));
}

/** After an article is published or unpublished: its listed revision findable, or the article gone from search. */
export function reindexArticle(db: Db, slug: string): void {
  const [article] = publishedArticleInputs(db.$client, slug);
  queueDocument(`articles/${slug}`, article && articleDocument(article, searchFieldNames()));
}
