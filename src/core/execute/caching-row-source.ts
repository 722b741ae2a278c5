import { isSkyqlError } from '../../base/errors/skyql-error.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';
import { abortable, throwIfCancelled } from './abortable.js';
import { cacheKey, type ResponseCache } from './response-cache.js';
import type { ApiRow, FetchExtras, RowSource } from './row-source.js';

/**
 * A {@link RowSource} decorator that answers repeated calls from a {@link ResponseCache}.
 * With `refresh` it never reads the cache but stores what it fetched (the `/*+ NOCACHE *\/` hint);
 * a `fresh` call (an EXEC subquery) goes to the API and is not stored.
 * A caller whose signal aborts stops waiting at once; another caller's cancelled request is retried
 * rather than reported.
 */
export class CachingRowSource implements RowSource {
  constructor(
    private readonly inner: RowSource,
    private readonly cache: ResponseCache,
    private readonly refresh = false,
  ) {}

  async fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<ApiRow[]> {
    if (!this.cache.enabled || extras?.fresh) return this.inner.fetch(method, params, signal, extras);
    const key = cacheKey(method, params);
    for (;;) {
      throwIfCancelled(signal);
      const hit = this.refresh ? undefined : this.cache.get(key);
      if (!hit) {
        const rows = this.inner.fetch(method, params, signal);
        this.cache.put(key, rows);
        return rows;
      }
      try {
        return await abortable(hit, signal);
      } catch (err) {
        // Someone else's call was cancelled: try again with ours, unless ours was cancelled too.
        if (!isSkyqlError(err, 'CANCELLED') || signal?.aborted) throw err;
      }
    }
  }
}
