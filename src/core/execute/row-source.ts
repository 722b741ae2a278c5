import type { Method } from '../catalog/model/catalog-types.js';
import type { Literal } from '../sql/select/select-model.js';

/** One API row: the response object's top-level properties (nested values as JS objects). */
export type ApiRow = Readonly<Record<string, unknown>>;

/** What a call may carry beyond its parameters. */
export interface FetchExtras {
  /** The whole request body (an EXEC subquery's `@@json`). */
  readonly body?: unknown;
  /** Call the API even when a cached answer exists, and keep none (EXEC subqueries: a method may write). */
  readonly fresh?: boolean;
  /**
   * Called once the call's last response has come (none of its requests is in flight or still to
   * be sent), before its last page goes to the sink: a fan-out sends its next call meanwhile
   * (map-concurrent.ts). A source that cannot tell never calls it; the caller then waits for the end.
   */
  readonly onLastResponse?: () => void;
}

/**
 * Takes one page of a call's rows. A source awaits it before it hands over the next page (the
 * next request is already on its way), so a call never holds more than a page or two in memory.
 */
export type PageSink = (rows: ApiRow[]) => void | Promise<void>;

/**
 * Fetches the rows of one method call (every page). The HTTP implementation lives in
 * execute/http-row-source.ts; tests use scripted ones.
 */
export interface RowSource {
  /** All rows of the call at once, when every page came. */
  fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<ApiRow[]>;
  /**
   * The rows page by page into `sink` as they come; resolves once the last page was taken and
   * rejects when a page fails (the pages before it were already handed over: the caller discards
   * them). Sources without it are read through {@link fetch}, as one page ({@link streamRows}).
   */
  stream?(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    sink: PageSink,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<void>;
}

/** A call's rows page by page from any source (one page from a source that cannot stream). */
export async function streamRows(
  source: RowSource,
  method: Method,
  params: ReadonlyMap<string, Literal>,
  sink: PageSink,
  signal?: AbortSignal,
  extras?: FetchExtras,
): Promise<void> {
  if (source.stream) return source.stream(method, params, sink, signal, extras);
  await sink(await source.fetch(method, params, signal, extras));
}

/** Every row of a streamed call, collected (what {@link RowSource.fetch} returns). */
export async function collectRows(stream: (sink: PageSink) => Promise<void>): Promise<ApiRow[]> {
  const rows: ApiRow[] = [];
  await stream((page) => {
    for (const r of page) rows.push(r);
  });
  return rows;
}
