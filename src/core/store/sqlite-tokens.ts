import { TextMemo } from '../../base/util/text-memo.js';

/**
 * SQL text split the way SQLite's own tokenizer (tokenize.c) splits it, so that a check on these
 * tokens sees what SQLite will run. It differs from skyql's StackQL lexer on purpose: `[...]` is a
 * quoted identifier, an unterminated `/*` comment runs to the end of the text, `"..."` is always a
 * name (this SQLite build has DQS=0), any character from U+0080 up is part of a word, and words
 * never become hints or parameters.
 */

/** What a token is, as far as the guard cares. */
export type SqliteTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'variable' | 'symbol' | 'bad';

/** One token: its kind, the source slice and, for words and quoted names, the name it spells. */
export interface SqliteToken {
  readonly kind: SqliteTokenKind;
  readonly start: number;
  readonly end: number;
  /** Upper-cased word, or the unquoted name of a quoted identifier; the text otherwise. */
  readonly value: string;
}

const code = (s: string, i: number) => s.charCodeAt(i);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** SQLite's identifier characters: ASCII letters, digits, `_`, `$` and every code unit >= 0x80. */
const isIdChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36 || c >= 0x80;
/** SQLite's white space: tab, line feed, form feed, carriage return, space (not vertical tab). */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/** End of a quoted run starting at `i` whose closing quote is doubled to escape it; -1 when open. */
function closeQuote(s: string, i: number, quote: string): number {
  for (let j = i + 1; ; ) {
    const k = s.indexOf(quote, j);
    if (k < 0) return -1;
    if (s[k + 1] !== quote || quote === ']') return k + 1;
    j = k + 2;
  }
}

function unquoted(text: string): string {
  const open = text[0];
  const inner = text.slice(1, -1);
  return open === '[' ? inner : inner.split(open + open).join(open);
}

/**
 * The tokens of `sql` without whitespace and comments. An unterminated string or quoted name
 * becomes a `bad` token running to the end (SQLite refuses it); a NUL character is `bad` too,
 * because SQLite stops reading there.
 */
export function sqliteTokens(sql: string): readonly SqliteToken[] {
  return split.through(sql, '', () => splitTokens(sql));
}

/** The guard checks a statement's text more than once on its way to SQLite: split it once. */
const split = new TextMemo<readonly SqliteToken[]>();

function splitTokens(sql: string): SqliteToken[] {
  const out: SqliteToken[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: SqliteTokenKind, end: number, value = sql.slice(i, end)) => {
    out.push({ kind, start: i, end, value });
    i = end;
  };
  while (i < n) {
    const c = code(sql, i);
    if (isSpace(c)) i++;
    else if (c === 45 && code(sql, i + 1) === 45) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === 47 && code(sql, i + 1) === 42) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === 0) push('bad', n);
    else if (c === 39 || c === 34 || c === 96 || c === 91) {
      const quote = c === 91 ? ']' : sql[i];
      const end = closeQuote(sql, i, quote);
      if (end < 0) push('bad', n);
      else
        push(c === 39 ? 'string' : 'quoted', end, c === 39 ? sql.slice(i, end) : unquoted(sql.slice(i, end)));
    } else if ((c === 120 || c === 88) && code(sql, i + 1) === 39) {
      const end = closeQuote(sql, i + 1, "'");
      push(end < 0 ? 'bad' : 'string', end < 0 ? n : end); // x'0A' blob literal
    } else if (isDigit(c) || (c === 46 && isDigit(code(sql, i + 1)))) {
      let j = i + 1;
      while (j < n && (isIdChar(code(sql, j)) || code(sql, j) === 46)) j++;
      push('number', j);
    } else if (isIdChar(c) && c !== 36) {
      let j = i + 1;
      while (j < n && isIdChar(code(sql, j))) j++;
      push('word', j, sql.slice(i, j).toUpperCase());
    } else if (c === 63 || c === 58 || c === 64 || c === 36 || c === 35) {
      let j = i + 1;
      while (j < n && isIdChar(code(sql, j))) j++;
      push('variable', j);
    } else push('symbol', i + 1);
  }
  return out;
}
