import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import type { ConflictClause } from '../sql/local/local-statement.js';
import type { ExtraFunctions } from './stackql-functions.js';
import type { TableLoader } from './table-loader.js';

/** Which SQL the store speaks: the user's local SQL is written in it. */
export type SqlDialect = 'sqlite' | 'postgres';

/** A table: a plain name (the session's or the backend's default schema), or schema and name. */
export type TableName = string | { readonly schema: string; readonly name: string };

/** Runs user SQL as one read-only query; aborting `signal` stops it where the reader can be stopped. */
export type LocalRead = (sql: string, signal?: AbortSignal) => Promise<ResultSet>;

/** A table skyql fills for a front end (the wire server's emulated pg_catalog). */
export interface SystemTable {
  readonly name: string;
  readonly columns: readonly ResultColumn[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

/** The schema of a PostgreSQL CREATE TEMP TABLE's table (`{schema: TEMP_SCHEMA, name}`): the session's own temporary schema. */
export const TEMP_SCHEMA = 'pg_temp';

/** A view or materialized view: its query text, re-run on every use unless materialized. */
export interface ViewDefinition {
  readonly name: string;
  readonly query: string;
  readonly materialized: boolean;
}

/** Where {@link SqlStore.selectInto} puts a query's rows: a new table (replacing), or appended to one. */
export interface SelectInto {
  readonly table: TableName;
  /** Replace the table (CREATE TABLE AS, a materialized view); else append (INSERT … SELECT). */
  readonly replace: boolean;
  /** With `replace`, what happens when the table exists (see {@link ExistingTable}); default 'fail'. */
  readonly existing?: ExistingTable;
  /** With `replace` on PostgreSQL: a temporary table (CREATE TEMP TABLE … AS), the session's own. */
  readonly temporary?: boolean;
  /** The columns appended rows go to (INSERT INTO t (a, b) SELECT …); absent: all. */
  readonly columns?: readonly string[];
  /** Appending one shard's rows: replaces that shard's earlier rows (see {@link ShardRows}). */
  readonly shard?: ShardRows;
}

/**
 * What a replacing {@link SelectInto} does when the table exists by the time the rows are
 * written (another process may have created it meanwhile): 'fail' (CREATE TABLE … AS: an
 * "already exists" error, the table never dropped), 'ignore' (CREATE TABLE IF NOT EXISTS … AS:
 * nothing written), 'refresh' (REFRESH MATERIALIZED VIEW: its rows replaced in place, keeping the
 * table's grants, indexes and dependent views; an error naming the change when the columns
 * differ), 'redefine' (CREATE OR REPLACE MATERIALIZED VIEW: as 'refresh', but a table whose
 * columns differ is re-created).
 */
export type ExistingTable = 'fail' | 'ignore' | 'refresh' | 'redefine';

/**
 * One shard's rows of a table that many processes fill (`--shard K/N`, a `_shard` column): in one
 * transaction the rows whose `column` holds `value` are deleted and the new rows inserted with
 * `column` = `value`, so a re-run replaces only its own rows and a failure leaves the old ones.
 * Without a column list the rows go to the table's columns other than `column`, in order.
 */
export interface ShardRows {
  /** The column naming each row's shard (`_shard`). */
  readonly column: string;
  /** This process's shard, `K/N`. */
  readonly value: string;
  /**
   * Create the table (the query's columns, then `column` as text) when it does not exist: CREATE
   * TABLE IF NOT EXISTS … AS under `--shard`, which N processes may run at the same time.
   */
  readonly createMissing: boolean;
}

/**
 * Where a session's local SQL runs: the embedded SQLite (sqlite-store.ts, the default) or a
 * PostgreSQL database (pg/pg-store.ts). skyql's own code writes through these methods with
 * statements the store builds (identifiers quoted, values bound); user SQL only ever runs through
 * {@link read}, as one read-only query. Methods are async so PostgreSQL can be reached over the
 * network; SQLite does its work synchronously inside them. Knows nothing about providers.
 */
export interface SqlStore {
  readonly dialect: SqlDialect;
  /** The column holding a row's identity in user queries (`rowid`, PostgreSQL's `ctid`). */
  readonly rowIdColumn: string;
  /** Views and materialized views (their definitions; PostgreSQL keeps them in the database). */
  readonly views: ViewCatalog;
  /** Connects (PostgreSQL) so a bad setting fails before the first statement; no-op for SQLite. */
  open(): Promise<void>;
  /** Runs user SQL: one query, read-only. Throws FORBIDDEN_SQL or LOCAL_SQL_ERROR. */
  read(sql: string, signal?: AbortSignal): Promise<ResultSet>;
  /** Checks user SQL as {@link read} would and resolves its names, without running it. */
  check(sql: string): Promise<void>;
  /** Creates (or replaces) a table and loads `rows`, all or nothing. */
  load(
    table: TableName,
    columns: readonly ResultColumn[],
    rows: ReadonlyArray<readonly Cell[]>,
  ): Promise<void>;
  /**
   * Creates (or replaces) a statement's scratch table to be filled page by page while its calls
   * run (see {@link TableLoader}); the loader's methods are always awaited.
   */
  openLoader(table: string, columns: readonly ResultColumn[]): TableLoader | Promise<TableLoader>;
  /**
   * Runs user SQL (checked and read-only like {@link read}) and writes its rows into a table inside
   * the database, never through skyql's process: PostgreSQL only (SQLite stores have none, and
   * their callers load the rows {@link read} returned). The number of rows written.
   */
  selectInto?(sql: string, into: SelectInto, signal?: AbortSignal): Promise<number>;
  /**
   * Writes one shard's rows in one transaction (see {@link ShardRows}): stores without
   * {@link selectInto} (SQLite); PostgreSQL does the same inside selectInto (`into.shard`).
   */
  replaceShardRows?(
    table: TableName,
    columns: readonly string[] | undefined,
    query: ResultSet,
    shard: ShardRows,
  ): Promise<number>;
  /** `CREATE TABLE [IF NOT EXISTS] name (definition)`: the definition is user text, kept in its parentheses. */
  createTable(
    name: TableName,
    definition: string,
    options: { ifNotExists: boolean; strict: boolean },
  ): Promise<void>;
  /** Inserts a query's rows (into the listed columns, or all), all or nothing; the number inserted. */
  insertRows(
    table: TableName,
    columns: readonly string[] | undefined,
    query: ResultSet,
    conflict?: ConflictClause,
  ): Promise<number>;
  /** `INSERT INTO table DEFAULT VALUES`. */
  insertDefaults(table: TableName, conflict?: ConflictClause): Promise<number>;
  /** Sets `columns` in the rows given as `[rowId, ...values]`; the number changed. */
  updateRows(
    table: TableName,
    columns: readonly string[],
    rows: ReadonlyArray<readonly Cell[]>,
    conflict?: ConflictClause,
  ): Promise<number>;
  /** Deletes the rows with these row ids, or every row; the number deleted. */
  deleteRows(table: TableName, rowIds?: readonly Cell[]): Promise<number>;
  dropTable(name: TableName, ifExists?: boolean): Promise<void>;
  /** True when a table of this name exists (where user statements would find it). */
  hasTable(name: TableName): Promise<boolean>;
  /** Whether a schema exists (stores with schemas: PostgreSQL), checked before a statement's API calls. */
  hasSchema?(schema: string): Promise<boolean>;
  /** The distinct non-null values of a column (the join values of a dependent fetch). */
  distinctValues(table: string, column: string): Promise<Cell[]>;
  /** The first non-null value of a column in load order, or undefined (an example for messages). */
  firstValue(table: string, column: string): Promise<Cell | undefined>;
  /** Creates or replaces tables skyql fills for a front end; user statements cannot change them. */
  putSystemTables(tables: readonly SystemTable[]): Promise<void>;
  /** Adds functions user queries may call (a front end's shims). */
  addFunctions(extra: ExtraFunctions): void;
  /** True for names user statements may not create, change or drop. */
  isReserved(name: TableName): boolean;
  /** The user's tables and materialized views, sorted. */
  userTableNames(): Promise<string[]>;
  /** Declared columns of a table (name and type), for catalog listings; none when it does not exist. */
  tableColumns(table: TableName): Promise<ResultColumn[]>;
  close(): Promise<void>;
}

/** Where view definitions live: the session's memory (SQLite) or a table every process reads. */
export interface ViewCatalog {
  get(name: string): Promise<ViewDefinition | undefined>;
  list(): Promise<ViewDefinition[]>;
  put(view: ViewDefinition): Promise<void>;
  remove(name: string): Promise<void>;
  /** The plain views' texts as last read, for view expansion (which is synchronous). */
  snapshot(): Promise<ReadonlyMap<string, ViewDefinition>>;
}

/** View definitions in memory: a SQLite session's own. */
export class MemoryViewCatalog implements ViewCatalog {
  private readonly views = new Map<string, ViewDefinition>();
  async get(name: string) {
    return this.views.get(name);
  }
  async list() {
    return [...this.views.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  async put(view: ViewDefinition) {
    this.views.set(view.name, view);
  }
  async remove(name: string) {
    this.views.delete(name);
  }
  async snapshot() {
    return this.views;
  }
}
