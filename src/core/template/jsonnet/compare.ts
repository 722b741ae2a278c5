import type { Loc } from './ast.js';
import { fieldNames, getField } from './objects.js';
import { runtimeError } from './runtime.js';
import { cpCompare } from './strings.js';
import { JFunction, JObject, typeOf, type Value } from './values.js';

/** `==` (std.equals): deep, over visible fields; functions cannot be compared. */
export function equalValues(a: Value, b: Value, loc: Loc): boolean {
  if (a === b) {
    if (a instanceof JFunction) throw runtimeError('cannot test equality of functions', loc);
    return true;
  }
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i].get(), b[i].get(), loc)) return false;
    return true;
  }
  if (a instanceof JObject && b instanceof JObject) {
    const fa = fieldNames(a, false);
    const fb = fieldNames(b, false);
    if (fa.length !== fb.length) return false;
    for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) return false;
    for (const f of fa) if (!equalValues(getField(a, f, loc), getField(b, f, loc), loc)) return false;
    return true;
  }
  if (ta === 'function') throw runtimeError('cannot test equality of functions', loc);
  return false;
}

/** `<` and friends: numbers, strings (by code point) and arrays (element by element). */
export function compareValues(a: Value, b: Value, loc: Loc): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return cpCompare(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i].get(), b[i].get(), loc);
      if (c !== 0) return c;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if (typeOf(a) !== typeOf(b))
    throw runtimeError(`Comparison requires matching types. Got ${typeOf(a)} and ${typeOf(b)}`, loc);
  throw runtimeError(`Values of type ${typeOf(a)} are not comparable.`, loc);
}
