// Both search engines for a suite: the embedded one over a real SQLite file and a real Meilisearch, started before
// the suite and stopped after it, with the domain dictionary the server uses.
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createMeilisearchEngine } from '../../search/engines/meilisearch.ts';
import { createSqliteEngine, type SqliteEngineOptions } from '../../search/engines/sqlite.ts';
import { Dictionary } from '../../search/text.ts';
import { domainDictionaryWords } from '../../search/vocabulary.ts';
import { startMeilisearch, type RunningMeilisearch } from './meilisearch.ts';
import { tempDir } from './server.ts';

/** `name` names the temporary directory and the Meilisearch index. */
export function useSearchEngines(name: string) {
  const dictionary = domainDictionaryWords();
  const dir = tempDir(`ic-${name}-`);
  const database = new Database(`${dir.path}/search.db`);
  let meilisearch: RunningMeilisearch | undefined;
  beforeAll(async () => {
    meilisearch = await startMeilisearch();
  });
  afterAll(async () => {
    database.close();
    dir.remove();
    await meilisearch?.stop();
  });
  return {
    sqlite: (options: Partial<SqliteEngineOptions> = {}) => createSqliteEngine({ database, dictionary: new Dictionary(dictionary), ...options }),
    meilisearch: () => createMeilisearchEngine({ url: meilisearch!.url, key: meilisearch!.key, index: name, dictionary, timeoutMs: 10_000 }),
  };
}
