import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import type { RequestContext } from '../server/emulator-context.js';
import { badRequest } from '../server/google-error.js';
import { FilterError, type FilterNode, matchesFilter, parseFilter, valuesAt } from './list-filter.js';

/** One `orderBy` key: a dotted field, ascending unless `desc`. */
export interface OrderKey {
  readonly field: readonly string[];
  readonly desc: boolean;
}

/** What a list request asks of its rows beyond paging: a filter and an order. */
export interface ListShaping {
  readonly filter?: FilterNode;
  readonly order?: readonly OrderKey[];
}

const PAGE_SIZE_PARAMS = ['pageSize', 'maxResults'];

/** `name`, `creationTimestamp desc`, `a.b asc, c desc`; throws for anything else. */
export function parseOrderBy(text: string): OrderKey[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new FilterError(`'${part.trim()}' is not a field optionally followed by asc or desc`);
    return { field: m[1].split('.'), desc: m[2]?.toLowerCase() === 'desc' };
  });
}

function declares(ctx: RequestContext, name: string): boolean {
  return ctx.route.queryParams.some((p) => p.name === name);
}

/**
 * The filter and order a list request asks for, from the parameters its method declares
 * (`filter`; `orderBy`): Compute's filter dialect on compute.googleapis.com, AIP-160 elsewhere.
 * Undefined when it asks for neither. A value the emulator cannot honour is Google's 400.
 */
export function listShaping(ctx: RequestContext): ListShaping | undefined {
  const { query, route } = ctx;
  const filterText = declares(ctx, 'filter') ? (query.get('filter') ?? '') : '';
  const orderText = declares(ctx, 'orderBy') ? (query.get('orderBy') ?? '').trim() : '';
  let filter: FilterNode | undefined;
  let order: OrderKey[] | undefined;
  try {
    filter = parseFilter(filterText, route.host === 'compute.googleapis.com' ? 'compute' : 'aip160');
  } catch (err) {
    if (!(err instanceof FilterError)) throw err;
    throw badRequest(
      `Invalid value for field 'filter': '${filterText}'. Invalid list filter expression: ${err.message}.`,
    );
  }
  try {
    order = orderText ? parseOrderBy(orderText) : undefined;
  } catch (err) {
    if (!(err instanceof FilterError)) throw err;
    throw badRequest(`Invalid value for field 'orderBy': '${orderText}'. ${err.message}.`);
  }
  return filter || order ? { filter, order } : undefined;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The rows the filter keeps, in the requested order (ties keep the collection's order). */
export function shapeRows<T>(rows: readonly T[], data: (row: T) => JsonObject, shaping: ListShaping): T[] {
  const { filter, order } = shaping;
  const kept = filter ? rows.filter((r) => matchesFilter(filter, data(r))) : [...rows];
  if (!order) return kept;
  const keyed = kept.map((row) => ({ row, keys: order.map((k) => valuesAt(data(row), k.field)[0]) }));
  keyed.sort((a, b) => {
    for (const [i, k] of order.entries()) {
      const c = compareValues(a.keys[i], b.keys[i]);
      // rows without the field come last either way
      if (c !== 0) return k.desc && a.keys[i] !== undefined && b.keys[i] !== undefined ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}

/** The query paging reads: `pageSize`/`maxResults` count only where the method declares them. */
export function pagingQuery(ctx: RequestContext): URLSearchParams {
  const undeclared = PAGE_SIZE_PARAMS.filter((p) => ctx.query.has(p) && !declares(ctx, p));
  if (undeclared.length === 0) return ctx.query;
  const q = new URLSearchParams(ctx.query);
  for (const p of undeclared) q.delete(p);
  return q;
}
