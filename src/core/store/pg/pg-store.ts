import type { PostgresBackendConfig } from '../../../base/config/sql-backend-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell, ResultColumn, ResultSet } from '../../../base/result/result-set.js';
import type { ConflictClause } from '../../sql/local/local-statement.js';
import type { ResultAccount } from '../result-memory.js';
import {
  type SelectInto,
  type SqlStore,
  type SystemTable,
  type TableName,
  TEMP_SCHEMA,
  type ViewCatalog,
} from '../sql-store.js';
import type { ExtraFunctions } from '../stackql-functions.js';
import { cappedRows } from './pg-capped-read.js';
import { fittingColumns } from './pg-copy.js';
import { assertPgReadSql, assertSafePgSql } from './pg-guard.js';
import { wholeScratchTable } from './pg-plain-select.js';
import { replacePgTable } from './pg-replace-table.js';
import { PgSession, type PgSessionLimits, pgIdent } from './pg-session.js';
import { withNameLock, writePgShardRows } from './pg-shard-rows.js';
import { createStage, fillStage } from './pg-stage.js';
import { PgTableLoader } from './pg-table-loader.js';
import { pgTokens } from './pg-tokens.js';
import { columnTypeOf, PG_TYPE } from './pg-types.js';
import { upsertRows } from './pg-upsert.js';
import { PgViewCatalog } from './pg-views.js';

/** Prefix of the statement-scoped tables skyql loads (fetch results, EXEC rows, SHOW … WHERE rows). */
const SCRATCH = '__skyql_';

const rows = PgSession.rows;

/** The temporary table's name when `table` is one (`pg_temp.x`), to remember it. */
function tempName(table: TableName): string | undefined {
  return typeof table !== 'string' && table.schema === TEMP_SCHEMA ? table.name : undefined;
}

/**
 * The PostgreSQL store. A statement's provider rows go into temporary tables (`pg_temp`, private
 * to the session's connection, so concurrent processes and srv sessions never see each other's),
 * loaded with COPY into typed columns (bigint, double precision, boolean, jsonb, text). Local
 * tables and materialized views are real tables in the table schema (default `public`), replaced
 * inside one transaction, so every process and client (psql, Grafana) on the database sees them
 * and a failed load leaves the previous contents. View definitions live in `skyql.views`. User
 * SQL runs as one query in a READ ONLY transaction after the guard (pg-guard.ts).
 */
export class PgStore implements SqlStore {
  readonly dialect = 'postgres' as const;
  readonly rowIdColumn = 'ctid';
  readonly views: ViewCatalog;
  private readonly session: PgSession;
  private readonly system = new Set<string>();
  /** The session's temporary tables (CREATE TEMP TABLE), which its statements name without a schema. */
  private readonly temps = new Set<string>();
  private stages = 0;

  /**
   * `maxResultBytes`: user queries stop with RESULT_TOO_LARGE past this many bytes of rows;
   * `results`: their rows are charged to the process's result memory (SERVER_BUSY when spent).
   */
  constructor(
    private readonly config: PostgresBackendConfig,
    private readonly options: {
      readonly maxResultBytes?: number;
      readonly results?: ResultAccount;
    } & PgSessionLimits = {},
  ) {
    this.session = new PgSession(config, options);
    this.views = new PgViewCatalog(this.session);
  }

  get isOpen(): boolean {
    return this.session.isOpen;
  }

  open(): Promise<void> {
    return this.session.open();
  }

  /** `pg_temp."__skyql_3"` for scratch tables, else the schema-qualified table. */
  private target(table: TableName): string {
    if (typeof table !== 'string')
      return table.schema === TEMP_SCHEMA
        ? `pg_temp.${pgIdent(table.name)}`
        : `${pgIdent(table.schema)}.${pgIdent(table.name)}`;
    if (table.startsWith(SCRATCH) || this.system.has(table) || this.temps.has(table))
      return `pg_temp.${pgIdent(table)}`;
    return `${pgIdent(this.config.schemata.tableSchema)}.${pgIdent(table)}`;
  }

  async read(sql: string, signal?: AbortSignal): Promise<ResultSet> {
    assertPgReadSql(sql);
    if (signal?.aborted) throw new SkyqlError('CANCELLED', 'statement cancelled');
    const onAbort = () => this.session.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    const max = this.options.maxResultBytes;
    try {
      return await this.session.transaction((c) => {
        const query = this.session.qualified(sql);
        const account = this.options.results;
        return max === undefined && !account
          ? rows(c, query)
          : cappedRows(c, query, max ?? Number.MAX_SAFE_INTEGER, signal, account);
      }, true);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Plans user SQL as {@link read} would run it (EXPLAIN resolves every name), without running it. */
  async check(sql: string): Promise<void> {
    assertPgReadSql(sql);
    await this.session.transaction((c) => rows(c, `EXPLAIN ${this.session.qualified(sql)}`), true);
  }

  /**
   * The rows of user SQL into a table, inside PostgreSQL: the query's shape is read and its rows
   * staged in a temporary table in READ ONLY transactions (pg-stage.ts), and one transaction then
   * replaces or appends to the target from it — so the user's query never runs, nor is planned,
   * with write access, and a failure leaves the target as it was.
   */
  async selectInto(sql: string, into: SelectInto, signal?: AbortSignal): Promise<number> {
    assertPgReadSql(sql);
    const target = this.target(into.table);
    const list = into.columns ? ` (${into.columns.map(pgIdent).join(', ')})` : '';
    const onAbort = () => this.session.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.session.exclusive(async (c) => {
        // cancelled (a statement timeout) while it waited for the connection: nothing runs
        if (signal?.aborted) throw new SkyqlError('CANCELLED', 'statement cancelled');
        const query = this.session.qualified(sql);
        // a query that is all of a statement table (CTAS … SELECT * over a provider table): the table is the stage
        const whole = into.shard ? undefined : await wholeScratchTable(c, query, SCRATCH);
        const stage = whole ?? `pg_temp.${pgIdent(`${SCRATCH}stage_${++this.stages}`)}`;
        try {
          if (whole === undefined) {
            // a table created from the query (CTAS, a shard's CREATE TABLE IF NOT EXISTS) keeps its
            // column names; appended rows go by position (c1, c2…)
            const positional = !(into.replace || into.shard?.createMissing);
            await createStage(c, stage, query, positional);
            await fillStage(c, stage, query);
          }
          const temp = tempName(into.table);
          const write = () =>
            PgSession.within(c, async () => {
              if (into.shard) return writePgShardRows(c, target, stage, into.columns, into.shard);
              if (into.replace)
                return replacePgTable(
                  c,
                  target,
                  stage,
                  into.existing ?? 'fail',
                  this.label(into.table),
                  temp !== undefined,
                );
              return (await c.query(`INSERT INTO ${target}${list} SELECT * FROM ${stage}`)).rowCount ?? 0;
            });
          // creating or replacing a table: processes doing the same take turns (pg-shard-rows.ts)
          const written = await (into.replace || into.shard?.createMissing
            ? withNameLock(c, target, write)
            : write());
          if (temp !== undefined) this.temps.add(temp);
          return written;
        } finally {
          if (whole === undefined) await c.query(`DROP TABLE IF EXISTS ${stage}`).catch(() => {});
        }
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async load(
    table: TableName,
    columns: readonly ResultColumn[],
    data: ReadonlyArray<readonly Cell[]>,
  ): Promise<void> {
    const name = this.target(table);
    const defs = fittingColumns(columns, data)
      .map((c) => `${pgIdent(c.name)} ${PG_TYPE[c.type]}`)
      .join(', ');
    const temp = name.startsWith('pg_temp.');
    await this.session.transaction(async (c) => {
      await c.query(`DROP TABLE IF EXISTS ${name}`);
      await c.query(`CREATE ${temp ? 'TEMP ' : ''}TABLE ${name} (${defs})`);
      if (data.length > 0) await PgSession.copyRows(c, name, data);
    });
  }

  /** A statement's scratch table, filled page by page with COPY (pg-table-loader.ts). */
  openLoader(table: string, columns: readonly ResultColumn[]): Promise<PgTableLoader> {
    return PgTableLoader.open(this.session, this.target(table), columns);
  }

  async createTable(
    table: TableName,
    definition: string,
    options: { ifNotExists: boolean; strict: boolean },
  ): Promise<void> {
    let depth = 0;
    for (const t of pgTokens(definition)) {
      if (t.kind !== 'symbol') continue;
      if (t.value === ';' || (t.value === ')' && --depth < 0))
        throw new SkyqlError(
          'PARSE_ERROR',
          `unexpected '${t.value}' in the column definitions of ${this.label(table)}`,
        );
      if (t.value === '(') depth++;
    }
    assertSafePgSql(definition);
    const name = this.target(table);
    const temp = tempName(table);
    const create = `CREATE ${temp ? 'TEMP ' : ''}TABLE`;
    // the user's definitions go by the extended protocol: one statement, whatever they hide
    if (!options.ifNotExists)
      await this.session.exclusive((c) =>
        PgSession.command(c, `${create} ${name} (${this.session.qualified(definition)})`),
      );
    // N processes (--shard) may create the same table at once: PostgreSQL's IF NOT EXISTS alone can
    // then fail on its catalog's unique index, so the creations take turns on a lock of the name
    else
      await this.session.exclusive((c) =>
        withNameLock(c, name, () =>
          PgSession.command(c, `${create} IF NOT EXISTS ${name} (${this.session.qualified(definition)})`),
        ),
      );
    if (temp !== undefined) this.temps.add(temp);
  }

  async insertRows(
    table: TableName,
    columns: readonly string[] | undefined,
    query: ResultSet,
    conflict?: ConflictClause,
    onConflict?: string,
  ): Promise<number> {
    const list = columns ? ` (${columns.map(pgIdent).join(', ')})` : '';
    const name = this.target(table);
    if (conflict === 'REPLACE')
      throw new SkyqlError('UNSUPPORTED_STATEMENT', `INSERT OR REPLACE needs the SQLite backend`, {
        hint: 'on PostgreSQL write INSERT INTO t … ON CONFLICT (key) DO UPDATE SET col = EXCLUDED.col, …',
      });
    const clause = conflict === 'IGNORE' ? 'ON CONFLICT DO NOTHING' : onConflict;
    if (clause === undefined)
      return this.session.transaction((c) => PgSession.copyRows(c, `${name}${list}`, query.rows));
    const stage = `pg_temp.${pgIdent(`${SCRATCH}upsert_${++this.stages}`)}`;
    return upsertRows(this.session, name, list, query.rows, clause, stage);
  }

  insertDefaults(table: TableName, conflict?: ConflictClause): Promise<number> {
    const onConflict = conflict === 'IGNORE' ? ' ON CONFLICT DO NOTHING' : '';
    return this.session.exclusive(
      async (c) =>
        (await c.query(`INSERT INTO ${this.target(table)} DEFAULT VALUES${onConflict}`)).rowCount ?? 0,
    );
  }

  updateRows(
    table: TableName,
    columns: readonly string[],
    data: ReadonlyArray<readonly Cell[]>,
  ): Promise<number> {
    const set = columns.map((col, i) => `${pgIdent(col)} = $${i + 1}`).join(', ');
    const sql = `UPDATE ${this.target(table)} SET ${set} WHERE ctid = $${columns.length + 1}::tid`;
    return this.session.transaction(async (c) => {
      let n = 0;
      for (const [rowId, ...values] of data) n += (await c.query(sql, [...values, rowId])).rowCount ?? 0;
      return n;
    });
  }

  deleteRows(table: TableName, rowIds?: readonly Cell[]): Promise<number> {
    const name = this.target(table);
    return this.session.exclusive(async (c) => {
      const r = rowIds
        ? await c.query(`DELETE FROM ${name} WHERE ctid = ANY($1::tid[])`, [rowIds.map(String)])
        : await c.query(`DELETE FROM ${name}`);
      return r.rowCount ?? 0;
    });
  }

  async dropTable(name: TableName, ifExists = true): Promise<void> {
    await this.session.exclusive((c) =>
      c.query(`DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${this.target(name)}`),
    );
    if (typeof name === 'string') this.temps.delete(name);
  }

  /** Whether a schema exists: a table statement's target is checked before any API call. */
  hasSchema(schema: string): Promise<boolean> {
    return this.session.exclusive(
      async (c) => (await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1,
    );
  }

  hasTable(name: TableName): Promise<boolean> {
    return this.session.exclusive(
      async (c) =>
        (await c.query('SELECT to_regclass($1) IS NOT NULL AS found', [this.target(name)])).rows[0].found,
    );
  }

  distinctValues(table: string, column: string): Promise<Cell[]> {
    const col = pgIdent(column);
    const sql = `SELECT DISTINCT ${col} FROM ${this.target(table)} WHERE ${col} IS NOT NULL`;
    return this.session.exclusive(async (c) => (await rows(c, sql)).rows.map((r) => r[0]));
  }

  firstValue(table: string, column: string): Promise<Cell | undefined> {
    const col = pgIdent(column);
    const sql = `SELECT ${col} FROM ${this.target(table)} WHERE ${col} IS NOT NULL ORDER BY ctid LIMIT 1`;
    return this.session.exclusive(async (c) => (await rows(c, sql)).rows[0]?.[0] ?? undefined);
  }

  /** The wire server answers catalog queries from PostgreSQL's own catalog; these are kept as temporary tables. */
  async putSystemTables(tables: readonly SystemTable[]): Promise<void> {
    for (const t of tables) {
      this.system.add(t.name);
      await this.load(t.name, t.columns, t.rows);
    }
  }

  /** PostgreSQL has the catalog functions the wire server's shims stand in for. */
  addFunctions(_extra: ExtraFunctions): void {}

  isTemporary(name: string): boolean {
    return this.temps.has(name);
  }

  isReserved(name: TableName): boolean {
    if (typeof name !== 'string')
      return name.schema.toLowerCase() === 'skyql' || name.schema.startsWith('pg_');
    return (
      this.system.has(name) || name.toLowerCase().startsWith(SCRATCH) || name.toLowerCase().startsWith('pg_')
    );
  }

  userTableNames(): Promise<string[]> {
    const sql = `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`;
    return this.session.exclusive(async (c) =>
      (await rows(c, sql, [this.config.schemata.tableSchema])).rows.map((r) => String(r[0])),
    );
  }

  /**
   * A table's columns ([] when there is none). A one-part name of the user's is found as a query
   * would find it, on the search path (the table schema first), spelled as is or folded to lower case.
   */
  tableColumns(table: TableName): Promise<ResultColumn[]> {
    const sql = `SELECT attname, atttypid::int FROM pg_attribute WHERE attrelid = coalesce(to_regclass($1), to_regclass($2)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`;
    const names =
      typeof table === 'string' && !this.target(table).startsWith('pg_temp.')
        ? [pgIdent(table), pgIdent(table.toLowerCase())]
        : [this.target(table), null];
    return this.session.exclusive(async (c) => {
      const r = await rows(c, sql, names);
      return r.rows.map((x) => ({ name: String(x[0]), type: columnTypeOf(Number(x[1])) }));
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }

  private label(table: TableName): string {
    if (typeof table === 'string') return table;
    return table.schema === TEMP_SCHEMA ? table.name : `${table.schema}.${table.name}`;
  }
}
