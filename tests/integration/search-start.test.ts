// The launcher rebuilds the search index only when the catalog changed since the index was built.
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, tempDir } from '../helpers/server.ts';

const dir = tempDir('ic-search-start-');
afterAll(() => dir.remove());

describe('search index at start', () => {
  it('is built on a new database, then left as it is on a start with nothing changed', async () => {
    const databasePath = `${dir.path}/start.db`;
    const first = await startServer({ databasePath });
    await first.stop();
    expect(first.output()).toMatch(/search: indexed \d+ catalog items/);

    const second = await startServer({ databasePath });
    try {
      expect(second.output()).toMatch(/search: the index already holds the \d+ catalog items, not rebuilt/);
      const page = await fetch(`${second.url}/search?q=${encodeURIComponent('ไฟฟ้า')}`);
      expect(await page.text()).toMatch(/พบ [1-9]\d* รายการ/);
    } finally {
      await second.stop();
    }
  }, 90_000); // two fresh servers, each preparing the demo site: 10–15 s each on a quiet machine, far more on a busy one
});

describe('search index at start without Meilisearch answering', () => {
  it('starts on the embedded index, says so, and finds things', async () => {
    // Nothing listens on port 9 (discard): every Meilisearch call fails at once.
    const server = await startServer({ databasePath: `${dir.path}/no-meili.db`, env: { MEILISEARCH_URL: 'http://127.0.0.1:9', MEILISEARCH_KEY: 'k' } });
    try {
      expect(server.output()).toMatch(/search: meilisearch could not be filled/);
      expect(server.output()).toMatch(/search: indexed \d+ catalog items/);
      const page = await fetch(`${server.url}/search?q=${encodeURIComponent('ไฟฟ้า')}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/พบ [1-9]\d* รายการ/);
    } finally {
      await server.stop();
    }
  });
});
