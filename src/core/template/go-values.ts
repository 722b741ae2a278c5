/**
 * Template data as Go's text/template sees it. Data is what JSON decodes to (strings, numbers,
 * booleans, null, arrays, objects); numbers are one kind here, printed as Go prints an int when
 * they are safe integers and as a float64 otherwise (Go decodes every JSON number to float64 —
 * skyql lets `eq .count 1` and `printf "%d" .count` work rather than fail on the type).
 */

/** A path that names nothing (a missing key): Go's zero value, but printing it is an error in skyql. */
export const MISSING: unique symbol = Symbol('missing');

export type GoValue = unknown;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MISSING as the nil it is to functions. */
export function present(v: unknown): unknown {
  return v === MISSING || v === undefined ? null : v;
}

/** Go's truth: false, 0, "", nil, empty lists and maps (and missing values) are false. */
export function truth(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** True for numbers printed as Go ints. */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** The Go type name of a value (for `%T` and `%!verb(type=value)`). */
export function goTypeName(v: unknown): string {
  v = present(v);
  if (v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isInt(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Keys in Go's map order (sorted by bytes). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols and the ASCII space). */
export function isPrint(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One character as strconv writes it inside quotes (`quote` is the delimiter to escape). */
function escapeChar(ch: string, quote: string, asciiOnly: boolean): string {
  if (ch === quote) return `\\${ch}`;
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x80 ? isPrint(ch) : !asciiOnly && isPrint(ch)) return ch;
  if (cp < 0x80) return `\\x${hex(cp, 2)}`;
  return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** strconv.Quote (`asciiOnly`: QuoteToASCII). */
export function goQuote(s: string, asciiOnly = false): string {
  return `"${[...s].map((c) => escapeChar(c, '"', asciiOnly)).join('')}"`;
}

/** strconv.QuoteRune. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  const ch = cp >= 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  return `'${escapeChar(ch, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote: no backquote and no control characters other than tab. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '`' || c === 0x7f || c === 0xfeff || (c < 0x20 && ch !== '\t')) return false;
  }
  return true;
}
