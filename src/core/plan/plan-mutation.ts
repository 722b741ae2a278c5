import { SkyqlError } from '../../base/errors/skyql-error.js';
import { closestNames } from '../../base/util/did-you-mean.js';
import type { Method, Resource } from '../catalog/model/catalog-types.js';
import { selectMethod } from './select-method.js';

/** SQL verbs that change resources through their own method lists. */
export type MutationVerb = 'insert' | 'update' | 'replace' | 'delete';

/** One API call's parameter values (SQL name → value). */
export type CallValues = Map<string, unknown>;

/** The method chosen for a mutation, the names it was chosen with, and the values of each call. */
export interface MutationPlan {
  readonly method: Method;
  readonly supplied: ReadonlySet<string>;
  readonly calls: readonly CallValues[];
}

/** Upper bound on the calls one mutation may fan out to. */
export const MAX_MUTATION_CALLS = 10_000;

/** Every combination of the listed values (`zone IN ('a','b') AND name IN ('x','y')` → 4 maps). */
export function fanOut(lists: ReadonlyArray<readonly [string, readonly unknown[]]>): CallValues[] {
  let out: CallValues[] = [new Map()];
  for (const [name, values] of lists) {
    out = out.flatMap((base) => values.map((v) => new Map([...base, [name, v]])));
    if (out.length > MAX_MUTATION_CALLS)
      throw new SkyqlError(
        'BAD_PARAMETER',
        `the statement would need more than ${MAX_MUTATION_CALLS} API calls`,
        {
          hint: 'narrow the IN lists',
        },
      );
  }
  return out;
}

/** Throws BAD_PARAMETER (with suggestions) for a name that is not a parameter of `method`. */
export function checkParamNames(method: Method, names: Iterable<string>): void {
  const known = new Set(method.params.map((p) => p.name));
  for (const name of names) {
    if (known.has(name)) continue;
    const close = closestNames(name, known, 3);
    throw new SkyqlError(
      'BAD_PARAMETER',
      `${name} is not a parameter of ${method.resourceFqn}.${method.name}`,
      {
        hint: `${close.length > 0 ? `did you mean ${close.join(' or ')}? ` : ''}DESCRIBE METHOD ${method.resourceFqn}.${method.name} lists its parameters (request-body fields as data__<field>)`,
      },
    );
  }
}

/** An object value, or a string holding a JSON object, as an object. */
function jsonObject(v: unknown): Record<string, unknown> | undefined {
  let value = v;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      value = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The `updateMask` a PATCH needs, from the SET columns: the body fields set (`data__labels,
 * data__timeZone` → `labels,timeZone`); when the mask is itself a body field (Pub/Sub
 * `{topic: {...}, updateMask}`), the fields of the one wrapped object set.
 */
export function updateMaskFor(method: Method, setColumns: readonly string[], values: CallValues): string {
  const bodyParams = new Map(method.params.filter((p) => p.location === 'body').map((p) => [p.name, p]));
  const set = setColumns.filter((c) => bodyParams.has(c) && c !== 'data__updateMask');
  const maskInBody = bodyParams.has('data__updateMask');
  if (maskInBody && set.length === 1) {
    const v = jsonObject(values.get(set[0]));
    if (v) return Object.keys(v).join(',');
  }
  return set.map((c) => bodyParams.get(c)?.wireName ?? c).join(',');
}

/** Booleans written as 1/0 (as SQLite gives them) become booleans for boolean parameters. */
export function coerceBooleans(method: Method, values: CallValues): CallValues {
  for (const p of method.params) {
    const v = values.get(p.name);
    if (p.type === 'boolean' && (v === 0 || v === 1 || v === 0n || v === 1n))
      values.set(p.name, v === 1 || v === 1n);
  }
  return values;
}

/**
 * Chooses the method for a mutation as StackQL does (the first method of the verb, in document
 * order, whose required parameters are all supplied), checks that every supplied name is one of its
 * parameters, fills `updateMask` from the SET columns where the method takes one and it was not
 * given, and turns 1/0 into booleans for boolean parameters.
 */
export function planMutation(
  resource: Resource,
  verb: MutationVerb,
  calls: readonly CallValues[],
  setColumns: readonly string[] = [],
): MutationPlan {
  const supplied = new Set(calls.flatMap((c) => [...c.keys()]));
  const method = selectMethod(resource, verb, supplied);
  checkParamNames(method, supplied);
  const mask = method.params.find((p) => p.name === 'updateMask' || p.name === 'data__updateMask');
  const fillMask = (verb === 'update' || verb === 'replace') && mask && !supplied.has(mask.name);
  const planned = calls.map((c) => {
    const values = coerceBooleans(method, new Map(c));
    if (fillMask && mask) {
      const m = updateMaskFor(method, setColumns, values);
      if (m !== '') values.set(mask.name, m);
    }
    return values;
  });
  return { method, supplied, calls: planned };
}
