import { isSkyqlError } from '../../base/errors/skyql-error.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';
import { abortable, throwIfCancelled } from './abortable.js';
import { cacheKey, type ResponseCache } from './response-cache.js';
import {
  type ApiRow,
  collectRows,
  type FetchExtras,
  type PageSink,
  type RowSource,
  streamRows,
} from './row-source.js';

/**
 * Rows of one call the cache keeps at most. A call that streams more is passed through page by
 * page and not kept, so a large list never has to sit in memory whole; repeating such a query
 * calls the API again.
 */
export const MAX_CACHED_ROWS = 20_000;

/** Settles a shared call that turned out too large to keep: whoever waited on it calls the API itself. */
class NotKept extends Error {}

/**
 * A {@link RowSource} decorator that answers repeated calls from a {@link ResponseCache}.
 * With `refresh` it never reads the cache but stores what it fetched (the `/*+ NOCACHE *\/` hint);
 * a `fresh` call (an EXEC subquery) goes to the API and is not stored.
 * A caller whose signal aborts stops waiting at once; another caller's cancelled request is retried
 * rather than reported. Streaming keeps whole calls of up to {@link MAX_CACHED_ROWS} rows.
 */
export class CachingRowSource implements RowSource {
  constructor(
    private readonly inner: RowSource,
    private readonly cache: ResponseCache,
    private readonly refresh = false,
    private readonly maxRows = MAX_CACHED_ROWS,
  ) {}

  fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<ApiRow[]> {
    return collectRows((sink) => this.stream(method, params, sink, signal, extras));
  }

  async stream(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<void> {
    if (!this.cache.enabled || extras?.fresh)
      return streamRows(this.inner, method, params, sink, signal, extras);
    const key = cacheKey(method, params);
    for (;;) {
      throwIfCancelled(signal);
      const hit = this.refresh ? undefined : this.cache.get(key);
      if (!hit) return this.streamAndKeep(key, method, params, sink, signal, extras);
      let rows: ApiRow[];
      try {
        rows = await abortable(hit, signal);
      } catch (err) {
        // Someone else's call was cancelled or too large to keep: try again with ours, unless ours was cancelled.
        if (!(err instanceof NotKept || isSkyqlError(err, 'CANCELLED')) || signal?.aborted) throw err;
        continue;
      }
      return sink(rows);
    }
  }

  /**
   * Streams the call through to `sink` while collecting its rows for the cache (others asking
   * meanwhile wait for them); past `maxRows` it stops collecting and keeps nothing.
   */
  private async streamAndKeep(
    key: string,
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal: AbortSignal | undefined,
    extras: FetchExtras | undefined,
  ): Promise<void> {
    let settle!: { resolve: (rows: ApiRow[]) => void; reject: (err: unknown) => void };
    this.cache.put(key, new Promise<ApiRow[]>((resolve, reject) => (settle = { resolve, reject })));
    let kept: ApiRow[] | undefined = [];
    try {
      await streamRows(
        this.inner,
        method,
        params,
        (page) => {
          if (kept && kept.length + page.length <= this.maxRows) for (const r of page) kept.push(r);
          else kept = undefined;
          return sink(page);
        },
        signal,
        extras,
      );
    } catch (err) {
      settle.reject(err);
      throw err;
    }
    if (kept) settle.resolve(kept);
    else settle.reject(new NotKept(`${method.resourceFqn}.${method.name}: too many rows to keep`));
  }
}
