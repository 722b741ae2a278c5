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

/** What {@link toJs} may still produce, in characters of the value's compact JSON text. */
export interface OutputBudget {
  readonly max: number;
  left: number;
}

/** Charges `n` characters; past the budget the document fails instead of filling memory. */
function charge(budget: OutputBudget, n: number, loc: Loc): void {
  budget.left -= n;
  if (budget.left < 0) throw runtimeError(`the value passes ${budget.max} characters of JSON`, loc);
}

/**
 * A plain JS value (objects with their visible fields, in jsonnet's order), at most `budget`
 * characters of JSON (a lazy array of lazy arrays can otherwise fill memory only when read).
 */
export function toJs(v: Value, loc: Loc, budget: OutputBudget): unknown {
  if (v === null || typeof v !== 'object') {
    charge(budget, typeof v === 'string' ? v.length + 3 : String(v).length + 1, loc);
    return v;
  }
  charge(budget, 2, loc);
  if (Array.isArray(v)) return v.map((t) => toJs(t.get(), loc, budget));
  if (v instanceof JObject) {
    checkAsserts(v);
    const out: Record<string, unknown> = {};
    for (const n of fieldNames(v, false)) {
      charge(budget, n.length + 3, loc);
      Object.defineProperty(out, n, {
        value: toJs(getField(v, n, loc), loc, budget),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  throw runtimeError("couldn't manifest function in JSON output.", loc);
}
