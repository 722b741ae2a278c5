/**
 * SQL text split the way PostgreSQL's scanner (scan.l) splits it, as far as the guard needs: words,
 * quoted names (`"a""b"`, `U&"..."`), strings (`'...'`, `E'...'` with backslash escapes, `$tag$...$tag$`),
 * nested `/* *\/` comments and `--` comments (skipped), numbers and symbols. A check on these
 * tokens sees what PostgreSQL will run, whatever the quoting.
 */

export type PgTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol';

export interface PgToken {
  readonly kind: PgTokenKind;
  readonly start: number;
  readonly end: number;
  /** Upper-cased word, or the unquoted name of a quoted identifier; the text otherwise. */
  readonly value: string;
}

const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/** End (exclusive) of a `'...'` string at i (doubled quotes; backslash escapes when `escapes`). */
function stringEnd(s: string, i: number, escapes: boolean): number {
  for (let j = i + 1; j < s.length; j++) {
    if (escapes && s[j] === '\\') j++;
    else if (s[j] === "'") {
      if (s[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return s.length;
}

function commentEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length - 1; j++) {
    if (s[j] === '/' && s[j + 1] === '*') {
      depth++;
      j++;
    } else if (s[j] === '*' && s[j + 1] === '/') {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  return s.length;
}

export function pgTokens(s: string): PgToken[] {
  const out: PgToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (c === '/' && s[i + 1] === '*') {
      i = commentEnd(s, i);
    } else if (c === "'") {
      i = stringEnd(s, i, false);
      out.push({ kind: 'string', start, end: i, value: s.slice(start, i) });
    } else if ((c === 'E' || c === 'e') && s[i + 1] === "'") {
      i = stringEnd(s, i + 1, true);
      out.push({ kind: 'string', start, end: i, value: s.slice(start, i) });
    } else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(s.slice(i, i + 66))) {
      const tag = (/^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i, i + 66)) as RegExpExecArray)[0];
      const close = s.indexOf(tag, i + tag.length);
      i = close < 0 ? s.length : close + tag.length;
      out.push({ kind: 'string', start, end: i, value: s.slice(start, i) });
    } else if (c === '"' || ((c === 'U' || c === 'u') && s[i + 1] === '&' && s[i + 2] === '"')) {
      const open = c === '"' ? i : i + 2;
      let j = open + 1;
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') j++;
          else break;
        }
      }
      i = Math.min(j + 1, s.length);
      const name = s.slice(open + 1, j).replace(/""/g, '"');
      out.push({ kind: 'quoted', start, end: i, value: name.toUpperCase() });
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < s.length && isWordChar(s[j])) j++;
      i = j;
      out.push({ kind: 'word', start, end: i, value: s.slice(start, i).toUpperCase() });
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9A-Za-z_.]/.test(s[j])) j++;
      i = j;
      out.push({ kind: 'number', start, end: i, value: s.slice(start, i) });
    } else {
      i++;
      out.push({ kind: 'symbol', start, end: i, value: c });
    }
  }
  return out;
}
