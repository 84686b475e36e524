// One server (and database connection, and browser) per test file, started before its tests and stopped after.
import { afterAll, beforeAll } from 'vitest';
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
  beforeAll(async () => {
    suite.server = await startServer(options);
    suite.db = openServerDb(suite.server);
  });
  afterAll(async () => {
    suite.db?.$client.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Debian's Chromium for this file's browser tests. */
export function useBrowser(): { browser: Browser } {
  const suite = {} as { browser: Browser };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
