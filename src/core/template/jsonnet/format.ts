import type { Loc } from './ast.js';
import { getField, hasField } from './objects.js';
import { runtimeError } from './runtime.js';
import { cpLength } from './strings.js';
import { JObject, type Thunk, typeOf, type Value } from './values.js';

/**
 * std.format (and `%`) natively for the conversions data files use — `s`, `d`/`i`/`u`, `o`, `x`/`X`,
 * `c`, `%`, with flags, widths and `(key)` mappings — rendering exactly as std.jsonnet's version does.
 * Formats with a floating-point conversion (`e`, `f`, `g`) return undefined, and the caller uses
 * std.jsonnet's own implementation for them.
 */

interface Code {
  readonly mkey: string | null;
  readonly alt: boolean;
  readonly zero: boolean;
  readonly left: boolean;
  readonly blank: boolean;
  readonly plus: boolean;
  readonly fw: number | '*';
  readonly prec: number | '*' | null;
  readonly ctype: string;
  readonly caps: boolean;
}

const CONV: Record<string, [string, boolean]> = {
  d: ['d', false],
  i: ['d', false],
  u: ['d', false],
  o: ['o', false],
  x: ['x', false],
  X: ['x', true],
  e: ['e', false],
  E: ['e', true],
  f: ['f', false],
  F: ['f', true],
  g: ['g', false],
  G: ['g', true],
  c: ['c', false],
  s: ['s', false],
  '%': ['%', false],
};

function parseCodes(str: string, loc: Loc): (string | Code)[] {
  const out: (string | Code)[] = [];
  let cur = '';
  let i = 0;
  const at = (j: number): string => {
    if (j >= str.length) throw runtimeError('Truncated format code.', loc);
    return str[j];
  };
  const width = (): number | '*' => {
    if (str[i] === '*') {
      i++;
      return '*';
    }
    let v = 0;
    while (at(i) >= '0' && at(i) <= '9') v = v * 10 + Number(str[i++]);
    return v;
  };
  while (i < str.length) {
    const c = str[i++];
    if (c !== '%') {
      cur += c;
      continue;
    }
    out.push(cur);
    cur = '';
    let mkey: string | null = null;
    if (at(i) === '(') {
      const close = str.indexOf(')', i + 1);
      if (close < 0) throw runtimeError('Truncated format code.', loc);
      mkey = str.slice(i + 1, close);
      i = close + 1;
    }
    const flags = { alt: false, zero: false, left: false, blank: false, plus: false };
    for (let f = at(i); '#0- +'.includes(f); f = at(++i)) {
      if (f === '#') flags.alt = true;
      else if (f === '0') flags.zero = true;
      else if (f === '-') flags.left = true;
      else if (f === ' ') flags.blank = true;
      else flags.plus = true;
    }
    const fw = width();
    let prec: number | '*' | null = null;
    if (at(i) === '.') {
      i++;
      prec = width();
    }
    if ('hlL'.includes(at(i))) i++;
    const t = at(i++);
    const conv = CONV[t];
    if (!conv) throw runtimeError(`Unrecognised conversion type: ${t}`, loc);
    out.push({ mkey, ...flags, fw, prec, ctype: conv[0], caps: conv[1] });
  }
  out.push(cur);
  return out;
}

function padLeft(s: string, w: number, c: string): string {
  const n = w - cpLength(s);
  return n > 0 ? c.repeat(n) + s : s;
}

function padRight(s: string, w: number, c: string): string {
  const n = w - cpLength(s);
  return n > 0 ? s + c.repeat(n) : s;
}

function sign(neg: boolean, blank: boolean, plus: boolean): string {
  return neg ? '-' : plus ? '+' : blank ? ' ' : '';
}

function renderInt(
  neg: boolean,
  mag: number,
  minChars: number,
  minDigits: number,
  code: Code,
  radix: number,
  prefix: string,
): string {
  const digits = mag === 0 ? '0' : prefix + BigInt(mag).toString(radix);
  const zp = minChars - (neg || code.blank || code.plus ? 1 : 0);
  return sign(neg, code.blank, code.plus) + padLeft(digits, Math.max(zp, minDigits), '0');
}

function renderHex(n: number, minChars: number, minDigits: number, code: Code): string {
  const mag = Math.floor(Math.abs(n));
  let hex = mag === 0 ? '0' : BigInt(mag).toString(16);
  if (code.caps) hex = hex.toUpperCase();
  const neg = n < 0;
  const zp = minChars - (neg || code.blank || code.plus ? 1 : 0) - (code.alt ? 2 : 0);
  const zerox = code.alt ? (code.caps ? '0X' : '0x') : '';
  return sign(neg, code.blank, code.plus) + zerox + padLeft(hex, Math.max(zp, minDigits), '0');
}

function formatCode(
  val: Value,
  code: Code,
  fw: number,
  prec: number | null,
  at: string | number,
  toStr: (v: Value) => string,
  loc: Loc,
): string {
  const iprec = prec ?? 0;
  const zp = code.zero && !code.left ? fw : 0;
  const number = (): number => {
    if (typeof val !== 'number')
      throw runtimeError(`Format required number at ${at}, got ${typeOf(val)}`, loc);
    return val;
  };
  switch (code.ctype) {
    case 's':
      return toStr(val);
    case 'd': {
      const v = number();
      return renderInt(v <= -1, Math.floor(Math.abs(v)), zp, iprec, code, 10, '');
    }
    case 'o': {
      const v = number();
      return renderInt(v <= -1, Math.floor(Math.abs(v)), zp, iprec, code, 8, code.alt ? '0' : '');
    }
    case 'x':
      return renderHex(Math.floor(number()), zp, iprec, code);
    case 'c':
      if (typeof val === 'number') return String.fromCodePoint(val);
      if (typeof val === 'string') {
        if (cpLength(val) === 1) return val;
        throw runtimeError(`%c expected 1-sized string got: ${cpLength(val)}`, loc);
      }
      throw runtimeError(`%c expected number / string, got: ${typeOf(val)}`, loc);
  }
  throw runtimeError(`Unknown code: ${code.ctype}`, loc);
}

/** std.format(str, vals), or undefined when it has a floating-point conversion. */
export function formatNative(
  str: string,
  vals: Value,
  toStr: (v: Value) => string,
  loc: Loc,
): string | undefined {
  const codes = parseCodes(str, loc);
  if (codes.some((c) => typeof c !== 'string' && 'efg'.includes(c.ctype))) return undefined;
  let out = '';
  if (vals instanceof JObject) {
    for (const code of codes) {
      if (typeof code === 'string') {
        out += code;
        continue;
      }
      if (code.mkey === null) throw runtimeError('Mapping keys required.', loc);
      if (code.fw === '*') throw runtimeError('Cannot use * field width with object.', loc);
      if (code.prec === '*') throw runtimeError('Cannot use * precision with object.', loc);
      let s = '%';
      if (code.ctype !== '%') {
        if (!hasField(vals, code.mkey, true)) throw runtimeError(`No such field: ${code.mkey}`, loc);
        s = formatCode(getField(vals, code.mkey, loc), code, code.fw, code.prec, code.mkey, toStr, loc);
      }
      out += code.left ? padRight(s, code.fw, ' ') : padLeft(s, code.fw, ' ');
    }
    return out;
  }
  const arr: (Thunk | Value)[] = Array.isArray(vals) ? vals : [vals];
  const value = (k: number): Value => {
    const x = arr[k];
    return Array.isArray(vals) ? (x as Thunk).get() : (x as Value);
  };
  let j = 0;
  for (const code of codes) {
    if (typeof code === 'string') {
      out += code;
      continue;
    }
    let fw = code.fw;
    if (fw === '*') {
      if (j >= arr.length)
        throw runtimeError(`Not enough values to format: ${arr.length}, expected at least ${j}`, loc);
      fw = value(j++) as number;
    }
    let prec = code.prec;
    if (prec === '*') {
      if (j >= arr.length)
        throw runtimeError(`Not enough values to format: ${arr.length}, expected at least ${j}`, loc);
      prec = value(j++) as number;
    }
    let s = '%';
    if (code.ctype !== '%') {
      if (j >= arr.length)
        throw runtimeError(`Not enough values to format: ${arr.length}, expected more than ${j}`, loc);
      s = formatCode(value(j), code, fw, prec, j, toStr, loc);
      j++;
    }
    out += code.left ? padRight(s, fw, ' ') : padLeft(s, fw, ' ');
  }
  if (j < arr.length) throw runtimeError(`Too many values to format: ${arr.length}, expected ${j}`, loc);
  return out;
}
