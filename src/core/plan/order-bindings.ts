import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { JoinParam, TableBinding } from './bind-select.js';
import { methodParamNames } from './bind-select.js';
import { methodCandidates, selectMethod } from './select-method.js';

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
export function orderBindings(bindings: readonly TableBinding[], text?: string): FetchStep[] {
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
      const supplied = new Set([
        ...b.literals.keys(),
        ...b.joins.filter((j) => done.has(j.sourceBinding)).map((j) => j.param),
      ]);
      try {
        selectMethod(b.resource, 'select', supplied);
      } catch (err) {
        throw withUnsentTerms(err, b, supplied, text);
      }
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

/**
 * A "no appropriate method" error plus, for each missing parameter the query does mention, the term
 * that names it and why that term was not sent (only `=`, `IN` and an OR of those on one column are).
 */
function withUnsentTerms(
  err: unknown,
  b: TableBinding,
  supplied: ReadonlySet<string>,
  text?: string,
): unknown {
  if (!isSkyqlError(err, 'NO_MATCHING_METHOD') || text === undefined) return err;
  const missing = new Set(methodCandidates(b.resource, 'select', supplied).flatMap((c) => c.missing));
  const notes: string[] = [];
  for (const f of b.filters) {
    const named = f.params.filter((p) => missing.has(p));
    if (named.length === 0) continue;
    const term = text.slice(f.term.start, f.term.end).replace(/\s+/g, ' ');
    notes.push(`${named.join(', ')} only in \`${term.length > 80 ? `${term.slice(0, 77)}...` : term}\``);
  }
  if (notes.length === 0) return err;
  return new SkyqlError(
    'NO_MATCHING_METHOD',
    `${err.message}; the query names ${notes.join(' and ')}, which is not sent to the API`,
    {
      hint: 'only `col = value`, `col IN (...)` and an OR of those on one column (in parentheses next to AND) pass a parameter to the API; other terms are applied to the rows afterwards',
      cause: err,
    },
  );
}
