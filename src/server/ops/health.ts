// Liveness and readiness for a proxy, an orchestrator or Docker's HEALTHCHECK: /healthz says the process answers
// (nothing else is touched, so a slow database never gets a live server restarted), /readyz says it can do its work.
import { readSearchEnv } from '../../../search/index.ts';
import { getDb } from '../db.ts';
import { isDraining } from './process-state.ts';

type Check = { status: 'ok' } | { status: 'degraded' | 'failing'; reason: string };

export interface Readiness {
  status: 'ready' | 'not-ready';
  checks: { database: Check; search: Check & { engine: 'meilisearch' | 'sqlite' } };
}

const noStore = { 'Cache-Control': 'no-store' };

export function livenessResponse(): Response {
  return Response.json({ status: 'ok' }, { headers: noStore });
}

/**
 * Writable, not merely readable: BEGIN IMMEDIATE takes SQLite's write lock (a read-only file, a full or lost disk, a
 * stuck writer all fail here) and ROLLBACK writes nothing. The busy timeout is shortened so a probe does not hang.
 */
function checkDatabase(): Check {
  const sqlite = getDb().$client;
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    sqlite.pragma('busy_timeout = 1000');
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
    return { status: 'ok' };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    return { status: 'failing', reason: (error as Error).message };
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** Meilisearch's own /health; when it does not answer, searches come from the embedded index: degraded, still ready. */
async function checkSearch(): Promise<Readiness['checks']['search']> {
  const env = readSearchEnv();
  if (!env.MEILISEARCH_URL || !env.MEILISEARCH_KEY) return { status: 'ok', engine: 'sqlite' };
  try {
    const response = await fetch(new URL('/health', env.MEILISEARCH_URL), { signal: AbortSignal.timeout(Math.min(env.SEARCH_TIMEOUT_MS, 1000)) });
    if (response.ok) return { status: 'ok', engine: 'meilisearch' };
    return { status: 'degraded', engine: 'meilisearch', reason: `meilisearch answered ${response.status}; searches use the embedded index` };
  } catch (error) {
    return { status: 'degraded', engine: 'meilisearch', reason: `meilisearch unreachable (${(error as Error).message}); searches use the embedded index` };
  }
}

export async function readiness(): Promise<Readiness> {
  const [database, search] = [checkDatabase(), await checkSearch()];
  const ready = database.status === 'ok' && !isDraining();
  return { status: ready ? 'ready' : 'not-ready', checks: { database, search } };
}

/** 200 when ready (search may be degraded), 503 when the database is not writable or the server is shutting down. */
export async function readinessResponse(): Promise<Response> {
  const result = await readiness();
  const body = isDraining() ? { ...result, reason: 'shutting down' } : result;
  return Response.json(body, { status: result.status === 'ready' ? 200 : 503, headers: noStore });
}
