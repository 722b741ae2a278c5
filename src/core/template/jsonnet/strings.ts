import type { Loc } from './ast.js';
import { staticError } from './errors.js';

/**
 * Jsonnet strings are sequences of code points; JS strings are UTF-16. These helpers keep lengths,
 * indexes and ordering in code points, with a fast path for the usual string without surrogates.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points. */
export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The string as an array of one-code-point strings. */
export function cpChars(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split('');
}

/** Compares two strings by code point (jsonnet's order; differs from UTF-16 order above U+FFFF). */
export function cpCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
        const cx = a.codePointAt(i) ?? x;
        const cy = b.codePointAt(i) ?? y;
        return cx < cy ? -1 : cx > cy ? 1 : 0;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Undoes the escapes of a quoted string literal. */
export function unescapeString(raw: string, loc: Loc): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    switch (e) {
      case '"':
      case "'":
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const cp = hex4(raw, i + 1, loc);
        i += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && raw[i + 1] === '\\' && raw[i + 2] === 'u') {
          const low = hex4(raw, i + 3, loc);
          if (low >= 0xdc00 && low < 0xe000) {
            out += String.fromCharCode(cp, low);
            i += 6;
            break;
          }
        }
        out += String.fromCharCode(cp);
        break;
      }
      case undefined:
        throw staticError('Truncated escape sequence in string literal.', loc);
      default:
        throw staticError(`Unknown escape sequence in string literal: '${e}'`, loc);
    }
  }
  return out;
}

function hex4(raw: string, at: number, loc: Loc): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const ch = raw[at + k];
    if (ch === undefined) throw staticError('Truncated unicode escape sequence in string literal.', loc);
    const d = Number.parseInt(ch, 16);
    if (Number.isNaN(d)) throw staticError(`Malformed unicode escape character, should be hex: '${ch}'`, loc);
    v = v * 16 + d;
  }
  return v;
}

/** A JSON string literal as jsonnet writes it (control characters and U+007F-U+009F as \u escapes). */
export function quoteString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (c === 0x08) rep = '\\b';
      else if (c === 0x0c) rep = '\\f';
      else if (c === 0x0a) rep = '\\n';
      else if (c === 0x0d) rep = '\\r';
      else if (c === 0x09) rep = '\\t';
      else rep = `\\u${c.toString(16).padStart(4, '0')}`;
    }
    if (rep !== null) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return `${out + s.slice(from)}"`;
}
