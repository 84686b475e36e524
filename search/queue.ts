// The indexing queue: a web request enqueues a change and returns at once; the queue writes it to every engine within
// about a second, coalescing changes to the same id and retrying an engine that failed.
import type { SearchDocument, SearchEngine } from './types.ts';

type Change = { kind: 'upsert'; document: SearchDocument } | { kind: 'remove'; id: string };

export interface IndexingQueue {
  /** Make this document findable (it replaces any earlier version with the same id). */
  upsert(document: SearchDocument): void;
  /** Make it unfindable: deleted, unpublished, made a draft. */
  remove(id: string): void;
  /** Resolves when everything enqueued so far has been written, or given up on after the retries. */
  flush(): Promise<void>;
  /** Changes not yet written, per engine. */
  pending(): Record<string, number>;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** How long changes gather before a write (ms); well under the 5 s the issue allows. */
  delayMs?: number;
  /** Pauses before each retry of a failed write (ms); a change is dropped (and logged) after the last. */
  retryDelaysMs?: number[];
  log?: (message: string) => void;
}

export function createIndexingQueue(engines: SearchEngine[], options: QueueOptions = {}): IndexingQueue {
  const delayMs = options.delayMs ?? 300;
  const retryDelays = options.retryDelaysMs ?? [1000, 2000, 4000, 8000];
  const log = options.log ?? ((message: string) => console.warn(message));

  const lanes = engines.map((engine) => {
    const waiting = new Map<string, Change>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let failures = 0;

    async function write(batch: Map<string, Change>) {
      const changes = [...batch.values()];
      const upserts = changes.flatMap((c) => (c.kind === 'upsert' ? [c.document] : []));
      const removals = changes.flatMap((c) => (c.kind === 'remove' ? [c.id] : []));
      try {
        if (removals.length) await engine.remove(removals);
        if (upserts.length) await engine.upsert(upserts);
        failures = 0;
      } catch (error) {
        const pause = retryDelays[failures];
        failures++;
        if (pause === undefined) {
          log(`search: gave up writing ${batch.size} change(s) to ${engine.name}: ${(error as Error).message}`);
          failures = 0;
          return;
        }
        log(`search: writing ${batch.size} change(s) to ${engine.name} failed, retrying in ${pause} ms: ${(error as Error).message}`);
        // A newer change to the same id, enqueued meanwhile, wins over the one being retried.
        for (const [id, change] of batch) if (!waiting.has(id)) waiting.set(id, change);
        schedule(pause);
      }
    }

    function schedule(after: number) {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const batch = new Map(waiting);
        waiting.clear();
        running = running.then(() => write(batch));
      }, after);
      timer.unref?.();
    }

    return {
      engine,
      waiting,
      add(change: Change, id: string) {
        waiting.delete(id);
        waiting.set(id, change);
        schedule(delayMs);
      },
      async drain() {
        // Keep going until nothing waits and nothing runs, retries included.
        for (;;) {
          await running;
          if (!timer && waiting.size === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stop() {
        if (timer) clearTimeout(timer);
        timer = undefined;
      },
    };
  });

  return {
    upsert(document) {
      for (const lane of lanes) lane.add({ kind: 'upsert', document }, document.id);
    },
    remove(id) {
      for (const lane of lanes) lane.add({ kind: 'remove', id }, id);
    },
    async flush() {
      await Promise.all(lanes.map((lane) => lane.drain()));
    },
    pending() {
      return Object.fromEntries(lanes.map((lane) => [lane.engine.name, lane.waiting.size]));
    },
    async close() {
      await Promise.all(lanes.map((lane) => lane.drain()));
      lanes.forEach((lane) => lane.stop());
    },
  };
}
