/**
 * True when `text` ends a statement: its last character outside string literals, quoted
 * identifiers and comments (ignoring trailing whitespace and comments) is `;`. An unterminated
 * literal or block comment means the statement goes on, so a `;` inside `'a;` does not end it.
 */
export function endsStatement(text: string): boolean {
  let lastSignificant = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      const close = closing(text, i + 1, c);
      if (close < 0) return false;
      lastSignificant = c;
      i = close + 1;
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 2;
    } else {
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return lastSignificant === ';';
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
