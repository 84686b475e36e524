// Recent search results in memory, so the same search asked again (by many visitors at once, or by one paging back)
// costs a lookup instead of a query of every engine. An entry belongs to one version of the index: `version` is
// whatever changes whenever the index's contents may have (a write through this service, another process's commit);
// an entry made under another version is never given out. Searches for one key asked while the first is still being
// answered share its answer instead of each querying the engines.

export interface ResultCacheOptions {
  /** At most this many results kept, least recently used out first. */
  entries?: number;
  /** An entry older than this is asked again: bounds what no version covers (Meilisearch changed by another process). */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry<T> {
  version: string;
  at: number;
  maxAgeMs: number;
  value: Promise<T>;
}

export interface ResultCache<T> {
  /**
   * The answer for `key` at `version`: kept, being made, or made now by `make`. `keepMs(value)` says how long a made
   * answer may be given out (0: not kept; a degraded answer is kept briefly so a stopped engine is retried soon).
   */
  get(key: string, version: () => string, make: () => Promise<T>, keepMs?: (value: T) => number): Promise<T>;
  clear(): void;
  readonly size: number;
}

export function createResultCache<T>(options: ResultCacheOptions = {}): ResultCache<T> {
  const limit = options.entries ?? 500;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: a hit is moved to the end, so the first key is the least recently used.
  const entries = new Map<string, Entry<T>>();

  return {
    get(key, version, make, keepMs = () => maxAgeMs) {
      const at = now();
      const current = version();
      const found = entries.get(key);
      if (found && found.version === current && at - found.at < found.maxAgeMs) {
        entries.delete(key);
        entries.set(key, found);
        return found.value;
      }
      const value = make();
      const entry: Entry<T> = { version: current, at, maxAgeMs, value };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      value.then(
        (made) => {
          // Answered while the index changed under it: it may hold either state, so it is not kept.
          const keep = version() === current ? Math.min(keepMs(made), maxAgeMs) : 0;
          if (keep > 0) entry.maxAgeMs = keep;
          else if (entries.get(key) === entry) entries.delete(key);
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return value;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
