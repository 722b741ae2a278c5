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
}

/**
 * Fetches all rows of one method call (every page). The HTTP implementation lives in
 * execute/http-row-source.ts; tests use scripted ones.
 */
export interface RowSource {
  fetch(
    method: Method,
    params: ReadonlyMap<string, Literal>,
    signal?: AbortSignal,
    extras?: FetchExtras,
  ): Promise<ApiRow[]>;
}
