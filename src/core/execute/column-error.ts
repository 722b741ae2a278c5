import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import { didYouMean } from '../../base/util/did-you-mean.js';
import { methodParamNames, namesTable } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import { visibleColumns } from './table-columns.js';

/** The columns a materialised table offers: the response columns and the parameters it was called with. */
function columnsOf(step: FetchStep): string[] {
  const consumed = methodParamNames(step.method);
  return [
    ...visibleColumns(step.method).map((c) => c.name),
    ...[...step.binding.literals.keys()].filter((p) => consumed.has(p)),
    ...step.joinParams.map((j) => j.param),
  ];
}

/**
 * SQLite's `no such column: x` (or `q.x`) for a query over provider tables, with the tables it was
 * looked up in and their closest column names, so a typo in a camelCase Google column is easy to
 * fix. Any other error, and columns qualified by a name that is no provider table, are returned as
 * they are.
 */
export function explainMissingColumn(err: unknown, steps: readonly FetchStep[]): unknown {
  if (!isSkyqlError(err, 'LOCAL_SQL_ERROR')) return err;
  const m = /no such column: (?:(.+)\.)?([^.\s]+)\s*$/.exec(err.message);
  if (!m) return err;
  const [, qualifier, column] = m;
  const tables = steps.filter((s) => qualifier === undefined || namesTable(qualifier, s.binding));
  if (tables.length === 0) return err;
  const names = [...new Set(tables.map((s) => s.binding.resource.fqn))];
  const suggestion = didYouMean(column, new Set(tables.flatMap(columnsOf)), qualifier ? `${qualifier}.` : '');
  return new SkyqlError(
    'LOCAL_SQL_ERROR',
    `${err.message} (not a column of ${names.join(' or ')}${suggestion})`,
    { hint: `DESCRIBE ${names[0]} lists its columns`, cause: err },
  );
}
