import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Shard } from '../../execute/shard.js';
import type { LocalTableStatement } from '../../sql/local/local-statement.js';
import type { ShardRows, SqlStore, TableName } from '../../store/sql-store.js';

/**
 * A table opts into per-shard replacement with a column of this name: under `--shard K/N`,
 * `INSERT INTO t SELECT …` (and `CREATE TABLE IF NOT EXISTS t AS SELECT …`) replace the rows whose
 * `_shard` is `K/N` in one transaction, so N processes fill one table and a failed shard is re-run
 * alone. Without the column, statements append (or do nothing) as without `--shard`.
 */
export const SHARD_COLUMN = '_shard';

/** The store's name for a statement's table: `t`, or `inv.t` as schema and name. */
export function tableName(stmt: LocalTableStatement): TableName {
  return stmt.schema === undefined ? stmt.table : { schema: stmt.schema, name: stmt.table };
}

/**
 * How a statement writes one shard's rows, or undefined when it writes as without `--shard`: an
 * INSERT … <query> into a table with a `_shard` column; a CREATE TABLE IF NOT EXISTS … AS into a
 * missing table (created with `_shard`) or one with the column.
 */
export async function shardRowsOf(
  store: SqlStore,
  stmt: LocalTableStatement,
  shard: Shard | undefined,
): Promise<ShardRows | undefined> {
  if (!shard || (stmt.verb !== 'CREATE' && stmt.verb !== 'INSERT') || stmt.query === undefined)
    return undefined;
  const creating = stmt.verb === 'CREATE';
  if (creating && !stmt.ifNotExists) return undefined;
  const columns = await store.tableColumns(tableName(stmt));
  const found = columns.find((c) => c.name.toLowerCase() === SHARD_COLUMN);
  if (!found && !(creating && columns.length === 0)) return undefined;
  if (stmt.verb === 'INSERT') {
    if (stmt.conflict !== undefined && stmt.conflict !== 'ABORT')
      throw new SkyqlError(
        'UNSUPPORTED_STATEMENT',
        `INSERT OR ${stmt.conflict} into ${stmt.table}, which has a ${SHARD_COLUMN} column, under --shard`,
        { hint: `use INSERT INTO ${stmt.table} SELECT …: this shard's earlier rows are replaced` },
      );
    if (stmt.columns?.some((c) => c.toLowerCase() === SHARD_COLUMN))
      throw new SkyqlError(
        'LOCAL_SQL_ERROR',
        `${SHARD_COLUMN} is filled by skyql under --shard: leave it out of the column list of ${stmt.table}`,
      );
  }
  return {
    column: found?.name ?? SHARD_COLUMN,
    value: `${shard.index}/${shard.count}`,
    createMissing: creating,
  };
}

/** EXPLAIN's words for a shard's write. */
export function shardWriteText(table: string, rows: ShardRows, step: number): string {
  return `locally, in one transaction: deletes the rows of ${table} whose ${rows.column} is '${rows.value}'${rows.createMissing ? ` (creating ${table} with a ${rows.column} column when missing)` : ''} and stores the rows of step ${step} with ${rows.column} = '${rows.value}'`;
}
