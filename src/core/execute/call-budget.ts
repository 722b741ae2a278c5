import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { FetchStep } from '../plan/order-bindings.js';
import { literalLists } from './fetch-step.js';

/** API calls one statement may make, over all its provider tables, unless `--execution.maxCalls` says otherwise. */
export const DEFAULT_MAX_CALLS = 10_000;

/** Calls of one fan-out: the product of its value lists' lengths (counted, never built). */
export function combinationCount(lists: ReadonlyArray<readonly [string, readonly unknown[]]>): number {
  return lists.reduce((n, [, values]) => n * values.length, 1);
}

/**
 * Calls known before any API is called: each independent table's IN-list combinations. Dependent
 * joins fan out over values only known when their source tables arrive; they are counted then.
 */
export function plannedCalls(steps: readonly FetchStep[]): number {
  return steps
    .filter((s) => s.joinParams.length === 0)
    .reduce((n, s) => n + combinationCount(literalLists(s)), 0);
}

/**
 * The running count of one statement's API calls: each fan-out is added before its first call,
 * and the statement is refused (TOO_MANY_CALLS) once the total passes the cap, so a wide IN list
 * or join cannot turn one statement into an unbounded number of requests.
 */
export class CallBudget {
  private spent = 0;

  constructor(readonly max: number) {}

  /** Adds `calls` (described by `what`) to the total; throws when the total passes the cap. */
  spend(calls: number, what: string): void {
    const total = this.spent + calls;
    if (total > this.max) throw tooManyCalls(total, this.max, what);
    this.spent = total;
  }
}

function tooManyCalls(total: number, max: number, what: string): SkyqlError {
  return new SkyqlError(
    'TOO_MANY_CALLS',
    `the statement would make ${total} API calls (${what}), more than the cap of ${max}`,
    { hint: 'narrow the IN lists or the joined tables, or raise the cap with --execution.maxCalls <n>' },
  );
}
