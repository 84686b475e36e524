// The server's one search service: the embedded SQLite index in the app database, Meilisearch when configured.
// Catalog changes made on the web reach it through the indexing queue, never blocking the request.
import { catalogDocuments, publishedArticleInputs } from '../../search/documents.ts';
import { articleDocument, catalogItemDocument, createSearchService, fieldNamesOf, type SearchService } from '../../search/index.ts';
import type { SearchDocument } from '../../search/types.ts';
import type { Db } from '../../db/connection.ts';
import { itemKey, type CatalogItem } from '../lib/content/types.ts';
import { readFields } from './catalog/sources.ts';
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
    service = opened;
  }
  return service;
}

/** Rebuild every engine from the catalog (content/ and the database); run by the launcher and `search:reindex`. */
export async function reindexCatalog(search: SearchService, db: Db, contentDir = env.CONTENT_DIR): Promise<number> {
  const documents = catalogDocuments({ root: contentDir, database: db.$client });
  await search.reindex(documents);
  return documents.length;
}

/** The same at start: skipped when the index already holds exactly the catalog (a fingerprint kept with it). */
export async function reindexCatalogIfChanged(search: SearchService, db: Db, contentDir = env.CONTENT_DIR): Promise<{ documents: number; rebuilt: boolean }> {
  const documents = catalogDocuments({ root: contentDir, database: db.$client });
  return { documents: documents.length, rebuilt: await search.reindexIfChanged(documents) };
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
