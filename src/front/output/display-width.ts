/**
 * Terminal display width of text, counted the way go-runewidth (behind StackQL's table writer)
 * counts it, so columns line up: East Asian wide/fullwidth characters and emoji take 2 columns;
 * combining marks, zero-width and control characters take 0; everything else 1. ANSI SGR/erase
 * escapes (`ESC[...m`, `ESC[...K`) take 0, as in tablewriter's DisplayWidth. A character joined by
 * ZWJ, an emoji skin-tone modifier and variation selectors add nothing (one emoji cluster = 2).
 * No dependency: a small range table covers the wide blocks. ASCII takes a fast path.
 */

// Sorted [first, last] pairs of code points that are 2 columns wide.
// biome-ignore format: one range per pair reads better than the formatter's packing
const WIDE: readonly number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
  0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
  0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
  0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x303e,
  0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf, 0xa960, 0xa97f, 0xac00, 0xd7a3,
  0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4,
  0x17000, 0x18cff, 0x1b000, 0x1b2ff, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f200, 0x1f2ff, 0x1f300, 0x1f64f, 0x1f680, 0x1f6ff, 0x1f7e0, 0x1f7eb,
  0x1f90c, 0x1f9ff, 0x1fa70, 0x1faff, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

const MARK = /^[\p{Mn}\p{Me}]$/u;
const cache = new Map<number, number>();

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid * 2]) hi = mid - 1;
    else if (cp > WIDE[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns taken by one code point on its own (0, 1 or 2). */
function codePointWidth(cp: number): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0xa0) return 0; // C0/C1 controls and DEL
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let w = 1;
  if (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x1160 && cp <= 0x11ff) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    cp === 0xfeff ||
    MARK.test(String.fromCodePoint(cp))
  ) {
    w = 0;
  } else if (isWide(cp)) {
    w = 2;
  }
  cache.set(cp, w);
  return w;
}

/** Length of the ANSI escape (tablewriter's `\033\[(?:\d{1,3}(?:;\d{1,3})*)?[m|K]`) at `i`, or 0. */
function ansiLength(s: string, i: number): number {
  if (s.charCodeAt(i + 1) !== 0x5b) return 0;
  let j = i + 2;
  let digits = 0;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x30 && c <= 0x39) {
      if (++digits > 3) return 0;
    } else if (c === 0x3b && digits > 0) {
      digits = 0;
    } else break;
  }
  if (digits === 0 && j > i + 2) return 0; // a trailing ';'
  const end = s.charCodeAt(j);
  return end === 0x6d || end === 0x4b || end === 0x7c ? j + 1 - i : 0;
}

/**
 * Walks `s` from `start` and returns the width reached and the index where it stopped: before the
 * first character that would take the width past `limit` (Infinity = the whole string).
 */
function scan(s: string, start: number, width: number, limit: number): { width: number; end: number } {
  let joined = false;
  let i = start;
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    if (cp === 0x1b) {
      const n = ansiLength(s, i);
      if (n > 0) {
        i += n;
        continue;
      }
    }
    const w = joined ? 0 : codePointWidth(cp);
    joined = cp === 0x200d;
    if (width + w > limit) break;
    width += w;
    i += size;
  }
  return { width, end: i };
}

/** Display width of `s` in terminal columns. */
export function displayWidth(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return scan(s, i, i, Number.POSITIVE_INFINITY).width;
  }
  return s.length;
}

/** `s` cut to at most `max` columns, ending in `…` when something was cut. `max` must be >= 1. */
export function truncateToWidth(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  return `${s.slice(0, scan(s, 0, 0, max - 1).end)}…`;
}
