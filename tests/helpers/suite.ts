// One server (and database connection, and browser) per test file, started before its tests and stopped after.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Db } from '../../db/connection.ts';
import { openServerDb } from './accounts.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServerSuite {
  server: RunningServer;
  /** The test's own connection to the server's SQLite file. */
  db: Db;
}

/** The built server for this file's tests; read `server` and `db` inside tests and hooks, not at import. */
export function useServer(options: Parameters<typeof startServer>[0] = {}): ServerSuite {
  const suite = {} as ServerSuite;
  // startServer waits up to 90 s for a first answer (a loaded machine); the hook waits for it.
  beforeAll(async () => {
    suite.server = await startServer(options);
    suite.db = openServerDb(suite.server);
  }, 120_000);
  afterAll(async () => {
    suite.db?.$client.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Where a failed browser test leaves a screenshot of each page it had open. */
export const screenshotDir = join(tmpdir(), 'ic-e2e-screenshots');

/** Debian's Chromium for this file's browser tests; a failed test leaves screenshots in screenshotDir. */
export function useBrowser(): { browser: Browser } {
  const suite = {} as { browser: Browser };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !suite.browser) return;
    mkdirSync(screenshotDir, { recursive: true });
    const pages = suite.browser.contexts().flatMap((context) => context.pages());
    for (const [i, page] of pages.entries()) {
      const file = join(screenshotDir, `${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${i + 1}.png`);
      const taken = await page.screenshot({ path: file, fullPage: true }).then(() => true, () => false);
      if (taken) console.error(`screenshot of ${page.url()} when "${task.name}" failed: ${file}`);
    }
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
