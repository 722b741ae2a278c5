import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';
import type { ApiRow } from './row-source.js';

/** How long `shell` and `srv` keep API responses unless `--cache.ttl` says otherwise. */
export const DEFAULT_CACHE_TTL_MS = 300_000;

/** Settings of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** How long a response stays fresh, in milliseconds; 0 turns caching off. */
  readonly ttlMs: number;
  /** Entries kept at most; the oldest are dropped first (default 500). */
  readonly maxEntries?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

interface Entry {
  readonly rows: Promise<ApiRow[]>;
  /** When the rows stop being fresh; Infinity while the call is in flight. */
  expires: number;
}

/** The cache key of one call: method and parameters (sorted, with their JS types). */
export function cacheKey(method: Method, params: ReadonlyMap<string, Literal>): string {
  const p = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, typeof v, v]);
  return `${method.resourceFqn}.${method.name}\u0000${JSON.stringify(p)}`;
}

/**
 * API responses (rows of one method call with one set of parameters) kept for a TTL, so repeating a
 * query is served from memory. Concurrent identical calls share one request. Failed calls are not
 * kept. One cache may be shared by many sessions (the wire server does) when they share credentials.
 */
export class ResponseCache {
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: ResponseCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** True when caching is on (TTL > 0). */
  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The fresh (or in-flight) rows for `key`, if any. */
  get(key: string): Promise<ApiRow[]> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.rows;
  }

  /** Keeps `rows` under `key` (in flight until it settles; dropped if it fails). */
  put(key: string, rows: Promise<ApiRow[]>): void {
    if (!this.enabled) return;
    const entry: Entry = { rows, expires: Number.POSITIVE_INFINITY };
    this.entries.delete(key);
    this.entries.set(key, entry);
    rows.then(
      () => {
        entry.expires = this.now() + this.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets everything (after a mutation, for example). */
  clear(): void {
    this.entries.clear();
  }

  /** Entries held (fresh or not yet swept). */
  get size(): number {
    return this.entries.size;
  }
}
