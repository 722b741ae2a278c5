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

/**
 * A statement on a one-part (local) table passed to SQLite: CREATE TABLE, DROP TABLE, INSERT,
 * REPLACE, UPDATE, DELETE. `query` is the SELECT of `CREATE TABLE t AS <select>` or
 * `INSERT INTO t [(cols)] <select>`, which may read provider tables and views.
 */
export interface LocalTableStatement {
  readonly kind: 'localTable';
  readonly verb: 'CREATE' | 'DROP' | 'INSERT' | 'REPLACE' | 'UPDATE' | 'DELETE';
  readonly table: string;
  /** The whole statement text. */
  readonly text: string;
  readonly query?: {
    readonly text: string;
    /** The statement text before the query (`INSERT INTO t (a, b) `). */
    readonly head: string;
  };
}

/** Any session statement; narrow on `kind`. */
export type LocalStatement =
  | CreateViewStatement
  | RefreshViewStatement
  | DropViewStatement
  | LocalTableStatement;
