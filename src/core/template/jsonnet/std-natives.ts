import type { Loc } from './ast.js';
import { compareValues, equalValues } from './compare.js';
import { callFunction, toStringValue } from './evaluator.js';
import { formatNumber } from './manifest.js';
import { checkAsserts, fieldNames, getField } from './objects.js';
import { runtimeError } from './runtime.js';
import { cpChars, quoteString } from './strings.js';
import { JFunction, Thunk, typeOf, type Value } from './values.js';

/**
 * Native versions of standard library functions that std.jsonnet writes in Jsonnet, where the
 * Jsonnet version is quadratic or walks strings character by character (sorting and sets, folds,
 * map, base64, manifestJsonEx). Each keeps std.jsonnet's results, order and messages; the official
 * test suite (test/unit/core/template/jsonnet/test-suite.test.ts) checks both against the goldens.
 */

export interface NativeDef {
  readonly params: readonly string[];
  /** Parameters that may be left out, with their value (std.jsonnet's defaults). */
  readonly defaults?: Readonly<Record<string, Value>>;
  readonly impl: (args: Value[], loc: Loc) => Value;
}

function fn(name: string, v: Value, loc: Loc): JFunction {
  if (!(v instanceof JFunction))
    throw runtimeError(`std.${name} first param must be function, got ${typeOf(v)}`, loc);
  return v;
}

/** keyF(x) for each element (keyF null = identity). */
function keys(arr: Thunk[], keyF: Value, loc: Loc): Value[] {
  if (keyF === null) return arr.map((t) => t.get());
  return arr.map((t) => callFunction(keyF, [t], loc));
}

function key(t: Thunk, keyF: Value, loc: Loc): Value {
  return keyF === null ? t.get() : callFunction(keyF, [t], loc);
}

function sort(arr: Thunk[], keyF: Value, loc: Loc): Thunk[] {
  const ks = keys(arr, keyF, loc);
  const idx = arr.map((_, i) => i);
  idx.sort((a, b) => compareValues(ks[a], ks[b], loc));
  return idx.map((i) => arr[i]);
}

function uniq(arr: Thunk[], keyF: Value, loc: Loc): Thunk[] {
  const out: Thunk[] = [];
  let last: Value | undefined;
  for (const t of arr) {
    const k = key(t, keyF, loc);
    if (out.length > 0 && equalValues(last as Value, k, loc)) continue;
    out.push(t);
    last = k;
  }
  return out;
}

/** std.setUnion / setInter / setDiff: one merge walk over two sorted arrays. */
function setOp(kind: 'union' | 'inter' | 'diff', a: Thunk[], b: Thunk[], keyF: Value, loc: Loc): Thunk[] {
  const out: Thunk[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ak = key(a[i], keyF, loc);
    const bk = key(b[j], keyF, loc);
    if (equalValues(ak, bk, loc)) {
      if (kind !== 'diff') out.push(a[i]);
      i++;
      j++;
    } else if (compareValues(ak, bk, loc) < 0) {
      if (kind !== 'inter') out.push(a[i]);
      i++;
    } else {
      if (kind === 'union') out.push(b[j]);
      j++;
    }
  }
  if (kind !== 'inter') out.push(...a.slice(i));
  if (kind === 'union') out.push(...b.slice(j));
  return out;
}

/** The elements of an array, or the characters of a string, as thunks. */
function elements(name: string, what: string, v: Value, loc: Loc): Thunk[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return cpChars(v).map((c) => Thunk.of(c));
  throw runtimeError(`std.${name} second param must be ${what}, got ${typeOf(v)}`, loc);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(input: Value, loc: Loc): string {
  let bytes: number[];
  if (typeof input === 'string') bytes = cpChars(input).map((c) => c.codePointAt(0) as number);
  else if (Array.isArray(input)) bytes = input.map((t) => t.get() as number);
  else throw runtimeError(`base64 expects a string or an array of bytes, got ${typeOf(input)}`, loc);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [x, y, z] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    for (const b of [x, y, z])
      if (b !== undefined && (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255))
        throw runtimeError(
          `base64 encountered invalid codepoint value in the array (must be 0 <= X <= 255), got ${String(b)}`,
          loc,
        );
    out += B64[x >> 2] + B64[((x & 3) << 4) | ((y ?? 0) >> 4)];
    out +=
      y === undefined ? '==' : B64[((y & 15) << 2) | ((z ?? 0) >> 6)] + (z === undefined ? '=' : B64[z & 63]);
  }
  return out;
}

/** std.manifestJsonEx, laid out exactly as std.jsonnet does (`[\n\n]` for an empty array included). */
function manifestJsonEx(
  v: Value,
  indent: string,
  nl: string,
  sep: string,
  path: (string | number)[],
  cur: string,
  loc: Loc,
): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v === null) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return quoteString(v);
  if (v instanceof JFunction) throw runtimeError(`Tried to manifest function at ${pathText(path)}`, loc);
  const inner = cur + indent;
  if (Array.isArray(v)) {
    const parts = v.map((t, i) => inner + manifestJsonEx(t.get(), indent, nl, sep, [...path, i], inner, loc));
    return `[${nl}${parts.join(`,${nl}`)}${nl}${cur}]`;
  }
  checkAsserts(v);
  const parts = fieldNames(v, false).map(
    (k) =>
      inner +
      quoteString(k) +
      sep +
      manifestJsonEx(getField(v, k, loc), indent, nl, sep, [...path, k], inner, loc),
  );
  return `{${nl}${parts.join(`,${nl}`)}${nl}${cur}}`;
}

function pathText(path: (string | number)[]): string {
  return `[${path.map((p) => (typeof p === 'number' ? String(p) : quoteString(p))).join(', ')}]`;
}

function str(name: string, v: Value, loc: Loc): string {
  if (typeof v !== 'string')
    throw runtimeError(`Builtin function ${name} expected (string) but got (${typeOf(v)})`, loc);
  return v;
}

export const STD_NATIVES: Record<string, NativeDef> = {
  sort: {
    params: ['arr', 'keyF'],
    defaults: { keyF: null },
    impl: ([arr, keyF], loc) => sort(elements('sort', 'array', arr, loc), keyF, loc),
  },
  uniq: {
    params: ['arr', 'keyF'],
    defaults: { keyF: null },
    impl: ([arr, keyF], loc) => uniq(elements('uniq', 'array', arr, loc), keyF, loc),
  },
  set: {
    params: ['arr', 'keyF'],
    defaults: { keyF: null },
    impl: ([arr, keyF], loc) => uniq(sort(elements('set', 'array', arr, loc), keyF, loc), keyF, loc),
  },
  setMember: {
    params: ['x', 'arr', 'keyF'],
    defaults: { keyF: null },
    impl: ([x, arr, keyF], loc) =>
      setOp('inter', [Thunk.of(x)], elements('setMember', 'array', arr, loc), keyF, loc).length > 0,
  },
  setUnion: {
    params: ['a', 'b', 'keyF'],
    defaults: { keyF: null },
    impl: ([a, b, keyF], loc) =>
      setOp('union', elements('setUnion', 'array', a, loc), elements('setUnion', 'array', b, loc), keyF, loc),
  },
  setInter: {
    params: ['a', 'b', 'keyF'],
    defaults: { keyF: null },
    impl: ([a, b, keyF], loc) =>
      setOp('inter', elements('setInter', 'array', a, loc), elements('setInter', 'array', b, loc), keyF, loc),
  },
  setDiff: {
    params: ['a', 'b', 'keyF'],
    defaults: { keyF: null },
    impl: ([a, b, keyF], loc) =>
      setOp('diff', elements('setDiff', 'array', a, loc), elements('setDiff', 'array', b, loc), keyF, loc),
  },
  foldl: {
    params: ['func', 'arr', 'init'],
    impl: ([f, arr, init], loc) => {
      let acc = init;
      for (const t of elements('foldl', 'array', arr, loc)) acc = callFunction(f, [Thunk.of(acc), t], loc);
      return acc;
    },
  },
  foldr: {
    params: ['func', 'arr', 'init'],
    impl: ([f, arr, init], loc) => {
      let acc = init;
      const all = elements('foldr', 'array', arr, loc);
      for (let i = all.length - 1; i >= 0; i--) acc = callFunction(f, [all[i], Thunk.of(acc)], loc);
      return acc;
    },
  },
  map: {
    params: ['func', 'arr'],
    impl: ([f, arr], loc) => {
      const func = fn('map', f, loc);
      return elements('map', 'array / string', arr, loc).map((t) =>
        Thunk.lazy(() => callFunction(func, [t], loc)),
      );
    },
  },
  mapWithIndex: {
    params: ['func', 'arr'],
    impl: ([f, arr], loc) => {
      const func = fn('mapWithIndex', f, loc);
      return elements('mapWithIndex', 'array', arr, loc).map((t, i) =>
        Thunk.lazy(() => callFunction(func, [Thunk.of(i), t], loc)),
      );
    },
  },
  base64: { params: ['input'], impl: ([input], loc) => base64(input, loc) },
  escapeStringJson: {
    params: ['str_'],
    impl: ([s], loc) => quoteString(toStringValue(s, loc)),
  },
  manifestJsonEx: {
    params: ['value', 'indent', 'newline', 'key_val_sep'],
    defaults: { newline: '\n', key_val_sep: ': ' },
    impl: ([v, indent, nl, sep], loc) =>
      manifestJsonEx(
        v,
        str('manifestJsonEx', indent, loc),
        str('manifestJsonEx', nl, loc),
        str('manifestJsonEx', sep, loc),
        [],
        '',
        loc,
      ),
  },
};
