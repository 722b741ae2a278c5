import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import { didYouMean } from '../../base/util/did-you-mean.js';
import { methodParamNames, namesTable, selectParamNames } from '../plan/bind-select.js';
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

/** The column of SQLite's `no such column: q.x`, or of `no such column: "x" - should this be a string …`. */
function missingColumn(message: string): { qualifier: string | undefined; column: string } | undefined {
  const plain = /no such column: (?:(.+)\.)?([^.\s"]+)\s*$/.exec(message);
  if (plain) return { qualifier: plain[1], column: plain[2] };
  const quoted = /no such column: "((?:[^"]|"")+)" - should this be/.exec(message);
  return quoted ? { qualifier: undefined, column: quoted[1].replace(/""/g, '"') } : undefined;
}

/** `google.iam.roles (read with list)`: a table and the method its rows came from. */
function readWith(step: FetchStep): string {
  return `${step.binding.resource.fqn} (read with ${step.method.name})`;
}

/**
 * SQLite's `no such column: x` (or `q.x`) for a query over provider tables, naming the tables it
 * was looked up in, the method each was read with (a provider version may lack the method or field
 * a query was written for) and the closest column names; when the name is a parameter the API was
 * not given, how to give it. The hint points to SHOW METHODS and DESCRIBE METHOD. Any other error,
 * and columns qualified by a name that is no provider table, are returned as they are.
 */
export function explainMissingColumn(err: unknown, steps: readonly FetchStep[]): unknown {
  if (!isSkyqlError(err, 'LOCAL_SQL_ERROR')) return err;
  const missing = missingColumn(err.message);
  if (!missing) return err;
  const { qualifier, column } = missing;
  const tables = steps.filter((s) => qualifier === undefined || namesTable(qualifier, s.binding));
  if (tables.length === 0) return err;
  const suggestion = didYouMean(column, new Set(tables.flatMap(columnsOf)), qualifier ? `${qualifier}.` : '');
  const param = tables.find((s) => selectParamNames(s.binding.resource).has(column));
  let asParam = '';
  if (param?.binding.conjuncts.has(column)) {
    const fqn = param.binding.resource.fqn;
    asParam = `; ${param.method.name}, the method chosen, does not take the parameter ${column}: SHOW METHODS IN ${fqn} lists the methods that do`;
  } else if (param) {
    asParam = `; ${column} is a parameter of ${param.binding.resource.fqn}: only ${column} = '…' or ${column} IN (…) pass it to the API`;
  }
  const [first] = tables;
  const fqn = first.binding.resource.fqn;
  return new SkyqlError(
    'LOCAL_SQL_ERROR',
    `${err.message} (not a column of ${tables.map(readWith).join(' or ')}${suggestion}${asParam})`,
    {
      hint: `DESCRIBE METHOD ${fqn}.${first.method.name} lists the columns ${first.method.name} returns; SHOW METHODS IN ${fqn} lists the other methods and the parameters that choose each`,
      cause: err,
    },
  );
}
