import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { JoinParam, TableBinding } from './bind-select.js';
import { methodParamNames } from './bind-select.js';
import { selectMethod } from './select-method.js';

/** One step of a SELECT's fetch plan: a table, its method and the join params it waits for. */
export interface FetchStep {
  readonly binding: TableBinding;
  readonly method: Method;
  /** Join parameters the method consumes; their values come from already fetched tables. */
  readonly joinParams: readonly JoinParam[];
  /** The parameter names the method was chosen with (StackQL's first match over these). */
  readonly supplied: ReadonlySet<string>;
}

function tryMethod(b: TableBinding, supplied: Set<string>): Method | undefined {
  try {
    return selectMethod(b.resource, 'select', supplied);
  } catch {
    return undefined;
  }
}

/**
 * Orders the tables so that a table whose method needs values from another table's rows (a
 * dependent join) is fetched after it. A table is dependent when the method chosen with all its
 * join parameters consumes one of them; otherwise it is fetched from its literals alone. Tables that
 * wait on each other are broken by fetching one from literals; if that is impossible the error is
 * the usual "no appropriate method" naming the missing parameters.
 */
export function orderBindings(bindings: readonly TableBinding[]): FetchStep[] {
  const steps: FetchStep[] = [];
  const done = new Set<TableBinding>();
  const pending = new Set(bindings);
  while (pending.size > 0) {
    let progressed = false;
    for (const b of [...pending]) {
      const literal = new Set(b.literals.keys());
      const all = new Set([...literal, ...b.joins.map((j) => j.param)]);
      const withJoins = tryMethod(b, all);
      const consumed = withJoins ? methodParamNames(withJoins) : new Set<string>();
      const joinParams = withJoins ? b.joins.filter((j) => consumed.has(j.param)) : [];
      if (withJoins && joinParams.length > 0) {
        if (!joinParams.every((j) => done.has(j.sourceBinding))) continue;
        steps.push({ binding: b, method: withJoins, joinParams, supplied: all });
      } else {
        const method = tryMethod(b, literal);
        if (!method) continue;
        steps.push({ binding: b, method, joinParams: [], supplied: literal });
      }
      pending.delete(b);
      done.add(b);
      progressed = true;
    }
    if (progressed) continue;
    // Nothing is ready: fetch the first table that literals alone can serve, or report the first.
    const first = [...pending].find((b) => tryMethod(b, new Set(b.literals.keys())));
    if (!first) {
      const b = [...pending][0];
      selectMethod(
        b.resource,
        'select',
        new Set([
          ...b.literals.keys(),
          ...b.joins.filter((j) => done.has(j.sourceBinding)).map((j) => j.param),
        ]),
      );
      throw new SkyqlError('INTERNAL', `cannot order the tables of the query around ${b.resource.fqn}`);
    }
    const literal = new Set(first.literals.keys());
    steps.push({
      binding: first,
      method: tryMethod(first, literal) as Method,
      joinParams: [],
      supplied: literal,
    });
    pending.delete(first);
    done.add(first);
  }
  return steps;
}
