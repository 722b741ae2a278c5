import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell, ResultSet } from '../../../base/result/result-set.js';
import type { Shard } from '../../execute/shard.js';
import type {
  CreateTableStatement,
  DeleteRowsStatement,
  InsertRowsStatement,
  LocalTableStatement,
  UpdateRowsStatement,
} from '../../sql/local/local-statement.js';
import {
  type SelectInto,
  type ShardRows,
  type SqlStore,
  type TableName,
  TEMP_SCHEMA,
} from '../../store/sql-store.js';
import { SHARD_COLUMN, shardRowsOf, tableName } from './shard-rows.js';

/** A statement's table as the user wrote it (`inv.t` or `t`), for messages. */
export function shownName(stmt: LocalTableStatement): string {
  return stmt.schema === undefined ? stmt.table : `${stmt.schema}.${stmt.table}`;
}

/** Whether a query's fan-out is split under `--shard` (it reads provider tables): the engine's planner decides. */
export type SplitCheck = (query: string) => Promise<boolean>;

/**
 * Runs a SELECT through the engine (provider tables, views, the cache). With `into` (stores with
 * {@link SqlStore.selectInto}: PostgreSQL) its rows go straight into that table inside the
 * database, and the result is one row holding their number.
 */
export type RunSelect = (text: string, signal?: AbortSignal, into?: SelectInto) => Promise<ResultSet>;

/**
 * The session's local tables. User SQL never reaches SQLite as anything but a query: the rows to
 * insert, and the rows to change or delete (by rowid, with their new values), are found by a
 * SELECT through the engine — so they may read provider tables and views, and they run read-only
 * and can be cancelled — and the store applies them with statements it builds itself.
 */
export class LocalTables {
  constructor(
    private readonly store: SqlStore,
    private readonly runSelect: RunSelect,
    private readonly shard?: Shard,
    private readonly splits: SplitCheck = async () => true,
  ) {}

  /** The store's name for the table: a PostgreSQL CREATE TEMP TABLE's goes to the session's temporary schema. */
  private target(stmt: LocalTableStatement): TableName {
    return stmt.verb === 'CREATE' && stmt.temporary && this.store.dialect === 'postgres'
      ? { schema: TEMP_SCHEMA, name: stmt.table }
      : tableName(stmt);
  }

  /** A schema-qualified table's schema must exist (PostgreSQL): said before any API call. */
  private async checkSchema(stmt: LocalTableStatement): Promise<void> {
    const { store } = this;
    if (stmt.schema === undefined || !store.hasSchema || (await store.hasSchema(stmt.schema))) return;
    throw new SkyqlError(
      'LOCAL_SQL_ERROR',
      `SQL error: schema "${stmt.schema}" does not exist (${shownName(stmt)})`,
      {
        hint: `create it first (psql: CREATE SCHEMA ${stmt.schema}), or leave the schema out: one-part names go to schemata.tableSchema of --sqlBackend`,
      },
    );
  }

  /**
   * Checks a statement's table before its query makes any API call: the schema exists, an INSERT's
   * table exists, a CREATE's does not (unless IF NOT EXISTS: then true, nothing to do); and under
   * `--shard` a plain CREATE TABLE … AS, which would hold one shard's rows, is refused.
   */
  private async checkTarget(stmt: LocalTableStatement, table: TableName): Promise<boolean> {
    const { store } = this;
    const shown = shownName(stmt);
    await this.checkSchema(stmt);
    if (stmt.verb === 'INSERT' && stmt.query !== undefined && !(await store.hasTable(table)))
      throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${shown} does not exist`, {
        hint: `create it first (CREATE TABLE ${shown} (…)), or CREATE TABLE ${shown} AS SELECT … to create and fill it`,
      });
    if (stmt.verb !== 'CREATE' || stmt.query === undefined) return false;
    if (await store.hasTable(table)) {
      if (stmt.ifNotExists) return true;
      throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${shown} already exists`, {
        hint: `INSERT INTO ${shown} SELECT … adds rows; DROP TABLE ${shown} first to replace it`,
      });
    }
    const { shard } = this;
    if (shard && shard.count > 1 && !stmt.temporary && (await this.splits(stmt.query)))
      throw new SkyqlError(
        'UNSUPPORTED_STATEMENT',
        `CREATE TABLE ${shown} AS … under --shard ${shard.index}/${shard.count} would hold this shard's rows only`,
        {
          hint: `use CREATE TABLE IF NOT EXISTS ${shown} AS …: each shard then replaces its own rows, marked in a ${SHARD_COLUMN} column`,
        },
      );
    return false;
  }

  /** How the statement writes this process's shard of a table (shard-rows.ts), if it does. */
  shardRows(stmt: LocalTableStatement): Promise<ShardRows | undefined> {
    return shardRowsOf(this.store, stmt, this.shard);
  }

  /** Runs a local-table statement; `rowCount` hears how many rows an INSERT, UPDATE or DELETE changed. */
  async execute(
    stmt: LocalTableStatement,
    signal?: AbortSignal,
    rowCount?: (n: number) => void,
  ): Promise<undefined> {
    const { store } = this;
    const table = this.target(stmt);
    const temporary = stmt.verb === 'CREATE' && stmt.temporary;
    const shard = temporary ? undefined : await this.shardRows(stmt);
    if (shard) await this.checkSchema(stmt);
    else if (await this.checkTarget(stmt, table)) return undefined; // IF NOT EXISTS, and it does
    if (shard && (stmt.verb === 'INSERT' || stmt.verb === 'CREATE')) {
      const changed = await this.writeShard(stmt, shard, signal);
      if (stmt.verb === 'INSERT') rowCount?.(changed);
      return undefined;
    }
    switch (stmt.verb) {
      case 'CREATE': {
        if (stmt.definition !== undefined) {
          await store.createTable(table, stmt.definition, stmt);
          return undefined;
        }
        if (store.selectInto) {
          const existing = stmt.ifNotExists ? 'ignore' : 'fail';
          await this.runSelect(stmt.query as string, signal, { table, replace: true, existing });
          return undefined;
        }
        const result = await this.runSelect(stmt.query as string, signal);
        if (await store.hasTable(table)) {
          if (stmt.ifNotExists) return undefined;
          throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${shownName(stmt)} already exists`);
        }
        await store.load(table, result.columns, result.rows);
        return undefined;
      }
      case 'DROP':
        await store.dropTable(table, stmt.ifExists);
        return undefined;
      case 'INSERT': {
        // computed first: `rowCount?.(f())` would not call f when nobody asks for the count
        const inside = store.selectInto && (stmt.conflict === undefined || stmt.conflict === 'ABORT');
        const changed =
          stmt.query === undefined
            ? await store.insertDefaults(table, stmt.conflict)
            : inside
              ? Number(
                  (await this.runSelect(stmt.query, signal, { table, replace: false, columns: stmt.columns }))
                    .rows[0][0],
                )
              : await store.insertRows(
                  table,
                  stmt.columns,
                  await this.runSelect(stmt.query, signal),
                  stmt.conflict,
                );
        rowCount?.(changed);
        return undefined;
      }
      case 'UPDATE': {
        const changed = await this.update(stmt, signal);
        rowCount?.(changed);
        return undefined;
      }
      case 'DELETE': {
        const changed = await this.delete(stmt, signal);
        rowCount?.(changed);
        return undefined;
      }
    }
  }

  /** One shard's rows: inside the database (PostgreSQL), or through the store's transaction (SQLite). */
  private async writeShard(
    stmt: InsertRowsStatement | CreateTableStatement,
    shard: ShardRows,
    signal?: AbortSignal,
  ): Promise<number> {
    const { store } = this;
    const table = tableName(stmt);
    const query = stmt.query as string;
    const columns = stmt.verb === 'INSERT' ? stmt.columns : undefined;
    if (store.selectInto)
      return Number(
        (await this.runSelect(query, signal, { table, replace: false, columns, shard })).rows[0][0],
      );
    if (!store.replaceShardRows)
      throw new SkyqlError(
        'UNSUPPORTED_STATEMENT',
        `this SQL backend cannot write a shard's rows of ${stmt.table}`,
      );
    return store.replaceShardRows(table, columns, await this.runSelect(query, signal), shard);
  }

  private async update(stmt: UpdateRowsStatement, signal?: AbortSignal): Promise<number> {
    const values = stmt.set.map((s) => `(${s.value})`).join(', ');
    const from = stmt.from === undefined ? '' : `, ${stmt.from}`;
    const found = await this.runSelect(
      `SELECT ${stmt.qualifier}.${this.store.rowIdColumn}, ${values} FROM ${stmt.target}${from} ${stmt.filter}`,
      signal,
    );
    // UPDATE … FROM changes each row once, whichever joined row came first
    const seen = new Set<Cell>();
    const rows = found.rows.filter((r) => !seen.has(r[0]) && seen.add(r[0]));
    return this.store.updateRows(
      tableName(stmt),
      stmt.set.map((s) => s.column),
      rows,
      stmt.conflict,
    );
  }

  private async delete(stmt: DeleteRowsStatement, signal?: AbortSignal): Promise<number> {
    if (stmt.filter === '') return this.store.deleteRows(tableName(stmt));
    const found = await this.runSelect(
      `SELECT ${stmt.qualifier}.${this.store.rowIdColumn} FROM ${stmt.target} ${stmt.filter}`,
      signal,
    );
    return this.store.deleteRows(
      tableName(stmt),
      found.rows.map((r) => r[0]),
    );
  }
}
