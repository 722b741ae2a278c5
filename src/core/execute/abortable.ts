import { SkyqlError } from '../../base/errors/skyql-error.js';
import { raceSignal } from '../../base/util/race-signal.js';

/** The CANCELLED error of a statement stopped by its caller (Ctrl-C, a wire-protocol cancel). */
function statementCancelled(cause?: unknown): SkyqlError {
  return new SkyqlError('CANCELLED', 'statement cancelled', { cause });
}

/** Throws CANCELLED when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw statementCancelled(signal.reason);
}

/** Settles like `promise`, or rejects with CANCELLED as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return raceSignal(promise, signal, statementCancelled);
}
