import type { SqlDialect } from '../../core/sql/dialect.js';
import {
  dollarTagAt,
  scanDollarQuoted,
  scanEscapeString,
  scanNestedComment,
} from '../../core/sql/lexer/pg-scanners.js';

/**
 * True when `text` ends a statement: its last character outside string literals, quoted
 * identifiers and comments (ignoring trailing whitespace and comments) is `;`. An unterminated
 * literal or block comment means the statement goes on, so a `;` inside `'a;` does not end it.
 * With the PostgreSQL backend `$$…$$`, `E'…'` strings and nested comments count as such too.
 */
export function endsStatement(text: string, dialect: SqlDialect = 'sqlite'): boolean {
  let lastSignificant = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    const pgEnd = dialect === 'postgres' ? pgLiteralEnd(text, i) : undefined;
    if (pgEnd !== undefined) {
      if (pgEnd < 0) return false;
      lastSignificant = "'";
      i = pgEnd;
    } else if (c === "'" || c === '"' || c === '`') {
      const close = closing(text, i + 1, c);
      if (close < 0) return false;
      lastSignificant = c;
      i = close + 1;
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const end = dialect === 'postgres' ? scanNestedComment(text, i) : text.indexOf('*/', i + 2) + 2;
      if (end < 2) return false;
      i = end;
    } else {
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return lastSignificant === ';';
}

/** End of a PostgreSQL-only literal or comment at `i` (-1: not closed), or undefined when none starts there. */
function pgLiteralEnd(text: string, i: number): number | undefined {
  const c = text[i];
  if (c === '$') {
    const tag = dollarTagAt(text, i);
    return tag && !/[\w$]/.test(text[i - 1] ?? '') ? scanDollarQuoted(text, i, tag) : undefined;
  }
  if ((c === 'E' || c === 'e') && text[i + 1] === "'" && !/[\w$]/.test(text[i - 1] ?? ''))
    return scanEscapeString(text, i + 1);
  return undefined;
}

/** Index of the quote closing a literal opened before `from` (doubled quotes escape), or -1. */
function closing(text: string, from: number, quote: string): number {
  let i = from;
  for (;;) {
    const k = text.indexOf(quote, i);
    if (k < 0) return -1;
    if (text[k + 1] === quote) i = k + 2;
    else return k;
  }
}
