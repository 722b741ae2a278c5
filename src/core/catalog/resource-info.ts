import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method, MethodParam, Resource, SchemaColumn } from './model/catalog-types.js';

/**
 * The parts of a resource FQN: provider and service are the first two, the rest is the resource,
 * whose name may hold dots (`google.container.projects.aggregated.usableSubnetworks`).
 */
export function splitResourceFqn(fqn: string): { provider: string; service: string; resource: string } {
  const first = fqn.indexOf('.');
  const second = first < 0 ? -1 : fqn.indexOf('.', first + 1);
  if (second < 0) throw new SkyqlError('INTERNAL', `'${fqn}' is not a provider.service.resource name`);
  return {
    provider: fqn.slice(0, first),
    service: fqn.slice(first + 1, second),
    resource: fqn.slice(second + 1),
  };
}

/** Byte-order comparison (uppercase before lowercase), as StackQL sorts names. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The method DESCRIBE and the docs use for columns: the first of `sqlVerbs.select`. */
export function describeMethodOf(resource: Resource): Method {
  const m = resource.verbs.select[0];
  if (!m) {
    throw new SkyqlError(
      'SELECT_NOT_SUPPORTED',
      'SELECT not supported for this resource, use SHOW METHODS to view available operations for the resource and then invoke a supported method using the EXEC command',
      { hint: `SHOW METHODS IN ${resource.fqn}` },
    );
  }
  return m;
}

/** DESCRIBE row order: `id`, `name`, `description` first when present, the rest by name (byte order). */
export function describeOrder(columns: readonly SchemaColumn[]): SchemaColumn[] {
  const first = ['id', 'name', 'description'];
  const head = first
    .map((n) => columns.find((c) => c.name === n))
    .filter((c): c is SchemaColumn => c !== undefined);
  const rest = columns.filter((c) => !first.includes(c.name)).sort((a, b) => byteOrder(a.name, b.name));
  return [...head, ...rest];
}

/** Required inputs of a method in SHOW METHODS order: params (sorted), `data__` fields (sorted), server variables. */
export function requiredParamsInShowOrder(method: Method): MethodParam[] {
  const req = method.params.filter((p) => p.required);
  const plain = req
    .filter((p) => p.location !== 'body' && p.location !== 'server')
    .sort((a, b) => byteOrder(a.name, b.name));
  const body = req.filter((p) => p.location === 'body').sort((a, b) => byteOrder(a.name, b.name));
  const server = req.filter((p) => p.location === 'server');
  return [...plain, ...body, ...server];
}
