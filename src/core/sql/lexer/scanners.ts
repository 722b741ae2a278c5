/**
 * Low-level scanners shared by the lexer. Each takes the text and the offset where a construct
 * starts and returns the offset just past it, or -1 when the construct is not closed.
 */

const WORD = /[\p{L}_][\p{L}\p{N}_$]*/uy;
const NUMBER = /0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Operators, longest first so that `<=` wins over `<`. */
const OPERATORS = [
  '->>',
  '->',
  '<>',
  '<=',
  '>=',
  '!=',
  '==',
  '||',
  '::',
  '<<',
  '>>',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '~',
];

/** Single-character punctuation. */
export const PUNCTUATION = '().;,';

function stickyEnd(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex : pos;
}

/** End of a word (identifier or keyword) at `pos`, or `pos` when none starts there. */
export function scanWord(text: string, pos: number): number {
  // ASCII first (one comparison per character); the pattern only where a letter past ASCII is near
  const c = text.charCodeAt(pos);
  if (c < 0x80 && !isAsciiLetter(c) && c !== 95) return pos;
  let i = pos;
  for (let d = c; d < 0x80 && (isAsciiLetter(d) || isAsciiDigit(d) || d === 95 || d === 36); ) {
    d = text.charCodeAt(++i);
  }
  return i < text.length && text.charCodeAt(i) >= 0x80 ? stickyEnd(WORD, text, pos) : i;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** End of a number (integer, decimal, exponent or hex) at `pos`, or `pos` when none starts there. */
export function scanNumber(text: string, pos: number): number {
  // plain integers (most numbers) without the pattern: digits followed by none of . e E x X
  let i = pos;
  while (i < text.length && isAsciiDigit(text.charCodeAt(i))) i++;
  if (i > pos) {
    const c = text.charCodeAt(i);
    if (c !== 46 && c !== 101 && c !== 69 && c !== 120 && c !== 88) return i;
  }
  return stickyEnd(NUMBER, text, pos);
}

/** `0`-`9` (a UTF-16 code unit). */
export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the operator at `pos`, or `pos` when none starts there. */
export function scanOperator(text: string, pos: number): number {
  for (const op of OPERATORS) {
    if (text.startsWith(op, pos)) return pos + op.length;
  }
  return pos;
}

/**
 * End of a `--` comment: the line break (not consumed) or the end of the text. SQLite ends it at
 * `\n` only (tokenize.c); PostgreSQL at `\n` or `\r` (scan.l's `non_newline`), so with `pg` a lone
 * carriage return ends it too — else text PostgreSQL runs as SQL would pass here as a comment.
 */
export function scanLineComment(text: string, pos: number, pg = false): number {
  const nl = text.indexOf('\n', pos);
  if (pg) {
    const cr = text.indexOf('\r', pos);
    if (cr >= 0 && (nl < 0 || cr < nl)) return cr;
  }
  return nl < 0 ? text.length : nl;
}

/** End of a `/* ... *\/` comment (not nested), or -1 when unterminated. */
export function scanBlockComment(text: string, pos: number): number {
  const close = text.indexOf('*/', pos + 2);
  return close < 0 ? -1 : close + 2;
}

/**
 * End of a literal quoted with `quote` (`'`, `"` or `` ` ``) where a doubled quote stands for one,
 * or -1 when unterminated.
 */
export function scanQuoted(text: string, pos: number, quote: string): number {
  let i = pos + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return -1;
    if (text[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

/** The contents of a quoted literal's `text` with its quotes removed and doubled quotes unescaped. */
export function unquote(text: string, terminated = true): string {
  const quote = text[0];
  const inner = text.slice(1, terminated ? -1 : undefined);
  return inner.split(quote + quote).join(quote);
}

/** The upper-cased hint names inside a `/*+ ... *\/` comment's text. */
export function hintNames(text: string, terminated = true): string[] {
  const inner = text.slice(3, terminated ? -2 : undefined);
  return inner
    .split(/[\s,]+/)
    .filter((h) => h.length > 0)
    .map((h) => h.toUpperCase());
}
