/** node:v8, loaded when first needed (like node:crypto, lazy-crypto.ts). */
const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');

/**
 * The size of the heap's old generation (all but the young one) from which its growth is
 * tightened. A run that stays under it (a
 * fan-out of a few thousand rows, DESCRIBE, a small SELECT) never changes a V8 flag: changing one
 * changes the flag hash that code caches are keyed by, so every Node built-in loaded afterwards is
 * compiled instead of read from Node's own code cache (node:http 1.7 → 4.7 ms; https, tls, crypto
 * and zlib together ~9 ms more, on the critical path of a first request).
 */
const TIGHTEN_FROM = 16 * 1024 * 1024;
/** The young generation's size at most once capped: two semi-spaces of 8 MB (V8's default stops at 16). */
const NEW_SPACE_CAP = 16 * 1024 * 1024;
/**
 * The first check, after start-up: loading node:v8 and reading the heap's spaces took ~2 ms of the
 * critical path of a first request, and no heap passes TIGHTEN_FROM that soon.
 */
const FIRST_CHECK_MS = 100;
/** How often the heap is checked after that (V8 doubles the young generation every few hundred ms at most). */
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
 * far more often. Nothing changes while the heap is small (its old generation under `from`,
 * TIGHTEN_FROM, and the young one under its cap); the first look is `firstCheckMs` after the call. Both settings are V8 flags read at each collection, so setting them at run time takes effect (a node
 * command-line flag would need the launcher to start a second process).
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
export function tightenHeapGrowth(from = TIGHTEN_FROM, firstCheckMs = FIRST_CHECK_MS): () => void {
  let growthTightened = false;
  let growthCapped = false;
  let lifted = false;
  /** Applies what is due; true when nothing is left to watch for. */
  const check = (): boolean => {
    const spaces = v8().getHeapSpaceStatistics();
    const young = spaces.find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    const old = spaces.reduce((sum, s) => sum + s.space_size, 0) - young;
    if (!growthTightened && old >= from) {
      v8().setFlagsFromString('--heap-growing-percent=20');
      growthTightened = true;
    }
    if (!lifted && !growthCapped && young >= NEW_SPACE_CAP) {
      v8().setFlagsFromString('--semi-space-growth-factor=1');
      growthCapped = true;
    }
    return growthTightened && (lifted || growthCapped);
  };
  const watchOn = () =>
    check()
      ? undefined
      : setInterval(() => {
          if (check()) clearInterval(timer);
        }, CHECK_MS).unref();
  // `from` 0 (SKYQL_HEAP_TIGHTEN_MB=0): tightened now, whatever the heap
  let timer: NodeJS.Timeout | undefined =
    from <= 0
      ? watchOn()
      : setTimeout(() => {
          timer = watchOn();
        }, firstCheckMs).unref();
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
      if (growthTightened) clearInterval(timer); // else still watching the heap's size
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
 * The tightening's threshold from SKYQL_HEAP_TIGHTEN_MB (MiB of old generation; 0: at once), else
 * undefined (TIGHTEN_FROM). Tests use it to make a short run change the flags.
 */
export function tightenFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.SKYQL_HEAP_TIGHTEN_MB;
  const mb = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : undefined;
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
