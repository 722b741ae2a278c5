import type { Loc } from './ast.js';
import { staticError } from './errors.js';

/** A token; `value` is the identifier, keyword, operator, punctuation or the string's raw text. */
export interface Token {
  readonly kind: 'id' | 'kw' | 'num' | 'str' | 'op' | 'punct' | 'eof';
  readonly value: string;
  readonly loc: Loc;
  /** For strings: how it was written (escapes are undone by the parser, except in verbatim/blocks). */
  readonly str?: 'double' | 'single' | 'verbatim' | 'block';
}

const KEYWORDS = new Set([
  'assert',
  'else',
  'error',
  'false',
  'for',
  'function',
  'if',
  'import',
  'importstr',
  'importbin',
  'in',
  'local',
  'null',
  'tailstrict',
  'then',
  'self',
  'super',
  'true',
]);

const SYMBOLS = '!:~+-&|^=<>*/%';
const SPACES = /[ \t\r]*/y;
const IDENT = /[A-Za-z0-9_]*/y;
const PUNCT = '{}[],.();';

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isIdStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

/** Splits Jsonnet source into tokens (jsonnet's lexer rules: operators, text blocks, comments). */
export function lex(file: string, src: string, firstLine = 1): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = firstLine;
  let lineStart = 0;
  const n = src.length;
  const here = (at = i): Loc => ({ file, line, col: at - lineStart + 1 });
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };
  while (true) {
    // whitespace and comments (a sticky regex: native speed matters here, std.jsonnet is 60 KB)
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 10) {
        newline(i);
        i++;
      } else if (c === 32 || c === 9 || c === 13) {
        SPACES.lastIndex = i;
        SPACES.test(src);
        i = SPACES.lastIndex;
      } else if (c === 35 || (c === 47 && src.charCodeAt(i + 1) === 47)) {
        const eol = src.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c === 47 && src.charCodeAt(i + 1) === 42) {
        const begin = here();
        const end = src.indexOf('*/', i + 2);
        if (end < 0) throw staticError('multi-line comment has no terminating */.', begin);
        for (let j = src.indexOf('\n', i); j >= 0 && j < end; j = src.indexOf('\n', j + 1)) newline(j);
        i = end + 2;
      } else break;
    }
    if (i >= n) {
      out.push({ kind: 'eof', value: '', loc: here() });
      return out;
    }
    const start = i;
    const loc = here();
    const c = src[i];
    if (PUNCT.includes(c)) {
      out.push({ kind: 'punct', value: c, loc });
      i++;
    } else if (isDigit(c)) {
      i = lexNumber(src, i, loc);
      out.push({ kind: 'num', value: src.slice(start, i), loc });
    } else if (isIdStart(c)) {
      IDENT.lastIndex = i;
      IDENT.test(src);
      i = IDENT.lastIndex;
      const word = src.slice(start, i);
      out.push({ kind: KEYWORDS.has(word) ? 'kw' : 'id', value: word, loc });
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === '\\') j++;
        if (src[j] === '\n') newline(j);
        j++;
      }
      if (j >= n) throw staticError('unterminated string', loc);
      out.push({ kind: 'str', value: src.slice(i + 1, j), loc, str: c === '"' ? 'double' : 'single' });
      i = j + 1;
    } else if (c === '@' && (src[i + 1] === '"' || src[i + 1] === "'")) {
      const q = src[i + 1];
      let j = i + 2;
      let text = '';
      while (true) {
        if (j >= n) throw staticError('unterminated string', loc);
        if (src[j] === q) {
          if (src[j + 1] === q) {
            text += q;
            j += 2;
            continue;
          }
          break;
        }
        if (src[j] === '\n') newline(j);
        text += src[j];
        j++;
      }
      out.push({ kind: 'str', value: text, loc, str: 'verbatim' });
      i = j + 1;
    } else if (c === '|' && src.startsWith('|||', i)) {
      i = lexTextBlock(src, i, loc, out, newline);
    } else if (c === '$') {
      out.push({ kind: 'kw', value: '$', loc });
      i++;
    } else if (SYMBOLS.includes(c)) {
      let j = i;
      while (j < n && SYMBOLS.includes(src[j])) {
        if (src[j] === '/' && (src[j + 1] === '/' || src[j + 1] === '*')) break;
        if (src.startsWith('|||', j)) break;
        j++;
      }
      // An operator may not end in + - ~ ! unless it is one character (so `a+-b` is `a + -b`).
      while (j > i + 1 && '+-~!'.includes(src[j - 1])) j--;
      out.push({ kind: 'op', value: src.slice(i, j), loc });
      i = j;
    } else {
      throw staticError(`Could not lex the character ${JSON.stringify(c)}`, loc);
    }
  }
}

function lexNumber(src: string, start: number, loc: Loc): number {
  let i = start;
  if (src[i] === '0' && isDigit(src[i + 1] ?? '')) {
    // jsonnet reads "01" as 0 followed by 1; keep that (the parser then rejects it)
    return i + 1;
  }
  while (isDigit(src[i] ?? '')) i++;
  if (src[i] === '.') {
    i++;
    if (!isDigit(src[i] ?? ''))
      throw staticError(
        `Couldn't lex number, junk after decimal point: ${JSON.stringify(src[i] ?? '')}`,
        loc,
      );
    while (isDigit(src[i] ?? '')) i++;
  }
  if (src[i] === 'e' || src[i] === 'E') {
    i++;
    if (src[i] === '+' || src[i] === '-') i++;
    if (!isDigit(src[i] ?? ''))
      throw staticError(`Couldn't lex number, junk after 'E': ${JSON.stringify(src[i] ?? '')}`, loc);
    while (isDigit(src[i] ?? '')) i++;
  }
  return i;
}

/** `|||` (or `|||-`, which drops the final newline) text blocks: indentation of the first line is removed. */
function lexTextBlock(
  src: string,
  start: number,
  loc: Loc,
  out: Token[],
  newline: (at: number) => void,
): number {
  let i = start + 3;
  let chomp = false;
  if (src[i] === '-') {
    chomp = true;
    i++;
  }
  while (src[i] === ' ' || src[i] === '\t' || src[i] === '\r') i++;
  if (src[i] !== '\n') throw staticError('text block syntax requires new line after |||.', loc);
  newline(i);
  i++;
  let text = '';
  while (src[i] === '\n') {
    newline(i);
    i++;
    text += '\n';
  }
  let ws = 0;
  while (src[i + ws] === ' ' || src[i + ws] === '\t') ws++;
  if (ws === 0) {
    if (i >= src.length) throw staticError('unexpected EOF', loc);
    throw staticError("text block's first line must start with whitespace.", loc);
  }
  const indent = src.slice(i, i + ws);
  while (true) {
    i += ws;
    while (src[i] !== '\n') {
      if (i >= src.length) throw staticError('unexpected EOF', loc);
      text += src[i];
      i++;
    }
    text += '\n';
    newline(i);
    i++;
    while (src[i] === '\n') {
      newline(i);
      i++;
      text += '\n';
    }
    if (src.startsWith(indent, i)) continue;
    while (src[i] === ' ' || src[i] === '\t') i++;
    if (!src.startsWith('|||', i)) throw staticError('text block not terminated with |||', loc);
    if (chomp) text = text.replace(/\n$/, '');
    out.push({ kind: 'str', value: text, loc, str: 'block' });
    return i + 3;
  }
}
