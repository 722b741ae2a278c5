import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method, Resource, SqlVerb } from '../catalog/model/catalog-types.js';

/** Required inputs of a method for selection: path, required query/header/body, server variables without a default. */
export function requiredForSelection(method: Method): string[] {
  const serverDefaults = method.servers[0]?.variables ?? {};
  return method.params
    .filter(
      (p) => p.required && !(p.location === 'server' && serverDefaults[p.wireName]?.default !== undefined),
    )
    .map((p) => p.name);
}

/** A method of the verb's list and the required parameters the supplied set lacks (none: it fits). */
export interface MethodCandidate {
  readonly method: Method;
  readonly missing: readonly string[];
}

/** Every method of the verb, in StackQL's order (document order), with what each still needs. */
export function methodCandidates(
  resource: Resource,
  verb: Exclude<SqlVerb, 'exec'>,
  supplied: ReadonlySet<string>,
): MethodCandidate[] {
  return resource.verbs[verb].map((method) => ({
    method,
    missing: requiredForSelection(method).filter((p) => !supplied.has(p)),
  }));
}

/**
 * StackQL's method selection: the first method of the verb's list, in document order, whose
 * required parameters are all supplied. When none fits, the error keeps StackQL's wording and adds,
 * per candidate, exactly which parameters are missing.
 */
export function selectMethod(
  resource: Resource,
  verb: Exclude<SqlVerb, 'exec'>,
  supplied: ReadonlySet<string>,
): Method {
  const candidates = methodCandidates(resource, verb, supplied);
  const fit = candidates.find((c) => c.missing.length === 0);
  if (fit) return fit.method;
  const details = candidates.map((c) => `${c.method.name} needs ${c.missing.join(', ')}`);
  const base =
    `cannot find matching operation, possible causes include missing required parameters or an unsupported method for the resource, ` +
    `to find required parameters for supported methods run SHOW METHODS IN ${resource.fqn}: no appropriate method = '${verb}' for resource = '${resource.name}'`;
  throw new SkyqlError(
    'NO_MATCHING_METHOD',
    details.length > 0
      ? `${base} (${details.join('; ')})`
      : `${base} (it has no ${verb.toUpperCase()} method)`,
    {
      hint: `SHOW METHODS IN ${resource.fqn} lists each method's required parameters`,
    },
  );
}
