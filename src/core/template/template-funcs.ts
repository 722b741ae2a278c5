import { sprint, sprintf, sprintln } from './go-printf.js';
import { goQuote, goTypeName, isInt, isObject, isPrint, present, truth, utf8 } from './go-values.js';

/**
 * Go text/template's predefined functions. Each gets its arguments evaluated (MISSING as nil);
 * `and` and `or` are marked lazy: the renderer evaluates their arguments one by one and stops
 * at the deciding one, as Go 1.18+ does. A thrown FuncError becomes Go's `error calling <name>: …`.
 */
export class FuncError extends Error {
  constructor(
    message: string,
    /** How to fix it, when the template's general hint would not help. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * `printf` with a verb that does not fit its value (`%d` of the string "7"): Go writes
 * `%!d(string=7)` into the text, which would end up in the SQL; here it is an error naming the
 * value. `--var` values are always strings, so for a string the hint points at typed data.
 */
function badPrintfVerb(verb: string, value: unknown): never {
  const v = present(value);
  if (typeof v === 'string')
    throw new FuncError(
      `%${verb} cannot format the string ${goQuote(v)}`,
      '--var values are always strings: print them with %s or %v, or give typed values (numbers, booleans, lists) in a JSON data file (--iqldata vars.json) or a <<<json ... >>> block',
    );
  throw new FuncError(
    `%${verb} cannot format ${v === null ? 'nil' : `the ${goTypeName(v)} ${sprint([v])}`}`,
    `use a verb that fits the value (%v prints any value), not %${verb}`,
  );
}

export interface TemplateFunc {
  /** Argument count: exactly `min` when `max` is absent, else at least `min` and at most `max` (-1: any). */
  readonly min: number;
  readonly max?: number;
  readonly lazy?: boolean;
  readonly call: (args: readonly unknown[]) => unknown;
}

/** Kinds Go compares: its basicKind. */
function kind(v: unknown): 'bool' | 'number' | 'string' | 'nil' | 'other' {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'other';
}

/** `eq a b`: Go's rules (nil equals only nil; different kinds are an error unless one is nil). */
function equal(a: unknown, b: unknown): boolean {
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'other' || kb === 'other') {
    if (ka === 'nil' || kb === 'nil') return false;
    throw new FuncError(`non-comparable type ${goTypeName(ka === 'other' ? a : b)}`);
  }
  if (ka !== kb) {
    if (ka === 'nil' || kb === 'nil') return false;
    throw new FuncError('incompatible types for comparison');
  }
  return a === b;
}

/** `lt a b` for numbers and strings (byte order). */
function less(a: unknown, b: unknown): boolean {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== 'number' && ka !== 'string') throw new FuncError('invalid type for comparison');
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function indexInto(item: unknown, key: unknown): unknown {
  if (item === null) throw new FuncError('index of untyped nil');
  if (Array.isArray(item) || typeof item === 'string') {
    if (!isInt(key)) throw new FuncError(`cannot index slice/array with type ${goTypeName(key)}`);
    const len = Array.isArray(item) ? item.length : utf8(item).length;
    if (key < 0 || key >= len) throw new FuncError(`index out of range: ${key}`);
    return Array.isArray(item) ? present(item[key]) : utf8(item)[key];
  }
  if (isObject(item)) {
    if (typeof key !== 'string') throw new FuncError(`value has type ${goTypeName(key)}; should be string`);
    return Object.hasOwn(item, key) ? present(item[key]) : null;
  }
  throw new FuncError(`can't index item of type ${goTypeName(item)}`);
}

function sliceOf(item: unknown, bounds: readonly unknown[]): unknown {
  if (item === null) throw new FuncError('slice of untyped nil');
  if (!Array.isArray(item) && typeof item !== 'string')
    throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  if (bounds.length > (typeof item === 'string' ? 2 : 3))
    throw new FuncError(`too many slice indexes: ${bounds.length}`);
  const len = Array.isArray(item) ? item.length : utf8(item).length;
  const idx = bounds.map((b) => {
    if (!isInt(b)) throw new FuncError(`cannot index slice/array with type ${goTypeName(b)}`);
    if (b < 0 || b > len) throw new FuncError(`index out of range: ${b}`);
    return b;
  });
  const [lo = 0, hi = len] = idx;
  if (lo > hi) throw new FuncError(`invalid slice index: ${lo} > ${hi}`);
  if (Array.isArray(item)) return item.slice(lo, hi);
  return new TextDecoder().decode(utf8(item).slice(lo, hi));
}

/** The text html, js and urlquery work on: a lone string, else fmt.Sprint of the arguments. */
function textOf(args: readonly unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

const HTML: Readonly<Record<string, string>> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\ufffd',
};

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\\' || ch === "'" || ch === '"') out += `\\${ch}`;
    else if ('<>&='.includes(ch) || (ch < ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r'))
      out += `\\u${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (!isPrint(ch))
      out += `\\u${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const TEMPLATE_FUNCS: Readonly<Record<string, TemplateFunc>> = {
  and: { min: 1, max: -1, lazy: true, call: (args) => args.find((a) => !truth(a)) ?? args[args.length - 1] },
  or: { min: 1, max: -1, lazy: true, call: (args) => args.find((a) => truth(a)) ?? args[args.length - 1] },
  not: { min: 1, call: ([a]) => !truth(a) },
  len: {
    min: 1,
    call: ([a]) => {
      if (a === null) throw new FuncError('len of nil pointer');
      if (typeof a === 'string') return utf8(a).length;
      if (Array.isArray(a)) return a.length;
      if (isObject(a)) return Object.keys(a).length;
      throw new FuncError(`len of type ${goTypeName(a)}`);
    },
  },
  index: { min: 1, max: -1, call: ([item, ...keys]) => keys.reduce((v, k) => indexInto(v, k), item) },
  slice: { min: 1, max: -1, call: ([item, ...bounds]) => sliceOf(item, bounds) },
  print: { min: 0, max: -1, call: (args) => sprint(args) },
  println: { min: 0, max: -1, call: (args) => sprintln(args) },
  printf: {
    min: 1,
    max: -1,
    call: ([format, ...rest]) => {
      if (typeof format !== 'string')
        throw new FuncError(`wrong type for value; expected string; got ${goTypeName(format)}`);
      return sprintf(format, rest, badPrintfVerb);
    },
  },
  eq: {
    min: 1,
    max: -1,
    call: ([a, ...others]) => {
      if (others.length === 0) throw new FuncError('missing argument for comparison');
      return others.some((b) => equal(a, b));
    },
  },
  ne: { min: 2, call: ([a, b]) => !equal(a, b) },
  lt: { min: 2, call: ([a, b]) => less(a, b) },
  le: { min: 2, call: ([a, b]) => less(a, b) || equal(a, b) },
  gt: { min: 2, call: ([a, b]) => !less(a, b) && !equal(a, b) },
  ge: { min: 2, call: ([a, b]) => !less(a, b) },
  html: { min: 0, max: -1, call: (args) => textOf(args).replace(/["'&<>\0]/g, (c) => HTML[c]) },
  js: { min: 0, max: -1, call: (args) => jsEscape(textOf(args)) },
  urlquery: { min: 0, max: -1, call: (args) => queryEscape(textOf(args)) },
};
