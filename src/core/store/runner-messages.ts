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
    }
  | { readonly kind: 'forget'; readonly file: string };

/** What a runner answers: ready (once, at start), a result, or a typed error. */
export type RunnerReply =
  | { readonly id: number; readonly ready: true }
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
