import { monotonicMs } from '../../base/util/monotonic-clock.js';
/**
 * "waiting for compute.googleapis.com (5 s)…": a one-line status while a request has been
 * outstanding for a while, so a silent terminal is not mistaken for a hang (or a hang for slowness).
 * The transport reports each request's start and end; the line names the oldest request, is
 * rewritten when its text changes (checked 4 times a second) and erased (`show(undefined)`) when
 * the request ends. Where the line goes,
 * and whether it is shown at all (a terminal only), is the caller's choice.
 */

/** Default time a request waits before the status line appears. */
export const DEFAULT_WAIT_NOTICE_AFTER_MS = 5000;

/** Receives the status text, or undefined to erase it. */
export type WaitNoticeSink = (text: string | undefined) => void;

/** Tracks outstanding requests; `start` returns the function that ends one. */
export interface WaitNotices {
  start(host: string): () => void;
}

/** A tracker writing to `show` once a request has waited `afterMs`. Its timer never keeps the process alive. */
export function createWaitNotices(show: WaitNoticeSink, afterMs = DEFAULT_WAIT_NOTICE_AFTER_MS): WaitNotices {
  const pending = new Map<number, { readonly host: string; readonly started: number }>();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  let shown: string | undefined;

  const tick = () => {
    const oldest = pending.values().next().value;
    if (oldest === undefined) return;
    const waited = monotonicMs() - oldest.started;
    if (waited < afterMs) return;
    const others = pending.size - 1;
    const more = others === 0 ? '' : ` and ${others} more request${others === 1 ? '' : 's'}`;
    const text = `waiting for ${oldest.host} (${Math.floor(waited / 1000)} s)${more}…`;
    if (text !== shown) show(text);
    shown = text;
  };

  return {
    start(host) {
      const id = next++;
      pending.set(id, { host, started: monotonicMs() });
      if (timer === undefined) {
        timer = setInterval(tick, Math.min(250, Math.max(1, afterMs)));
        timer.unref();
      }
      return () => {
        if (!pending.delete(id)) return;
        if (pending.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
        // erase now; the next tick shows the next request still waiting, if any
        if (shown !== undefined) show(undefined);
        shown = undefined;
      };
    },
  };
}
