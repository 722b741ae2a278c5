/**
 * A JSON checker that builds nothing: the json and jsonl writers embed a `json` cell's text as
 * JSON when it is valid, and checking it with JSON.parse built (and threw away) every object of
 * every cell — most of those writers' time and garbage on a wide result. It accepts exactly
 * what JSON.parse accepts (RFC 8259; lone surrogates in strings allowed, as JSON.parse does).
 */

/**
 * What {@link scanJson} found: INVALID; COMPACT, valid with no whitespace between tokens (the
 * text can be embedded as it is); SPACED, valid with whitespace to drop.
 */
export type JsonShape = -1 | 0 | 1;
export const INVALID = -1;
export const COMPACT = 0;
export const SPACED = 1;

/** JSON's insignificant whitespace: space, tab, LF, CR. */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

/** The end of the JSON number starting at `i`, or -1: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`. */
export function scanNumber(s: string, i: number): number {
  if (s.charCodeAt(i) === 0x2d) i++;
  if (s.charCodeAt(i) === 0x30) i++;
  else if (isDigit(s.charCodeAt(i))) while (isDigit(s.charCodeAt(i))) i++;
  else return -1;
  if (s.charCodeAt(i) === 0x2e) {
    if (!isDigit(s.charCodeAt(++i))) return -1;
    while (isDigit(s.charCodeAt(i))) i++;
  }
  if ((s.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(s.charCodeAt(i))) return -1;
    while (isDigit(s.charCodeAt(i))) i++;
  }
  return i;
}

/** The end of the JSON string whose opening quote is at `i`, or -1. */
function scanString(s: string, i: number): number {
  const n = s.length;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = s.charCodeAt(++i);
      if (e === 0x75) {
        if (!(isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3))))
          return -1;
        if (!isHex(s.charCodeAt(i + 4))) return -1;
        i += 4;
      } else if (
        e !== 0x22 &&
        e !== 0x5c &&
        e !== 0x2f &&
        e !== 0x62 &&
        e !== 0x66 &&
        e !== 0x6e &&
        e !== 0x72 &&
        e !== 0x74
      )
        return -1;
    }
  }
  return -1;
}

/**
 * The scan in progress: its open containers (0x7d when `}` closes one, else 0x5d) and whether it
 * skipped whitespace. Kept here rather than in closures and an array per call: a wide `-o json`
 * result scans millions of cells, and the per-call garbage cost more than the scan (P2w).
 */
const open: number[] = [];
let spaced = false;

/** The index after the whitespace at `i` (noting that there was some). */
function skipSpace(s: string, i: number): number {
  const from = i;
  const n = s.length;
  while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
  if (i > from) spaced = true;
  return i;
}

/** After `{` or `,` in an object: the index after the member's `"key" :`, or -1 when malformed. */
function scanKey(s: string, i: number): number {
  i = skipSpace(s, i);
  if (s.charCodeAt(i) !== 0x22) return -1;
  i = scanString(s, i);
  if (i < 0) return -1;
  i = skipSpace(s, i);
  return s.charCodeAt(i) === 0x3a ? i + 1 : -1;
}

/** Checks `s` as one JSON text; see {@link JsonShape}. */
export function scanJson(s: string): JsonShape {
  const n = s.length;
  open.length = 0;
  spaced = false;
  let i = 0;
  for (;;) {
    // a value
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const close = c + 2;
      i = skipSpace(s, i + 1);
      if (s.charCodeAt(i) === close) i++;
      else {
        open.push(close);
        if (c === 0x7b) {
          i = scanKey(s, i);
          if (i < 0) return INVALID;
        }
        continue;
      }
    } else if (c === 0x22) i = scanString(s, i);
    else if (c === 0x2d || isDigit(c)) i = scanNumber(s, i);
    else if (c === 0x74 && s.startsWith('true', i)) i += 4;
    else if (c === 0x66 && s.startsWith('false', i)) i += 5;
    else if (c === 0x6e && s.startsWith('null', i)) i += 4;
    else return INVALID;
    if (i < 0) return INVALID;
    // after a value: close containers, or a comma before the next value
    for (;;) {
      i = skipSpace(s, i);
      if (open.length === 0) return i === n ? (spaced ? SPACED : COMPACT) : INVALID;
      const d = s.charCodeAt(i++);
      if (d === open[open.length - 1]) open.pop();
      else if (d === 0x2c) {
        if (open[open.length - 1] === 0x7d) {
          i = scanKey(s, i);
          if (i < 0) return INVALID;
        }
        break;
      } else return INVALID;
    }
  }
}
