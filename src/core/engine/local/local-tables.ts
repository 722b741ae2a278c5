import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell, ResultSet } from '../../../base/result/result-set.js';
import type {
  DeleteRowsStatement,
  LocalTableStatement,
  UpdateRowsStatement,
} from '../../sql/local/local-statement.js';
import type { SqliteStore } from '../../store/sqlite-store.js';

/** Runs a SELECT through the engine (provider tables, views, the cache). */
export type RunSelect = (text: string, signal?: AbortSignal) => Promise<ResultSet>;

/**
 * The session's local tables. User SQL never reaches SQLite as anything but a query: the rows to
 * insert, and the rows to change or delete (by rowid, with their new values), are found by a
 * SELECT through the engine — so they may read provider tables and views, and they run read-only
 * and can be cancelled — and the store applies them with statements it builds itself.
 */
export class LocalTables {
  constructor(
    private readonly store: SqliteStore,
    private readonly runSelect: RunSelect,
  ) {}

  async execute(stmt: LocalTableStatement, signal?: AbortSignal): Promise<undefined> {
    const { store } = this;
    switch (stmt.verb) {
      case 'CREATE': {
        if (stmt.definition !== undefined) {
          store.createTable(stmt.table, stmt.definition, stmt);
          return undefined;
        }
        const result = await this.runSelect(stmt.query as string, signal);
        if (store.tableNames().includes(stmt.table)) {
          if (stmt.ifNotExists) return undefined;
          throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${stmt.table} already exists`);
        }
        store.load(stmt.table, result.columns, result.rows);
        return undefined;
      }
      case 'DROP':
        store.dropTable(stmt.table, stmt.ifExists);
        return undefined;
      case 'INSERT':
        if (stmt.query === undefined) store.insertDefaults(stmt.table, stmt.conflict);
        else {
          const rows = await this.runSelect(stmt.query, signal);
          store.insertRows(stmt.table, stmt.columns, rows, stmt.conflict);
        }
        return undefined;
      case 'UPDATE':
        return this.update(stmt, signal);
      case 'DELETE':
        return this.delete(stmt, signal);
    }
  }

  private async update(stmt: UpdateRowsStatement, signal?: AbortSignal): Promise<undefined> {
    const values = stmt.set.map((s) => `(${s.value})`).join(', ');
    const from = stmt.from === undefined ? '' : `, ${stmt.from}`;
    const found = await this.runSelect(
      `SELECT ${stmt.qualifier}.rowid, ${values} FROM ${stmt.target}${from} ${stmt.filter}`,
      signal,
    );
    // UPDATE … FROM changes each row once, whichever joined row came first
    const seen = new Set<Cell>();
    const rows = found.rows.filter((r) => !seen.has(r[0]) && seen.add(r[0]));
    this.store.updateRows(
      stmt.table,
      stmt.set.map((s) => s.column),
      rows,
      stmt.conflict,
    );
    return undefined;
  }

  private async delete(stmt: DeleteRowsStatement, signal?: AbortSignal): Promise<undefined> {
    if (stmt.filter === '') {
      this.store.deleteRows(stmt.table);
      return undefined;
    }
    const found = await this.runSelect(
      `SELECT ${stmt.qualifier}.rowid FROM ${stmt.target} ${stmt.filter}`,
      signal,
    );
    this.store.deleteRows(
      stmt.table,
      found.rows.map((r) => r[0]),
    );
    return undefined;
  }
}
