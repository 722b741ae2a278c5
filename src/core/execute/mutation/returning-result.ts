import type { ColumnType, ResultSet } from '../../../base/result/result-set.js';
import { byteOrder } from '../../catalog/resource-info.js';
import type { ReturningClause } from '../../sql/ast/mutation-statement.js';
import { toCell } from '../table-columns.js';

/** One returned object (a response, a finished resource, an operation's `response`). */
export type ReturnedRow = Readonly<Record<string, unknown>>;

function typeOf(rows: readonly ReturnedRow[], column: string): ColumnType {
  for (const row of rows) {
    const v = row[column];
    if (v === undefined || v === null) continue;
    if (typeof v === 'object') return 'json';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
    return 'text';
  }
  return 'text';
}

/**
 * Tabulates returned objects: `RETURNING *` gives every property of any row, in byte order (as
 * StackQL's `SELECT *`); named columns keep their order (NULL where a row lacks the field: the
 * change is made by then, so a misspelt name must not fail the statement). Nested values become
 * JSON text.
 */
export function returningResult(rows: readonly ReturnedRow[], clause: ReturningClause): ResultSet {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  const names = clause.star ? [...present].sort(byteOrder) : [...clause.columns];
  const columns = names.map((name) => ({ name, type: typeOf(rows, name) }));
  return {
    columns,
    rows: rows.map((r) => columns.map((c) => toCell(r[c.name], c.type))),
  };
}
