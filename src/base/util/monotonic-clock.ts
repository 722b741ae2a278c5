/**
 * Milliseconds on a monotonic clock, as `performance.now()` measures them (from another origin:
 * compare only differences). The first use of the `performance` global loads Node's perf_hooks
 * modules (~1.5 ms of start-up); `process.hrtime` is there from the start. The HTTP path times
 * every request with it.
 */
export function monotonicMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
