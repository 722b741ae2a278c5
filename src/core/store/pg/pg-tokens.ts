import { dollarTagAt, stringContinuesAt } from '../../sql/lexer/pg-scanners.js';

/**
 * SQL text split the way PostgreSQL's scanner (scan.l) splits it, as far as the guard needs: words,
 * quoted names (`"a""b"`, `U&"..."`), strings (`'...'`, `E'...'` with backslash escapes, `$tag$...$tag$`,
 * continued on the next line as PostgreSQL continues them), nested `/* *\/` comments and `--`
 * comments (skipped), numbers and symbols. Whitespace is PostgreSQL's only (space, tab, line
 * breaks, form feed, vertical tab): other characters past ASCII, a no-break space too, are parts of
 * names there. A check on these tokens sees what PostgreSQL will run, whatever the quoting.
 */

export type PgTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'symbol';

export interface PgToken {
  readonly kind: PgTokenKind;
  readonly start: number;
  readonly end: number;
  /** Upper-cased word, or the unquoted name of a quoted identifier (U& escapes decoded); the text otherwise. */
  readonly value: string;
  /** A `U&"..."` name's text before its escapes are decoded (set by the scan, gone after). */
  readonly unicode?: string;
  /**
   * A string written in parts on several lines (`E'a'` newline `'b'`), which PostgreSQL joins into
   * one, the later parts quoted as the first (see {@link stringContinuesAt}). The token spans all
   * the parts; the guard refuses such text.
   */
  readonly continued?: true;
}

/**
 * A number as PostgreSQL's scanner reads it (scan.l's integer, decimal, real), at least one digit.
 * Sticky and matched over the whole text: a window of the text would cut a long number in two.
 */
const NUMBER = /[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?/y;

/** The end of the number at i (see {@link NUMBER}). */
function numberEnd(s: string, i: number): number {
  NUMBER.lastIndex = i;
  return NUMBER.exec(s) ? NUMBER.lastIndex : i + 1;
}

/**
 * The name a `U&"..."` identifier spells: `\XXXX` and `\+XXXXXX` (or the UESCAPE character's)
 * code points, the escape character doubled for itself. Undefined when malformed (PostgreSQL then
 * refuses the statement).
 */
function decodeUnicodeName(raw: string, marker: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== marker) {
      out += raw[i];
      continue;
    }
    if (raw[i + 1] === marker) {
      out += marker;
      i++;
      continue;
    }
    const m = /^(?:([0-9A-Fa-f]{4})|\+([0-9A-Fa-f]{6}))/.exec(raw.slice(i + 1, i + 8));
    if (!m) return undefined;
    const code = Number.parseInt(m[1] ?? m[2], 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += m[0].length;
  }
  return out;
}

/** The value of a string token's text (`'...'`, `E'...'`, `$tag$...$tag$`), as far as a one-character UESCAPE needs. */
function stringValue(text: string): string {
  if (text.startsWith('$')) {
    const tag = dollarTagAt(text, 0) ?? '$$';
    return text.slice(tag.length, text.length - tag.length);
  }
  const escaped = text[0] === 'E' || text[0] === 'e';
  const body = text.slice(escaped ? 2 : 1, -1).replace(/''/g, "'");
  return escaped ? body.replace(/\\(.)/g, '$1') : body;
}

/**
 * `U&"..."` names decoded, with their `UESCAPE '?'` folded into the name's token (PostgreSQL reads
 * them as one identifier, so `U&"x" UESCAPE '!' (` is a call). A name that cannot be decoded keeps
 * its raw text (PostgreSQL refuses it).
 */
function withUnicodeNames(tokens: PgToken[], s: string): PgToken[] {
  if (!tokens.some((t) => t.unicode !== undefined)) return tokens;
  const out: PgToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.unicode === undefined) {
      out.push(t);
      continue;
    }
    let marker = '\\';
    let end = t.end;
    const clause = tokens[i + 1];
    const quote = tokens[i + 2];
    if (clause?.kind === 'word' && clause.value === 'UESCAPE' && quote?.kind === 'string') {
      marker = stringValue(s.slice(quote.start, quote.end));
      end = quote.end;
      i += 2;
    }
    const name = marker.length === 1 ? decodeUnicodeName(t.unicode, marker) : undefined;
    out.push({ kind: 'quoted', start: t.start, end, value: (name ?? t.unicode).toUpperCase() });
  }
  return out;
}

const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/**
 * End (exclusive) of a `'...'` string at i (doubled quotes; backslash escapes when `escapes`), with
 * every part that continues it on a later line, and whether there was such a part.
 */
function continuedStringEnd(s: string, i: number, escapes: boolean): { end: number; continued: boolean } {
  let end = stringEnd(s, i, escapes);
  let continued = false;
  for (let next = stringContinuesAt(s, end); next >= 0; next = stringContinuesAt(s, end)) {
    continued = true;
    end = stringEnd(s, next, escapes);
  }
  return { end, continued };
}

/** Adds the string token from `start` to `scan.end` (marked when continued); returns where scanning goes on. */
function pushString(
  out: PgToken[],
  s: string,
  start: number,
  scan: { end: number; continued: boolean },
): number {
  out.push({
    kind: 'string',
    start,
    end: scan.end,
    value: s.slice(start, scan.end),
    ...(scan.continued ? { continued: true } : {}),
  });
  return scan.end;
}

/** End (exclusive) of one `'...'` part at i (doubled quotes; backslash escapes when `escapes`). */
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
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '-' && s[i + 1] === '-') {
      // scan.l: a comment runs to a newline or a carriage return (`non_newline` is [^\n\r])
      const nl = s.slice(i).search(/[\n\r]/);
      i = nl < 0 ? s.length : i + nl + 1;
    } else if (c === '/' && s[i + 1] === '*') {
      i = commentEnd(s, i);
    } else if (c === "'" || ((c === 'E' || c === 'e') && s[i + 1] === "'")) {
      i = pushString(out, s, start, continuedStringEnd(s, c === "'" ? i : i + 1, c !== "'"));
    } else if (c === '$' && dollarTagAt(s, i) !== undefined) {
      // the lexer's own tag scanner, over the whole text: a tag of any length (PostgreSQL sets no
      // limit) is one tag here and in the lexer
      const tag = dollarTagAt(s, i) as string;
      const close = s.indexOf(tag, i + tag.length);
      i = close < 0 ? s.length : close + tag.length;
      out.push({ kind: 'string', start, end: i, value: s.slice(start, i) });
    } else if ((c === 'U' || c === 'u') && s[i + 1] === '&' && s[i + 2] === "'") {
      i = pushString(out, s, start, continuedStringEnd(s, i + 2, false));
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
      out.push({
        kind: 'quoted',
        start,
        end: i,
        value: name.toUpperCase(),
        ...(c === '"' ? {} : { unicode: name }),
      });
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < s.length && isWordChar(s[j])) j++;
      i = j;
      out.push({ kind: 'word', start, end: i, value: s.slice(start, i).toUpperCase() });
    } else if (/[0-9]/.test(c)) {
      // digits, a fraction and an exponent only: a name right after (`1set_config(`) is its own token
      i = numberEnd(s, i);
      out.push({ kind: 'number', start, end: i, value: s.slice(start, i) });
    } else {
      i++;
      out.push({ kind: 'symbol', start, end: i, value: c });
    }
  }
  return withUnicodeNames(out, s);
}
