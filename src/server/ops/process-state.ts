// What the launcher (serve.ts, run as plain Node) and the built Astro bundle (its own copy of every module) must share
// in one process: the current request's context, whether the server is draining, what to do before exiting, and the
// endpoints the site server answers before Astro's handler (src/server/http/direct-routes.ts).
// Kept on globalThis under a registered symbol, so both copies of this module see the same objects.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  requestId: string;
  /** Filled by the middleware once the session is read, so the access log can name who asked. */
  userId?: number;
}

interface ProcessState {
  requests: AsyncLocalStorage<RequestContext>;
  draining: boolean;
  /** Run once the server has stopped taking requests (the indexing queue's flush, closing the database). */
  shutdownHooks: Map<string, () => Promise<void> | void>;
  /** POST handlers by exact path, registered by the bundle once its middleware has loaded. */
  directRoutes: Map<string, DirectRoute>;
}

export type DirectRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const key = Symbol.for('intelligent-center.process-state');
const state: ProcessState = ((globalThis as Record<symbol, ProcessState | undefined>)[key] ??= {
  requests: new AsyncLocalStorage<RequestContext>(),
  draining: false,
  shutdownHooks: new Map(),
  directRoutes: new Map(),
});

export const requestContexts = state.requests;

/** The request being served by the calling code, if any. */
export const currentRequest = (): RequestContext | undefined => state.requests.getStore();

export const isDraining = (): boolean => state.draining;

/** Register (or replace, by name) something to finish before the process exits. */
export function onShutdown(name: string, hook: () => Promise<void> | void): void {
  state.shutdownHooks.set(name, hook);
}

/** Run every hook in the order registered; failures are returned, not thrown, so each hook gets its turn. */
export async function runShutdownHooks(): Promise<{ name: string; error: Error }[]> {
  const failures: { name: string; error: Error }[] = [];
  for (const [name, hook] of state.shutdownHooks) {
    try {
      await hook();
    } catch (error) {
      failures.push({ name, error: error as Error });
    }
  }
  return failures;
}

/** From now on readiness fails, so a proxy sends new requests elsewhere while these finish. */
export function startDraining(): void {
  state.draining = true;
}

/** Answer POSTs to `path` (exactly, without a query) with `route` from now on, before Astro's handler. */
export function registerDirectRoute(path: string, route: DirectRoute): void {
  state.directRoutes.set(path, route);
}

/** The handler registered for this request, if any: POST only, the path exactly as registered. */
export function directRouteFor(method: string | undefined, url: string | undefined): DirectRoute | undefined {
  if (method !== 'POST' || !url || url.includes('?')) return undefined;
  return state.directRoutes.get(url);
}
