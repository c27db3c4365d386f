// A small LRU cache with a per-entry time to live, for unwrapped DEKs: bounded in entries, so key
// material in memory is bounded too, and bounded in age, so a missed invalidation heals by itself.
// Map iteration order is insertion order: re-inserting on read makes the first key the least recent.

/** Options of createLruCache. */
export interface LruCacheOptions<V> {
  readonly maxEntries: number;
  readonly ttlMs: number;
  readonly now?: () => number;
  /** Called with every value that leaves the cache (evicted, expired, deleted, cleared). */
  readonly onEvict?: (value: V) => void;
}

/** A bounded LRU map with TTL. */
export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): boolean;
  /** Deletes every entry whose value matches; returns how many. */
  deleteWhere(match: (value: V, key: string) => boolean): number;
  clear(): void;
  readonly size: number;
  /** Hits and misses since creation. */
  stats(): { hits: number; misses: number };
}

/** Creates an LRU cache; maxEntries 0 disables caching. */
export function createLruCache<V>(options: LruCacheOptions<V>): LruCache<V> {
  const now = options.now ?? Date.now;
  const map = new Map<string, { value: V; expiresAt: number }>();
  let hits = 0;
  let misses = 0;
  const drop = (key: string, value: V): void => {
    map.delete(key);
    options.onEvict?.(value);
  };
  return {
    get(key) {
      const e = map.get(key);
      if (!e) { misses += 1; return undefined; }
      if (e.expiresAt <= now()) { drop(key, e.value); misses += 1; return undefined; }
      map.delete(key);
      map.set(key, e);
      hits += 1;
      return e.value;
    },
    set(key, value) {
      if (options.maxEntries <= 0) return;
      const old = map.get(key);
      if (old) drop(key, old.value);
      map.set(key, { value, expiresAt: now() + options.ttlMs });
      while (map.size > options.maxEntries) {
        const first = map.keys().next();
        if (first.done === true) break;
        const e = map.get(first.value);
        if (e) drop(first.value, e.value);
      }
    },
    delete(key) {
      const e = map.get(key);
      if (!e) return false;
      drop(key, e.value);
      return true;
    },
    deleteWhere(match) {
      let n = 0;
      for (const [k, e] of [...map]) if (match(e.value, k)) { drop(k, e.value); n += 1; }
      return n;
    },
    clear() {
      for (const [k, e] of [...map]) drop(k, e.value);
    },
    get size() { return map.size; },
    stats: () => ({ hits, misses }),
  };
}
