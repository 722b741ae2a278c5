import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** Where in the SQL text an error was found (1-based line and column, 0-based offset). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Options for {@link SkyqlError}. */
export interface SkyqlErrorOptions {
  /** How to fix it, shown after the message. */
  readonly hint?: string;
  readonly position?: SourcePosition;
  readonly cause?: unknown;
}

/**
 * The one error type of skyql. `code` is from the catalogue in error-codes.ts; `message` says what
 * was wrong; `hint` says how to fix it. The CLI prints `message` (and `hint`) without a stack trace.
 */
export class SkyqlError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;

  constructor(code: ErrorCode, message: string, options: SkyqlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SkyqlError';
    this.code = code;
    this.hint = options.hint;
    this.position = options.position;
  }

  /** The SQLSTATE reported over the PostgreSQL wire protocol. */
  get sqlstate(): string {
    return ERROR_CODES[this.code].sqlstate;
  }

  /** Message plus hint, as printed to users. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

/** True when `err` is a {@link SkyqlError} (optionally of the given code). */
export function isSkyqlError(err: unknown, code?: ErrorCode): err is SkyqlError {
  return err instanceof SkyqlError && (code === undefined || err.code === code);
}

/** Wraps an unexpected error so callers always deal with SkyqlError. */
export function toSkyqlError(err: unknown): SkyqlError {
  if (err instanceof SkyqlError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SkyqlError('INTERNAL', message, { cause: err });
}
