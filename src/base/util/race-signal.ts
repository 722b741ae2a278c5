import { onAbort } from './abort-fanout.js';

/**
 * Settles like `promise`, or rejects with `abortError(reason)` as soon as `signal` aborts (the
 * promise itself keeps running; callers that share it are not affected).
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  abortError: (reason: unknown) => Error,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const forget = onAbort(signal, () => reject(abortError(signal.reason)));
    promise.then(
      (v) => {
        forget();
        resolve(v);
      },
      (e: unknown) => {
        forget();
        reject(e);
      },
    );
  });
}
