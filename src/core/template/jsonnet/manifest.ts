import type { Loc } from './ast.js';
import { checkAsserts, fieldNames, getField } from './objects.js';
import { runtimeError } from './runtime.js';
import { quoteString } from './strings.js';
import { JObject, type Value } from './values.js';

/**
 * Output: the JSON text jsonnet prints (3-space indent, fields sorted, numbers as `%.17g` or as
 * integers) and plain JS values for skyql's templates. Both force every visible field and run
 * object asserts.
 */

/** A number as jsonnet prints it: integers in full, others with 17 significant digits (`%.17g`). */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return Object.is(v, -0) ? '-0' : BigInt(v).toString();
  const [mant, expStr] = v.toExponential(16).split('e');
  const e = Number(expStr);
  if (e < -4 || e >= 17) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(16 - e);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** JSON text: `multiline` as the jsonnet command prints it, else on one line (std.toString). */
export function manifestJson(v: Value, multiline: boolean, indent: string, loc: Loc): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'string':
      return quoteString(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    const inner = multiline ? `${indent}   ` : indent;
    const parts = v.map((t) => inner + manifestJson(t.get(), multiline, inner, loc));
    return multiline ? `[\n${parts.join(',\n')}\n${indent}]` : `[${parts.join(', ')}]`;
  }
  if (v instanceof JObject) {
    checkAsserts(v);
    const names = fieldNames(v, false);
    if (names.length === 0) return '{ }';
    const inner = multiline ? `${indent}   ` : indent;
    const parts = names.map(
      (n) => `${inner}${quoteString(n)}: ${manifestJson(getField(v, n, loc), multiline, inner, loc)}`,
    );
    return multiline ? `{\n${parts.join(',\n')}\n${indent}}` : `{${parts.join(', ')}}`;
  }
  throw runtimeError("couldn't manifest function in JSON output.", loc);
}

/** A plain JS value (objects with their visible fields, in jsonnet's order). */
export function toJs(v: Value, loc: Loc): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((t) => toJs(t.get(), loc));
  if (v instanceof JObject) {
    checkAsserts(v);
    const out: Record<string, unknown> = {};
    for (const n of fieldNames(v, false))
      Object.defineProperty(out, n, {
        value: toJs(getField(v, n, loc), loc),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  throw runtimeError("couldn't manifest function in JSON output.", loc);
}
