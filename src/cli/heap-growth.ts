import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's size at most once capped: two semi-spaces of 8 MB (V8's default stops at 16). */
const NEW_SPACE_CAP = 16 * 1024 * 1024;
/** How often the cap is checked while the young generation grows (V8 doubles it every few hundred ms at most). */
const CHECK_MS = 10;

/**
 * Keeps the heap small while output streams (P2's peak RSS, issue 13). Only for output that
 * streams: a buffered result (the table format) has a large live heap, which would be collected
 * far more often. Both settings are V8 flags read at each collection, so setting them at run time
 * takes effect (a node command-line flag would need the launcher to start a second process).
 *
 * - The heap grows by 20% between full collections instead of V8's own factor (up to 4x the live
 *   size): fetching a large list makes garbage that only a full collection frees (each page's
 *   body is a large string and buffer), so with V8's factor a 200-page read peaked at ~200 MB RSS
 *   while ~20 MB was live. Full collections of a small live heap are cheap.
 * - The young generation stops growing at 16 MB (V8 doubles it up to 32 MB while much survives;
 *   `--max-semi-space-size` is only read at start-up, `--semi-space-growth-factor` at each
 *   growth). Measured on P2: peak RSS ~160 → ~135 MB; CPU within a few percent.
 *
 * Returns what puts V8's defaults back, called when the statements are done: V8 keys a code cache
 * by the flags in force when it is made (bin/skyql makes it at exit), so a cache made under
 * changed flags is rejected at the next start (~30 ms of compiling, every run).
 */
export function tightenHeapGrowth(): () => void {
  setFlagsFromString('--heap-growing-percent=20');
  let growthCapped = false;
  const capped = () => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (young !== undefined && young.space_size < NEW_SPACE_CAP) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    growthCapped = true;
    return true;
  };
  const timer = capped()
    ? undefined
    : setInterval(() => {
        if (capped()) clearInterval(timer);
      }, CHECK_MS);
  timer?.unref();
  return () => {
    clearInterval(timer);
    setFlagsFromString('--heap-growing-percent=0'); // V8's defaults (node --v8-options)
    if (growthCapped) setFlagsFromString('--semi-space-growth-factor=2');
  };
}
