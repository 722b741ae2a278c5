/**
 * Cancels one pool request: a single callback slot. The transport makes one per attempt (for the
 * statement's signal and the response timeout); an AbortController there (an EventTarget, its
 * signal and a listener each) cost ~10 µs per request, a visible share of a fast fan-out's CPU.
 */
export class RequestCancel {
  private listener: ((reason: unknown) => void) | undefined;
  private outcome: { readonly reason: unknown } | undefined;

  get cancelled(): boolean {
    return this.outcome !== undefined;
  }

  /** Cancels with `reason` (the first call counts). */
  cancel(reason: unknown): void {
    if (this.outcome) return;
    this.outcome = { reason };
    const listener = this.listener;
    this.listener = undefined;
    listener?.(reason);
  }

  /** Calls `fn` once when cancelled (at once if it already was); one listener, the latest. */
  listen(fn: (reason: unknown) => void): void {
    if (this.outcome) fn(this.outcome.reason);
    else this.listener = fn;
  }

  /** The listener is no longer wanted (the request ended). */
  forget(): void {
    this.listener = undefined;
  }

  /** An AbortSignal following this cancellation, for clients that take one (undici). */
  toSignal(): AbortSignal {
    const ac = new AbortController();
    this.listen((reason) => ac.abort(reason));
    return ac.signal;
  }
}
