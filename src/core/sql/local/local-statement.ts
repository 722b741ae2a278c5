/**
 * Statements about a session's own objects: views, materialized views and local ("user space")
 * tables. They never name provider tables as their target; the engine keeps views and runs the
 * rest in the session's SQLite database.
 */

/** `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS <query>` */
export interface CreateViewStatement {
  readonly kind: 'createView';
  readonly name: string;
  readonly orReplace: boolean;
  readonly materialized: boolean;
  /** The query text after AS, as written. */
  readonly query: string;
}

/** `REFRESH MATERIALIZED VIEW name` */
export interface RefreshViewStatement {
  readonly kind: 'refreshView';
  readonly name: string;
}

/** `DROP [MATERIALIZED] VIEW [IF EXISTS] name` */
export interface DropViewStatement {
  readonly kind: 'dropView';
  readonly name: string;
  readonly materialized: boolean;
  readonly ifExists: boolean;
}

/** SQLite's conflict clauses (`INSERT OR IGNORE`, `UPDATE OR REPLACE`). */
export type ConflictClause = 'ROLLBACK' | 'ABORT' | 'REPLACE' | 'FAIL' | 'IGNORE';

/** What every statement on a local table (one part, or schema.table on PostgreSQL) has. */
interface TableStatementBase {
  readonly kind: 'localTable';
  readonly table: string;
  /** `inv` of `inv.instances`: a PostgreSQL schema (SQLite has none). */
  readonly schema?: string;
  /** The whole statement text. */
  readonly text: string;
}

/**
 * `CREATE [TEMP] TABLE [IF NOT EXISTS] t (<definition>) [STRICT]` or `CREATE TABLE t AS <query>`
 * (the query may read provider tables and views). TEMP makes a PostgreSQL temporary table (the
 * session's own); on SQLite, whose tables are the process's own, it changes nothing.
 */
export interface CreateTableStatement extends TableStatementBase {
  readonly verb: 'CREATE';
  readonly ifNotExists: boolean;
  /** `CREATE TEMP|TEMPORARY TABLE`. */
  readonly temporary: boolean;
  /** The column definitions between the parentheses, as written. */
  readonly definition?: string;
  readonly strict: boolean;
  readonly query?: string;
}

/** `DROP TABLE [IF EXISTS] t` */
export interface DropTableStatement extends TableStatementBase {
  readonly verb: 'DROP';
  readonly ifExists: boolean;
}

/** `INSERT|REPLACE [OR c] INTO t [(cols)] <SELECT, WITH or VALUES query> | DEFAULT VALUES` */
export interface InsertRowsStatement extends TableStatementBase {
  readonly verb: 'INSERT';
  readonly conflict?: ConflictClause;
  readonly columns?: readonly string[];
  /** The rows to insert as a query (`VALUES (1, 'a')` is one); absent for DEFAULT VALUES. */
  readonly query?: string;
}

/**
 * `UPDATE [OR c] t [[AS] a] SET col = expr, … [FROM …] [WHERE …] [ORDER BY …] [LIMIT …]`, kept as
 * the pieces of the query that finds the rows and their new values.
 */
export interface UpdateRowsStatement extends TableStatementBase {
  readonly verb: 'UPDATE';
  readonly conflict?: ConflictClause;
  /** The table as written with its alias (`t AS a`), and the name that qualifies its columns. */
  readonly target: string;
  readonly qualifier: string;
  readonly set: ReadonlyArray<{ readonly column: string; readonly value: string }>;
  /** The FROM list after `FROM`, when there is one. */
  readonly from?: string;
  /** WHERE, ORDER BY and LIMIT as written ('' when none). */
  readonly filter: string;
}

/** `DELETE FROM t [[AS] a] [WHERE …] [ORDER BY …] [LIMIT …]` */
export interface DeleteRowsStatement extends TableStatementBase {
  readonly verb: 'DELETE';
  readonly target: string;
  readonly qualifier: string;
  /** WHERE, ORDER BY and LIMIT as written ('' when none: every row). */
  readonly filter: string;
}

/**
 * A statement on a one-part (local) table. skyql runs each through its own code path: user
 * expressions and queries only ever reach SQLite as a read-only query, and the store applies the
 * resulting rows with statements it builds itself.
 */
export type LocalTableStatement =
  | CreateTableStatement
  | DropTableStatement
  | InsertRowsStatement
  | UpdateRowsStatement
  | DeleteRowsStatement;

/** Any session statement; narrow on `kind`. */
export type LocalStatement =
  | CreateViewStatement
  | RefreshViewStatement
  | DropViewStatement
  | LocalTableStatement;
