import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import type { ConflictClause } from '../sql/local/local-statement.js';
import {
  localSqlError,
  prepareReadQuery,
  type QueryStream,
  runReadQuery,
  streamReadQuery,
} from './read-query.js';
import type { ResultAccount } from './result-memory.js';
import { assertSafeSql } from './sql-guard.js';
import {
  MemoryViewCatalog,
  type ShardRows,
  type SqlStore,
  type SystemTable,
  type TableName,
  type ViewCatalog,
} from './sql-store.js';
import { openReader, openWriter } from './sqlite-driver.js';
import { affinityType, quoteIdent, toSql } from './sqlite-schema.js';
import { replaceSqliteShardRows } from './sqlite-shard-rows.js';
import { SqliteTableLoader } from './sqlite-table-loader.js';
import { sqliteTokens } from './sqlite-tokens.js';
import { type ExtraFunctions, registerExtraFunctions } from './stackql-functions.js';
import { createStoreFolder, removeStoreFolder } from './store-folder.js';

type Database = BetterSqlite3.Database;

export type { LocalRead, SystemTable } from './sql-store.js';
export { quoteIdent } from './sqlite-schema.js';

/** A table's name for SQLite, which has no schemas here: `inv.x` needs the PostgreSQL backend. */
function plainName(table: TableName): string {
  if (typeof table === 'string') return table;
  throw new SkyqlError(
    'UNSUPPORTED_STATEMENT',
    `schema-qualified table names (${table.schema}.${table.name}) need the PostgreSQL backend`,
    {
      hint: `use a one-part name, or run with --sqlBackend '{"dbEngine": "postgres_tcp", "dsn": "postgres://..."}'`,
    },
  );
}

/** Where a runner process finds a store: its file and the functions its queries may call. */
export interface ReadTarget {
  readonly file: string;
  readonly functions: ExtraFunctions;
  /** A query's result bytes at most (RESULT_TOO_LARGE past them); absent: no cap. */
  readonly maxResultBytes?: number;
}

/**
 * The embedded SQL store of one session: a SQLite file in a private temporary folder (mode 0700,
 * removed on close). skyql's own code writes through one connection, with statements it builds
 * itself (identifiers quoted, values bound); user SQL only ever runs through {@link read} (or a
 * runner process, see sql-runner-pool.ts) on a second connection opened read-only, as one query.
 * Knows nothing about providers: it takes column schemas and rows.
 */
export class SqliteStore implements SqlStore {
  readonly dialect = 'sqlite' as const;
  readonly rowIdColumn = 'rowid';
  readonly views: ViewCatalog = new MemoryViewCatalog();
  private folder: string | undefined;
  private writerDb: Database | undefined;
  private readerDb: Database | undefined;
  private functions: ExtraFunctions = {};
  /** Lower-cased names of the system tables (SQLite compares names case-insensitively). */
  private readonly system = new Set<string>();

  /**
   * `maxResultBytes`: user queries stop with RESULT_TOO_LARGE past this many bytes of rows;
   * `results`: in this process, their rows are charged to the process's result memory (SERVER_BUSY
   * when spent; a runner's are charged by the pool).
   */
  constructor(
    private readonly options: {
      readonly maxResultBytes?: number;
      readonly results?: ResultAccount;
      /**
       * No other process opens the file (no runner processes): both connections are opened at
       * once and the file and its folder removed, so a killed process leaves nothing behind and
       * closing has nothing to delete. The file then has no path ({@link file} throws).
       */
      readonly privateFile?: boolean;
    } = {},
  ) {}

  /** True once the database file exists. */
  get isOpen(): boolean {
    return this.writerDb !== undefined;
  }

  /** The database file, created on first use (not for a {@link privateFile} store). */
  get file(): string {
    if (this.options.privateFile) throw new Error('a private session database has no file path');
    this.openWriter();
    return join(this.folder as string, 'session.db');
  }

  private get writer(): Database {
    return this.openWriter();
  }

  private openWriter(): Database {
    if (!this.writerDb) {
      const folder = createStoreFolder();
      const file = join(folder, 'session.db');
      this.writerDb = openWriter(file);
      if (this.options.privateFile) {
        this.readerDb = this.openReaderAt(file);
        removeStoreFolder(folder); // the open connections keep the file's data
      } else this.folder = folder;
    }
    return this.writerDb;
  }

  private get reader(): Database {
    if (!this.readerDb) {
      // a private file's reader is opened with its writer
      if (this.options.privateFile) this.openWriter();
      else this.readerDb = this.openReaderAt(this.file);
    }
    return this.readerDb as Database;
  }

  private openReaderAt(file: string): Database {
    const db = openReader(file);
    registerExtraFunctions(db, this.functions);
    return db;
  }

  /** Nothing to connect to: the file is created on first use. */
  async open(): Promise<void> {}

  /**
   * Runs user SQL: one query (SELECT, WITH or VALUES) on the read-only connection, after the
   * checks of {@link runReadQuery}. Throws FORBIDDEN_SQL or LOCAL_SQL_ERROR.
   */
  async read(sql: string): Promise<ResultSet> {
    return this.readSync(sql);
  }

  /** Prepares user SQL as {@link read} would, without running it (names resolved, nothing read). */
  async check(sql: string): Promise<void> {
    const db = this.reader;
    // prepare alone uses the schema this connection last read; a read makes it see the writer's tables
    db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
    prepareReadQuery(db, sql);
  }

  /** {@link read}, synchronously (the in-process reader). */
  readSync(sql: string): ResultSet {
    const account = this.options.results;
    return runReadQuery(
      this.reader,
      sql,
      this.options.maxResultBytes,
      account ? (bytes) => account.charge(bytes) : undefined,
    );
  }

  /**
   * {@link read} a batch at a time: the rows are stepped as the batches are taken (see
   * {@link streamReadQuery}); the reader connection is busy until they end or are closed.
   */
  readStream(sql: string, batchRows: number): QueryStream {
    return streamReadQuery(this.reader, sql, batchRows);
  }

  /** What a runner process needs to run {@link read}'s queries itself. */
  readTarget(): ReadTarget {
    return { file: this.file, functions: this.functions, maxResultBytes: this.options.maxResultBytes };
  }

  /** Adds functions user queries may call (a front end's shims); replaces those of the same name. */
  addFunctions(extra: ExtraFunctions): void {
    this.functions = {
      constants: { ...this.functions.constants, ...extra.constants },
      lookups: { ...this.functions.lookups, ...extra.lookups },
    };
    if (this.readerDb) registerExtraFunctions(this.readerDb, extra);
  }

  /** Creates (or replaces) a table and loads `rows`. */
  async load(
    table: TableName,
    columns: readonly ResultColumn[],
    rows: ReadonlyArray<readonly Cell[]>,
  ): Promise<void> {
    this.loadSync(plainName(table), columns, rows);
  }

  private loadSync(
    table: string,
    columns: readonly ResultColumn[],
    rows: ReadonlyArray<readonly Cell[]>,
  ): void {
    const loader = this.openLoader(table, columns);
    loader.append(0, rows);
    loader.close();
  }

  /**
   * Creates (or replaces) a table to be filled page by page (see {@link TableLoader}); a table
   * without columns gets a placeholder column, since SQLite wants one.
   */
  openLoader(table: string, columns: readonly ResultColumn[]): SqliteTableLoader {
    return new SqliteTableLoader(this.writer, table, columns);
  }

  /**
   * `CREATE TABLE [IF NOT EXISTS] "name" (definition)` for a user's local table. The column
   * definitions are the user's text, so they are checked to stay inside their parentheses (on
   * SQLite's own tokens) and by the guard; SQLite then prepares exactly one statement.
   */
  async createTable(
    table: TableName,
    definition: string,
    options: { ifNotExists: boolean; strict: boolean },
  ): Promise<void> {
    const name = plainName(table);
    let depth = 0;
    for (const t of sqliteTokens(definition)) {
      const c = definition[t.start];
      if (t.kind === 'symbol' && (c === ';' || (c === ')' && --depth < 0)))
        throw new SkyqlError('PARSE_ERROR', `unexpected '${c}' in the column definitions of ${name}`);
      if (t.kind === 'symbol' && c === '(') depth++;
    }
    const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
    const sql = `CREATE TABLE ${ifNotExists}${quoteIdent(name)} (${definition})${options.strict ? ' STRICT' : ''}`;
    assertSafeSql(sql);
    this.runOwn(sql, []);
  }

  /** Inserts a query's rows (into the listed columns, or all) in one transaction; the number inserted. */
  async insertRows(
    table: TableName,
    columns: readonly string[] | undefined,
    query: ResultSet,
    conflict?: ConflictClause,
  ): Promise<number> {
    const list = columns ? ` (${columns.map(quoteIdent).join(', ')})` : '';
    const verb = conflict ? `INSERT OR ${conflict}` : 'INSERT';
    const marks = query.columns.map(() => '?').join(', ');
    return this.eachRow(`${verb} INTO ${quoteIdent(plainName(table))}${list} VALUES (${marks})`, query.rows);
  }

  /** One shard's rows, replacing its earlier ones, in one transaction (sqlite-shard-rows.ts). */
  async replaceShardRows(
    table: TableName,
    columns: readonly string[] | undefined,
    query: ResultSet,
    shard: ShardRows,
  ): Promise<number> {
    return replaceSqliteShardRows(this.writer, plainName(table), columns, query, shard);
  }

  /** `INSERT INTO "table" DEFAULT VALUES`. */
  async insertDefaults(table: TableName, conflict?: ConflictClause): Promise<number> {
    const verb = conflict ? `INSERT OR ${conflict}` : 'INSERT';
    return this.runOwn(`${verb} INTO ${quoteIdent(plainName(table))} DEFAULT VALUES`, []);
  }

  /** Sets `columns` in the rows given as `[rowid, ...values]`, in one transaction; the number changed. */
  async updateRows(
    table: TableName,
    columns: readonly string[],
    rows: ReadonlyArray<readonly Cell[]>,
    conflict?: ConflictClause,
  ): Promise<number> {
    const verb = conflict ? `UPDATE OR ${conflict}` : 'UPDATE';
    const set = columns.map((c) => `${quoteIdent(c)} = ?`).join(', ');
    const reordered = rows.map(([rowid, ...values]) => [...values, rowid]);
    return this.eachRow(`${verb} ${quoteIdent(plainName(table))} SET ${set} WHERE rowid = ?`, reordered);
  }

  /** Deletes the rows with these rowids, or every row; the number deleted. */
  async deleteRows(table: TableName, rowids?: readonly Cell[]): Promise<number> {
    const name = quoteIdent(plainName(table));
    if (!rowids) return this.runOwn(`DELETE FROM ${name}`, []);
    return this.eachRow(
      `DELETE FROM ${name} WHERE rowid = ?`,
      rowids.map((r) => [r]),
    );
  }

  /** Drops a table. */
  async dropTable(name: TableName, ifExists = true): Promise<void> {
    this.runOwn(`DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${quoteIdent(plainName(name))}`, []);
  }

  /** True when the database has a table of this name. */
  async hasTable(name: TableName): Promise<boolean> {
    return this.tableNames().includes(plainName(name));
  }

  /** The distinct non-null values of a column (the join values of a dependent fetch). */
  async distinctValues(table: string, column: string): Promise<Cell[]> {
    const c = quoteIdent(column);
    return this.writer
      .prepare(`SELECT DISTINCT ${c} FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL`)
      .pluck()
      .all() as Cell[];
  }

  /** The first non-null value of a column in load order, or undefined (an example for messages). */
  async firstValue(table: string, column: string): Promise<Cell | undefined> {
    const c = quoteIdent(column);
    return this.writer
      .prepare(`SELECT ${c} FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL ORDER BY rowid LIMIT 1`)
      .pluck()
      .get() as Cell | undefined;
  }

  /** Creates or replaces tables skyql fills for a front end; user statements cannot change them. */
  async putSystemTables(tables: readonly SystemTable[]): Promise<void> {
    for (const t of tables) {
      this.loadSync(t.name, t.columns, t.rows);
      this.system.add(t.name.toLowerCase());
    }
  }

  /** True for names user statements may not create, change or drop: SQLite's, skyql's and system tables. */
  isReserved(name: TableName): boolean {
    if (typeof name !== 'string') return false;
    const n = name.toLowerCase();
    return this.system.has(n) || n.startsWith('sqlite_') || n.startsWith('__skyql_');
  }

  /** The user's tables (and materialized views), sorted: {@link tableNames} without reserved names. */
  async userTableNames(): Promise<string[]> {
    return this.tableNames().filter((t) => !this.isReserved(t));
  }

  /** Names of the tables in the database (not SQLite's own), sorted. */
  tableNames(): string[] {
    if (!this.writerDb) return [];
    return this.writerDb
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[];
  }

  /** Declared columns of a table (name and type), for catalog listings. */
  async tableColumns(table: TableName): Promise<ResultColumn[]> {
    const info = this.writer
      .prepare(`SELECT name, type FROM pragma_table_info(?)`)
      .all(plainName(table)) as Array<{
      name: string;
      type: string;
    }>;
    return info.map((c) => ({ name: c.name, type: affinityType(c.type) }));
  }

  async close(): Promise<void> {
    this.readerDb?.close();
    this.writerDb?.close();
    this.readerDb = undefined;
    this.writerDb = undefined;
    if (this.folder) removeStoreFolder(this.folder);
    this.folder = undefined;
  }

  /** One statement skyql built, on the writer; the number of rows changed. */
  private runOwn(sql: string, params: readonly Cell[]): number {
    try {
      return this.writer.prepare(sql).run(...params.map(toSql)).changes;
    } catch (err) {
      throw localSqlError(err);
    }
  }

  private eachRow(sql: string, rows: ReadonlyArray<readonly Cell[]>): number {
    const db = this.writer;
    try {
      const stmt = db.prepare(sql);
      let changes = 0;
      db.transaction(() => {
        for (const row of rows) changes += stmt.run(...row.map(toSql)).changes;
      })();
      return changes;
    } catch (err) {
      throw localSqlError(err);
    }
  }
}
