/**
 * One 'abort' listener per signal, fanning out to any number of callbacks. A statement's signal is
 * shared by every request of a fan-out; a listener each would pass EventTarget's limit of 10 and
 * print a MaxListenersExceededWarning on every wide fan-out. Callbacks are removed when their work
 * ends, so the set holds only the work still in flight.
 */

const fanouts = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` once when `signal` aborts (at once when it already has); returns the function that
 * forgets `fn`.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => {};
  }
  let set = fanouts.get(signal);
  if (set === undefined) {
    const callbacks = new Set<() => void>();
    signal.addEventListener(
      'abort',
      () => {
        for (const f of [...callbacks]) f();
        callbacks.clear();
      },
      { once: true },
    );
    fanouts.set(signal, callbacks);
    set = callbacks;
  }
  const callbacks = set;
  callbacks.add(fn);
  return () => {
    callbacks.delete(fn);
  };
}

/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const forget = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : () => {};
    const timer = setTimeout(() => {
      forget();
      resolve();
    }, ms);
  });
}
