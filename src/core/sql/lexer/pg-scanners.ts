/**
 * Scanners for the pieces of PostgreSQL's syntax (scan.l) that SQLite does not have, used by the
 * lexer in the postgres dialect: operators made of operator characters (`@>`, `#>>`, `?|`, `~*`),
 * dollar-quoted strings (`$$…$$`, `$tag$…$tag$`), `E'…'` strings with backslash escapes, nested
 * block comments and `$1` parameters. Each returns the offset just past the construct, -1 when it
 * is not closed, or `pos` when none starts there.
 */

/** PostgreSQL's operator characters (its `op_chars`), backtick aside: skyql lexes it as a quote. */
const OP_CHARS = '+-*/<>=~!@#%^&|?';
/** A multi-character operator may end in `+` or `-` only when it holds one of these. */
const SPECIAL_OP_CHARS = '~!@#%^&|?';

export const isPgOpChar = (c: string | undefined): boolean => c !== undefined && OP_CHARS.includes(c);

/**
 * End of the operator at `pos` by PostgreSQL's rule: the longest run of operator characters that
 * does not start a comment (`--`, `/*`), less trailing `+`/`-` unless the run holds one of
 * `~!@#%^&|?` (so `=-1` is `=` then `-1`, as in PostgreSQL).
 */
export function scanPgOperator(text: string, pos: number): number {
  let end = pos;
  while (isPgOpChar(text[end])) {
    if (end > pos && (text.startsWith('--', end) || text.startsWith('/*', end))) break;
    end++;
  }
  const run = text.slice(pos, end);
  if (run.length > 1 && ![...run].some((c) => SPECIAL_OP_CHARS.includes(c)))
    while (end - pos > 1 && (text[end - 1] === '+' || text[end - 1] === '-')) end--;
  return end;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** The opening tag (`$$`, `$fn$`) of a dollar-quoted string at `pos`, or undefined. */
export function dollarTagAt(text: string, pos: number): string | undefined {
  DOLLAR_TAG.lastIndex = pos;
  const m = DOLLAR_TAG.exec(text);
  return m ? m[0] : undefined;
}

/** End of the dollar-quoted string opening with `tag` at `pos`, or -1 when it is not closed. */
export function scanDollarQuoted(text: string, pos: number, tag: string): number {
  const close = text.indexOf(tag, pos + tag.length);
  return close < 0 ? -1 : close + tag.length;
}

/** End of `$1`-style parameter at `pos` (a `$` and digits), or `pos` when none starts there. */
export function scanDollarParam(text: string, pos: number): number {
  let end = pos + 1;
  while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
  return end > pos + 1 ? end : pos;
}

/** End of the `'…'` of an `E'…'` string at `pos` (backslash escapes, doubled quotes), or -1. */
export function scanEscapeString(text: string, pos: number): number {
  for (let i = pos + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") {
      if (text[i + 1] !== "'") return i + 1;
      i++;
    }
  }
  return -1;
}

/** What to do instead of a string continued on a later line (refused by the lexer and the PostgreSQL guard). */
export const CONTINUED_STRING_HINT =
  "write the string on one line, or join the parts with || ('a' || 'b'): PostgreSQL reads 'a', a line break and 'b' as one string";

/**
 * Where a string literal that ends just before `end` goes on, by PostgreSQL's string continuation
 * (scan.l's `quotecontinue`: `'a'`, whitespace holding a line break, `'b'` are one string `ab`, in
 * the first part's quoting: after `E'…'` the next part takes backslash escapes too). The skipped
 * text may hold spaces, tabs, form feeds, `\n`, `\r` and `--` comments (each ending at a line
 * break), at least one `\n` or `\r`; a `/* *\/` comment stops it, as in PostgreSQL. `\v` is taken
 * as whitespace too (PostgreSQL 16 does; for older servers it is a syntax error either way). Returns
 * the offset of the next part's opening quote, or -1 when the string ends at `end`.
 */
export function stringContinuesAt(text: string, end: number): number {
  let i = end;
  let newline = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') newline = true;
    else if (c === '-' && text[i + 1] === '-') {
      const eol = text.slice(i).search(/[\n\r]/);
      if (eol < 0) return -1;
      i += eol;
      continue;
    } else if (c !== ' ' && c !== '\t' && c !== '\f' && c !== '\v') break;
    i++;
  }
  return newline && text[i] === "'" ? i : -1;
}

/** The contents of an `E'…'` string: `''`, `\'` and `\\` unescaped, other escapes as written. */
export function unescapeEString(body: string): string {
  return body.replace(/''|\\(['\\])/g, (_m, c: string | undefined) => c ?? "'");
}

/** End of a nested `/* … *\/` comment at `pos` (PostgreSQL nests them), or -1 when unterminated. */
export function scanNestedComment(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i < text.length - 1; i++) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i++;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
