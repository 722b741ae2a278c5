/** node:v8, loaded when first needed (like node:crypto, lazy-crypto.ts). */
const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');

/**
 * How long after exec starts the heap's growth is tightened: once start-up is over and the first
 * requests are out. A V8 flag changed earlier changes the flag hash that code caches are keyed by,
 * so every Node built-in loaded afterwards was compiled instead of read from Node's own code cache
 * (node:http 1.7 → 4.7 ms; https, tls, crypto and zlib together ~9 ms more, on the critical path of
 * a first request), and node:v8 itself took ~1.5 ms of it. A shorter run changes no flag at all.
 * Later, or only past a heap size, cost P2 its peak RSS: the first full collections then set the
 * heap's limit with V8's own factor (16 MB of old generation as the trigger: median 145, at worst
 * 162 MB; at 100 ms: 135 and 143 MB; at once: 131 and 137 MB).
 */
const TIGHTEN_AFTER_MS = 100;
/** The young generation's size at most once capped: two semi-spaces of 8 MB (V8's default stops at 16). */
const NEW_SPACE_CAP = 16 * 1024 * 1024;
/** How often the young generation is checked while it grows (V8 doubles it every few hundred ms at most). */
const CHECK_MS = 10;
/** Materialised columns per row from which the young generation is left to grow (see noteRowWidth). */
export const WIDE_ROW_COLUMNS = 16;

/** The tightening in force (exec with streaming output), else undefined. */
let watch: { lift(): void; state(): HeapGrowth; restore(): void } | undefined;

/** The young generation's cap: none in force, to be applied when it reaches 16 MB, applied, or lifted. */
export type YoungGenerationCap = 'none' | 'pending' | 'capped' | 'lifted';

/** Where the tightening stands: whether V8's flags were changed yet, and the young generation's cap. */
export interface HeapGrowth {
  readonly flagsChanged: boolean;
  readonly youngGeneration: YoungGenerationCap;
}

/** Where the tightening stands (tests; the bench measures its effect). */
export function heapGrowth(): HeapGrowth {
  return watch?.state() ?? { flagsChanged: false, youngGeneration: 'none' };
}

/**
 * Keeps the heap small while output streams (P2's peak RSS, issue 13). Only for output that
 * streams: a buffered result (the table format) has a large live heap, which would be collected
 * far more often. Nothing changes for `afterMs` (TIGHTEN_AFTER_MS; 0: at once). Both settings are
 * V8 flags read at each collection, so setting them at run time takes effect (a node command-line
 * flag would need the launcher to start a second process).
 *
 * - The heap grows by 20% between full collections instead of V8's own factor (up to 4x the live
 *   size): fetching a large list makes garbage that only a full collection frees (each page's
 *   body is a large string and buffer), so with V8's factor a 200-page read peaked at ~200 MB RSS
 *   while ~20 MB was live. Full collections of a small live heap are cheap.
 * - The young generation stops growing at 16 MB (V8 doubles it up to 32 MB while much survives;
 *   `--max-semi-space-size` is only read at start-up, `--semi-space-growth-factor` at each
 *   growth), unless wide rows are materialised (noteRowWidth). Measured on P2: peak RSS ~160 →
 *   ~135 MB; CPU within a few percent.
 *
 * Returns what puts V8's defaults back, called when the statements are done: V8 keys a code cache
 * by the flags in force when it is made (bin/skyql makes it at exit), so a cache made under
 * changed flags is rejected at the next start (~30 ms of compiling, every run).
 */
export function tightenHeapGrowth(afterMs = TIGHTEN_AFTER_MS): () => void {
  let growthTightened = false;
  let growthCapped = false;
  let lifted = false;
  /** Caps the young generation once it reaches NEW_SPACE_CAP; true when nothing is left to watch for. */
  const capped = (): boolean => {
    if (lifted || growthCapped) return true;
    const young = v8()
      .getHeapSpaceStatistics()
      .find((s) => s.space_name === 'new_space');
    if (young === undefined || young.space_size < NEW_SPACE_CAP) return false;
    v8().setFlagsFromString('--semi-space-growth-factor=1');
    growthCapped = true;
    return true;
  };
  const tighten = (): NodeJS.Timeout | undefined => {
    v8().setFlagsFromString('--heap-growing-percent=20');
    growthTightened = true;
    return capped()
      ? undefined
      : setInterval(() => {
          if (capped()) clearInterval(timer);
        }, CHECK_MS).unref();
  };
  let timer: NodeJS.Timeout | undefined =
    afterMs <= 0
      ? tighten()
      : setTimeout(() => {
          timer = tighten();
        }, afterMs).unref();
  const uncap = () => {
    if (growthCapped) v8().setFlagsFromString('--semi-space-growth-factor=2');
    growthCapped = false;
  };
  const restore = () => {
    watch = undefined;
    clearInterval(timer);
    uncap();
    if (growthTightened) v8().setFlagsFromString('--heap-growing-percent=0'); // V8's defaults (node --v8-options)
    growthTightened = false;
  };
  watch = {
    restore,
    lift() {
      if (lifted) return;
      lifted = true;
      uncap();
      if (growthTightened) clearInterval(timer); // else the growth is still to be tightened
    },
    state: () => ({
      flagsChanged: growthTightened || growthCapped,
      youngGeneration: lifted ? 'lifted' : growthCapped ? 'capped' : 'pending',
    }),
  };
  return restore;
}

/**
 * Puts V8's defaults back if a tightening is in force: bin/skyql calls it before it makes the code
 * cache at exit, for a run that ended without its statements' end (a closed output pipe exits at
 * once), whose cache would otherwise be made under the changed flags and rejected at the next start.
 */
export function restoreHeapDefaults(): void {
  watch?.restore();
}

/**
 * The tightening's delay from SKYQL_HEAP_TIGHTEN_AFTER_MS (ms; 0: at once), else undefined
 * (TIGHTEN_AFTER_MS). Tests use it to make a short run change the flags.
 */
export function tightenAfterFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.SKYQL_HEAP_TIGHTEN_AFTER_MS;
  const ms = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Told the width of the rows a statement is about to materialise. Wide rows (WIDE_ROW_COLUMNS
 * columns or more: `SELECT *` of compute instances keeps 39) lift the young generation's cap for
 * the rest of the run: each row is many short-lived objects (its cells, the JSON text of nested
 * values) alive until its page is stored, which a capped young generation copies at every
 * scavenge. Measured on P2w (39 columns, -o json): the cap cost ~7% of the run for ~20 MB of RSS;
 * on P2 (COUNT(*), 2 columns) it saves ~30 MB for nothing measurable. A no-op unless
 * tightenHeapGrowth is in force.
 */
export function noteRowWidth(columns: number): void {
  if (columns >= WIDE_ROW_COLUMNS) watch?.lift();
}
