import type { ErrorCode } from '../../base/errors/error-codes.js';
import type { SourcePosition } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { ExtraFunctions } from './stackql-functions.js';

/** What the pool sends a runner process: a query on a session file, or "close that file". */
export type RunnerRequest =
  | {
      readonly kind: 'read';
      readonly id: number;
      readonly file: string;
      readonly functions: ExtraFunctions;
      readonly sql: string;
      readonly maxResultBytes?: number;
      /** Ask before sending the result: the runner answers its size, the pool says whether it fits. */
      readonly metered?: boolean;
    }
  /** The answer to a metered query's size: send the result, or drop it (the pool has already failed the query). */
  | { readonly kind: 'deliver'; readonly id: number; readonly ok: boolean }
  | { readonly kind: 'forget'; readonly file: string };

/**
 * What a runner answers: ready (once, at start), a metered query's size (bytes of its rows plus
 * ROW_MEMORY_OVERHEAD each) before its result, a result, or a typed error.
 */
export type RunnerReply =
  | { readonly id: number; readonly ready: true }
  | { readonly id: number; readonly size: number }
  | { readonly id: number; readonly result: ResultSet }
  | {
      readonly id: number;
      readonly error: {
        readonly code: ErrorCode;
        readonly message: string;
        readonly hint?: string;
        readonly position?: SourcePosition;
      };
    };
