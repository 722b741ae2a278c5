import { loadAll } from 'js-yaml';
import { nodeCrypto } from '../../../base/util/lazy-crypto.js';
import { loadYaml } from '../../../base/util/load-yaml.js';
import type { Loc } from './ast.js';
import { equalValues } from './compare.js';
import { callFunction, lengthOf, toStringValue } from './evaluator.js';
import { formatNative } from './format.js';
import { fieldNames, hasField } from './objects.js';
import { runtimeError } from './runtime.js';
import { STD_NATIVES } from './std-natives.js';
import { cpChars, cpLength, hasSurrogates } from './strings.js';
import { JFunction, JObject, type Layer, Thunk, typeOf, type Value } from './values.js';

/**
 * The standard library functions jsonnet implements natively (the rest of std is std.jsonnet,
 * evaluated like user code), plus `equals`, natively for speed. Names, parameters and messages
 * follow jsonnet's C++ VM.
 */

/** What a builtin may need from the evaluation it runs in. */
export interface BuiltinContext {
  extVar(name: string, loc: Loc): Value;
  trace(message: string, loc: Loc): void;
  /** std.jsonnet's own definition of a function that is overridden here (for the cases left to it). */
  jsonnetVersion(name: string, loc: Loc): Value;
}

/** Arrays a builtin may create at once (memory stays bounded; Node throws past 2^32-1 anyway). */
const MAX_ARRAY = 10_000_000;

type Impl = (args: Value[], loc: Loc, raw: Thunk[]) => Value;

interface Builtin {
  readonly params: readonly string[];
  readonly impl: Impl;
  /** Arguments passed unevaluated (`raw`) rather than forced into `args`. */
  readonly lazy?: boolean;
}

function num(name: string, v: Value, loc: Loc): number {
  if (typeof v !== 'number')
    throw runtimeError(`Builtin function ${name} expected (number) but got (${typeOf(v)})`, loc);
  return v;
}
function str(name: string, v: Value, loc: Loc): string {
  if (typeof v !== 'string')
    throw runtimeError(`Builtin function ${name} expected (string) but got (${typeOf(v)})`, loc);
  return v;
}
function arr(name: string, v: Value, loc: Loc): Thunk[] {
  if (!Array.isArray(v))
    throw runtimeError(`Builtin function ${name} expected (array) but got (${typeOf(v)})`, loc);
  return v;
}
function obj(name: string, v: Value, loc: Loc): JObject {
  if (!(v instanceof JObject))
    throw runtimeError(`Builtin function ${name} expected (object) but got (${typeOf(v)})`, loc);
  return v;
}
function checked(v: number, loc: Loc): number {
  if (Number.isNaN(v)) throw runtimeError('not a number', loc);
  if (!Number.isFinite(v)) throw runtimeError('overflow', loc);
  return v;
}

function math(name: string, f: (x: number) => number): Builtin {
  return { params: ['x'], impl: ([x], loc) => checked(f(num(name, x, loc)), loc) };
}

/** frexp: x = mantissa * 2^exponent with 0.5 <= |mantissa| < 1. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  let m = x * 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

/** A JSON (or YAML) value as a Jsonnet value; nested values are converted when first read. */
export function fromJs(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => Thunk.lazy(() => fromJs(x)));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const fields = new Map<string, { hide: 'inherit'; plus: false; body: null; scope: null; value: Thunk }>();
    for (const [k, x] of Object.entries(v))
      fields.set(k, {
        hide: 'inherit',
        plus: false,
        body: null,
        scope: null,
        value: Thunk.lazy(() => fromJs(x)),
      });
    const layer: Layer = { fields, asserts: [] };
    return new JObject([layer]);
  }
  return String(v);
}

function encodeUtf8(s: string): number[] {
  return [...Buffer.from(s, 'utf8')];
}

function splitLimit(s: string, sep: string, max: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (max < 0 || out.length < max) {
    const at = s.indexOf(sep, from);
    if (at < 0) break;
    out.push(s.slice(from, at));
    from = at + sep.length;
  }
  out.push(s.slice(from));
  return out;
}

function join(sep: Value, items: Thunk[], loc: Loc): Value {
  if (typeof sep === 'string') {
    const parts: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const v = items[i].get();
      if (v === null) continue;
      if (typeof v !== 'string') throw runtimeError(`expected string but arr[${i}] was ${typeOf(v)}`, loc);
      parts.push(v);
    }
    return parts.join(sep);
  }
  if (Array.isArray(sep)) {
    const out: Thunk[] = [];
    let first = true;
    for (let i = 0; i < items.length; i++) {
      const v = items[i].get();
      if (v === null) continue;
      if (!Array.isArray(v)) throw runtimeError(`expected array but arr[${i}] was ${typeOf(v)}`, loc);
      if (!first) out.push(...sep);
      first = false;
      out.push(...v);
    }
    return out;
  }
  throw runtimeError(`join first parameter should be string or array, got ${typeOf(sep)}`, loc);
}

function builtinTable(ctx: BuiltinContext): Record<string, Builtin> {
  return {
    makeArray: {
      params: ['sz', 'func'],
      impl: ([sz, func], loc) => {
        const n = num('makeArray', sz, loc);
        if (!Number.isInteger(n)) throw runtimeError(`makeArray requires an integer size, got ${n}`, loc);
        if (n < 0) throw runtimeError(`makeArray requires size >= 0, got ${n}`, loc);
        if (n > MAX_ARRAY)
          throw runtimeError(`makeArray size ${n} is over skyql's limit of ${MAX_ARRAY}`, loc);
        if (!(func instanceof JFunction))
          throw runtimeError(
            `Builtin function makeArray expected (number, function) but got (number, ${typeOf(func)})`,
            loc,
          );
        const out: Thunk[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = Thunk.lazy(() => callFunction(func, [Thunk.of(i)], loc));
        return out;
      },
    },
    pow: {
      params: ['x', 'n'],
      impl: ([x, n], loc) => checked(num('pow', x, loc) ** num('pow', n, loc), loc),
    },
    floor: math('floor', Math.floor),
    ceil: math('ceil', Math.ceil),
    sqrt: math('sqrt', Math.sqrt),
    sin: math('sin', Math.sin),
    cos: math('cos', Math.cos),
    tan: math('tan', Math.tan),
    asin: math('asin', Math.asin),
    acos: math('acos', Math.acos),
    atan: math('atan', Math.atan),
    log: math('log', Math.log),
    exp: math('exp', Math.exp),
    mantissa: math('mantissa', (x) => frexp(x)[0]),
    exponent: math('exponent', (x) => frexp(x)[1]),
    type: { params: ['x'], impl: ([x]) => typeOf(x) },
    length: { params: ['x'], impl: ([x], loc) => lengthOf(x, loc) },
    filter: {
      params: ['func', 'arr'],
      impl: ([func, a], loc) => {
        if (!(func instanceof JFunction))
          throw runtimeError(
            `Builtin function filter expected (function, array) but got (${typeOf(func)}, ${typeOf(a)})`,
            loc,
          );
        const items = arr('filter', a, loc);
        return items.filter((t) => {
          const keep = callFunction(func, [t], loc);
          if (typeof keep !== 'boolean')
            throw runtimeError(`filter function must return boolean, got: ${typeOf(keep)}`, loc);
          return keep;
        });
      },
    },
    objectHasEx: {
      params: ['obj', 'f', 'inc_hidden'],
      impl: ([o, f, h], loc) => hasField(obj('objectHasEx', o, loc), str('objectHasEx', f, loc), h === true),
    },
    objectFieldsEx: {
      params: ['obj', 'inc_hidden'],
      impl: ([o, h], loc) => fieldNames(obj('objectFieldsEx', o, loc), h === true).map((n) => Thunk.of(n)),
    },
    codepoint: {
      params: ['str'],
      impl: ([s], loc) => {
        const v = str('codepoint', s, loc);
        if (cpLength(v) !== 1)
          throw runtimeError(`codepoint takes a string of length 1, got length ${cpLength(v)}`, loc);
        return v.codePointAt(0) as number;
      },
    },
    char: {
      params: ['n'],
      impl: ([n], loc) => {
        const c = num('char', n, loc);
        if (c < 0 || c > 0x10ffff || !Number.isInteger(c))
          throw runtimeError(`Invalid unicode codepoint, got ${c}`, loc);
        return String.fromCodePoint(c);
      },
    },
    modulo: {
      params: ['a', 'b'],
      impl: ([a, b], loc) => {
        const d = num('modulo', b, loc);
        if (d === 0) throw runtimeError('division by zero.', loc);
        return checked(num('modulo', a, loc) % d, loc);
      },
    },
    extVar: { params: ['x'], impl: ([x], loc) => ctx.extVar(str('extVar', x, loc), loc) },
    primitiveEquals: {
      params: ['a', 'b'],
      impl: ([a, b], loc) => {
        const ta = typeOf(a);
        if (ta !== typeOf(b)) return false;
        if (ta === 'function') throw runtimeError('cannot test equality of functions', loc);
        if (ta === 'array' || ta === 'object')
          throw runtimeError(`primitiveEquals operates on primitive types, got ${ta}`, loc);
        return a === b;
      },
    },
    equals: { params: ['a', 'b'], impl: ([a, b], loc) => equalValues(a, b, loc) },
    native: {
      params: ['name'],
      impl: ([n], loc) => {
        str('native', n, loc);
        return null; // skyql registers no native extensions
      },
    },
    md5: {
      params: ['str'],
      impl: ([s], loc) =>
        nodeCrypto()
          .createHash('md5')
          .update(str('md5', s, loc), 'utf8')
          .digest('hex'),
    },
    trace: {
      params: ['str', 'rest'],
      lazy: true,
      impl: (_a, loc, [s, rest]) => {
        const msg = s.get();
        if (typeof msg !== 'string')
          throw runtimeError(
            `Builtin function trace expected string as first parameter but got ${typeOf(msg)}`,
            loc,
          );
        ctx.trace(msg, loc);
        return rest.get();
      },
    },
    splitLimit: {
      params: ['str', 'c', 'maxsplits'],
      impl: ([s, c, m], loc) => {
        const sep = str('splitLimit', c, loc);
        if (sep.length === 0)
          throw runtimeError('std.splitLimit second parameter should have length 1 or greater, got 0', loc);
        return splitLimit(str('splitLimit', s, loc), sep, num('splitLimit', m, loc)).map((p) => Thunk.of(p));
      },
    },
    substr: {
      params: ['str', 'from', 'len'],
      impl: ([s, f, l], loc) => {
        const v = str('substr', s, loc);
        const from = num('substr', f, loc);
        const len = num('substr', l, loc);
        if (!Number.isInteger(from))
          throw runtimeError(`substr second parameter should be an integer, got ${from}`, loc);
        if (!Number.isInteger(len))
          throw runtimeError(`substr third parameter should be an integer, got ${len}`, loc);
        if (from < 0)
          throw runtimeError(`substr second parameter should be greater than zero, got ${from}`, loc);
        if (len < 0)
          throw runtimeError(`substr third parameter should be greater than zero, got ${len}`, loc);
        if (!hasSurrogates(v)) return v.substr(from, len);
        return cpChars(v)
          .slice(from, from + len)
          .join('');
      },
    },
    range: {
      params: ['from', 'to'],
      impl: ([f, t], loc) => {
        const from = num('range', f, loc);
        const to = num('range', t, loc);
        if (to - from >= MAX_ARRAY)
          throw runtimeError(`range of ${to - from + 1} is over skyql's limit of ${MAX_ARRAY}`, loc);
        const out: Thunk[] = [];
        for (let i = from; i <= to; i++) out.push(Thunk.of(i));
        return out;
      },
    },
    strReplace: {
      params: ['str', 'from', 'to'],
      impl: ([s, f, t], loc) => {
        const from = str('strReplace', f, loc);
        if (from.length === 0) throw runtimeError("'from' string must not be zero length.", loc);
        return str('strReplace', s, loc)
          .split(from)
          .join(str('strReplace', t, loc));
      },
    },
    asciiLower: {
      params: ['str'],
      impl: ([s], loc) => str('asciiLower', s, loc).replace(/[A-Z]/g, (c) => c.toLowerCase()),
    },
    asciiUpper: {
      params: ['str'],
      impl: ([s], loc) => str('asciiUpper', s, loc).replace(/[a-z]/g, (c) => c.toUpperCase()),
    },
    format: {
      params: ['str', 'vals'],
      impl: ([s, vals], loc) =>
        formatNative(str('format', s, loc), vals, (v) => toStringValue(v, loc), loc) ??
        callFunction(ctx.jsonnetVersion('format', loc), [Thunk.of(s), Thunk.of(vals)], loc),
    },
    join: { params: ['sep', 'arr'], impl: ([sep, a], loc) => join(sep, arr('join', a, loc), loc) },
    parseJson: {
      params: ['str'],
      impl: ([s], loc) => {
        try {
          return fromJs(JSON.parse(str('parseJson', s, loc)));
        } catch (err) {
          throw runtimeError(`parse error: ${(err as Error).message}`, loc);
        }
      },
    },
    parseYaml: {
      params: ['str'],
      impl: ([s], loc) => {
        const text = str('parseYaml', s, loc);
        try {
          const docs = /^---/m.test(text) ? loadAll(text).filter((d) => d !== undefined) : [loadYaml(text)];
          return fromJs(docs.length === 1 ? docs[0] : docs);
        } catch (err) {
          throw runtimeError(`YAML parse error: ${(err as Error).message.split('\n')[0]}`, loc);
        }
      },
    },
    encodeUTF8: {
      params: ['str'],
      impl: ([s], loc) => encodeUtf8(str('encodeUTF8', s, loc)).map((b) => Thunk.of(b)),
    },
    decodeUTF8: {
      params: ['arr'],
      impl: ([a], loc) => {
        const items = arr('decodeUTF8', a, loc);
        const bytes = items.map((t, i) => {
          const b = t.get();
          if (typeof b !== 'number')
            throw runtimeError(`Element ${i} of the provided array was not a number`, loc);
          if (!Number.isInteger(b) || b < 0 || b > 255)
            throw runtimeError(`Element ${i} of the provided array was not an integer in range [0,255]`, loc);
          return b;
        });
        return Buffer.from(bytes).toString('utf8');
      },
    },
  };
}

const NATIVE_LOC: Loc = { file: 'std.jsonnet', line: 0, col: 0 };

/** The builtins as std fields (hidden), ready to be layered over std.jsonnet's object. */
export function builtinLayer(ctx: BuiltinContext): Layer {
  const fields = new Map<string, { hide: 'hidden'; plus: false; body: null; scope: null; value: Thunk }>();
  const all: Record<string, Builtin & { defaults?: Readonly<Record<string, Value>> }> = {
    ...STD_NATIVES,
    ...builtinTable(ctx),
  };
  for (const [name, b] of Object.entries(all)) {
    const params = b.params.map((p) => {
      const d = b.defaults?.[p];
      return {
        name: p,
        def: d === undefined ? null : ({ k: 'lit', v: d as string | null, loc: NATIVE_LOC } as const),
      };
    });
    const native = b.lazy
      ? (args: Thunk[], loc: Loc) => b.impl([], loc, args)
      : (args: Thunk[], loc: Loc) =>
          b.impl(
            args.map((t) => t.get()),
            loc,
            args,
          );
    fields.set(name, {
      hide: 'hidden',
      plus: false,
      body: null,
      scope: null,
      value: Thunk.of(new JFunction(name, params, null, null, native)),
    });
  }
  return { fields, asserts: [] };
}
