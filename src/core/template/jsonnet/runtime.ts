import type { Loc } from './ast.js';
import { JsonnetError } from './errors.js';

/**
 * The evaluation stack: the position of every nested evaluation in progress (for error positions
 * and traces) and its depth limit. Evaluation is synchronous, so one module-level stack serves the
 * whole process; `resetStack` starts each top-level evaluation afresh.
 */
export const stack: Loc[] = [];

/**
 * Nested evaluations allowed before "max stack frames exceeded." (jsonnet's own limit is 500 calls;
 * one call here is a few nested evaluations). Kept well inside Node's default thread stack.
 */
export const MAX_DEPTH = 2000;

/**
 * Frames of calls in tail position that did not say `tailstrict`: the evaluator runs them in place,
 * but counts them against MAX_DEPTH as jsonnet does, so `local f(x) = f(x); f(1)` ends as "max
 * stack frames exceeded." instead of looping forever.
 */
export const depth = { tail: 0, tailstrict: 0 };

/** `tailstrict` calls allowed in one evaluation: jsonnet loops forever on `f(x) tailstrict`; skyql stops. */
export const DEFAULT_MAX_TAILSTRICT_CALLS = 10_000_000;
export const limits = { tailstrict: DEFAULT_MAX_TAILSTRICT_CALLS };

export function resetStack(): void {
  stack.length = 0;
  depth.tail = 0;
  depth.tailstrict = 0;
}

/** A run-time error at `loc`, carrying the current stack as its trace. */
export function runtimeError(message: string, loc: Loc | null): JsonnetError {
  const trace: Loc[] = [];
  for (let i = stack.length - 1; i >= 0 && trace.length < 50; i--) trace.push(stack[i]);
  return new JsonnetError('runtime', message, loc ?? stack[stack.length - 1] ?? null, trace);
}

export function stackOverflow(loc: Loc | null): JsonnetError {
  return runtimeError('max stack frames exceeded.', loc);
}
