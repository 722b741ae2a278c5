import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ResultSet } from '../../../base/result/result-set.js';
import type { Shard } from '../../execute/shard.js';
import type {
  CreateViewStatement,
  DropViewStatement,
  LocalStatement,
  LocalTableStatement,
} from '../../sql/local/local-statement.js';
import type { ExistingTable, ShardRows, SqlStore, ViewDefinition } from '../../store/sql-store.js';
import { LocalTables, type RunSelect, type SplitCheck } from './local-tables.js';
import { SHARD_COLUMN } from './shard-rows.js';

export type { ViewDefinition } from '../../store/sql-store.js';
export type { RunSelect } from './local-tables.js';

/**
 * What a session keeps across statements: views (query text), materialized views (a snapshot in
 * a table, re-filled by REFRESH) and local tables, which live in the store (the session's SQLite
 * database, or a PostgreSQL database every process shares) and can be joined with provider tables.
 * View expansion and completion are synchronous, so they read the definitions and table names as
 * of {@link refresh}, which the session calls before each statement.
 */
export class LocalObjects {
  private views: ReadonlyMap<string, ViewDefinition> = new Map();
  private tableNames: readonly string[] = [];
  private readonly tables: LocalTables;

  constructor(
    private readonly store: SqlStore,
    private readonly runSelect: RunSelect,
    private readonly shard?: Shard,
    private readonly splits: SplitCheck = async () => true,
  ) {
    this.tables = new LocalTables(store, runSelect, shard, splits);
  }

  /** How a table statement writes this process's shard (`--shard`, a `_shard` column), if it does: EXPLAIN says so. */
  shardRows(stmt: LocalTableStatement): Promise<ShardRows | undefined> {
    return this.tables.shardRows(stmt);
  }

  /** Re-reads view definitions and table names (other processes may have changed them on PostgreSQL). */
  async refresh(): Promise<void> {
    this.views = await this.store.views.snapshot();
    this.tableNames = await this.store.userTableNames();
  }

  /** The query of a (non-materialized) view, for expansion into SELECTs. */
  viewText(name: string): string | undefined {
    const v = this.views.get(name);
    return v && !v.materialized ? v.query : undefined;
  }

  /** The query of a materialized view (what REFRESH runs); VIEW_NOT_FOUND when there is none. */
  materializedQuery(name: string): string {
    const v = this.views.get(name);
    if (!v?.materialized) throw notFound(name, true);
    return v.query;
  }

  /** Views and materialized views, by name. */
  listViews(): ViewDefinition[] {
    return [...this.views.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Names of views, materialized views and tables, for completion. */
  names(): string[] {
    return [...new Set([...this.views.keys(), ...this.tableNames])];
  }

  /** The user's tables and materialized views as of the last refresh. */
  userTables(): readonly string[] {
    return this.tableNames;
  }

  /** Runs a session statement; DDL returns no result. `rowCount` is told what DML changed. */
  async execute(
    stmt: LocalStatement,
    signal?: AbortSignal,
    rowCount?: (n: number) => void,
  ): Promise<ResultSet | undefined> {
    try {
      switch (stmt.kind) {
        case 'createView':
          return await this.createView(stmt, signal);
        case 'refreshView': {
          const v = await this.store.views.get(stmt.name);
          if (!v?.materialized) throw notFound(stmt.name, true);
          await this.assertWhole(`REFRESH MATERIALIZED VIEW ${stmt.name}`, v.query);
          await this.materialize(stmt.name, v.query, 'refresh', signal);
          return undefined;
        }
        case 'dropView':
          return await this.dropView(stmt);
        case 'localTable':
          await this.assertTable(stmt);
          return await this.tables.execute(stmt, signal, rowCount);
      }
    } finally {
      await this.refresh().catch(() => {});
    }
  }

  private async createView(stmt: CreateViewStatement, signal?: AbortSignal): Promise<undefined> {
    const existing = await this.store.views.get(stmt.name);
    if (existing && !stmt.orReplace)
      throw new SkyqlError('VIEW_ERROR', `view '${stmt.name}' already exists`, {
        hint: 'use CREATE OR REPLACE, or DROP it first',
      });
    if (this.store.isReserved(stmt.name)) throw reserved(stmt.name);
    if (!existing && (await this.store.hasTable(stmt.name)))
      throw new SkyqlError('VIEW_ERROR', `a table named '${stmt.name}' already exists`);
    if (stmt.materialized)
      await this.assertWhole(
        `CREATE${stmt.orReplace ? ' OR REPLACE' : ''} MATERIALIZED VIEW ${stmt.name}`,
        stmt.query,
      );
    if (existing?.materialized && !stmt.materialized) await this.store.dropTable(stmt.name);
    if (stmt.materialized)
      await this.materialize(stmt.name, stmt.query, existing?.materialized ? 'redefine' : 'fail', signal);
    await this.store.views.put({ name: stmt.name, query: stmt.query, materialized: stmt.materialized });
    return undefined;
  }

  /**
   * Under `--shard`, a materialized view would hold one shard's rows (and N processes would each
   * replace the others'): refused before any API call, pointing at a table filled by shards.
   */
  private async assertWhole(statement: string, query: string): Promise<void> {
    const { shard } = this;
    if (!shard || shard.count < 2 || !(await this.splits(query))) return;
    throw new SkyqlError(
      'UNSUPPORTED_STATEMENT',
      `${statement} under --shard ${shard.index}/${shard.count} would replace its rows with this shard's only`,
      {
        hint: `run it without --shard, or fill a table from the shards: CREATE TABLE IF NOT EXISTS t AS … under --shard (each shard replaces its own rows, marked in a ${SHARD_COLUMN} column)`,
      },
    );
  }

  /**
   * Runs the query (fetching from the APIs again) and puts its rows in the view's table, all or
   * nothing; on PostgreSQL an existing table keeps its identity (`existing`, sql-store.ts).
   */
  private async materialize(
    name: string,
    query: string,
    existing: ExistingTable,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.store.selectInto) {
      await this.runSelect(query, signal, { table: name, replace: true, existing }); // inside the database
      return;
    }
    const result = await this.runSelect(query, signal);
    await this.store.load(name, result.columns, result.rows);
  }

  private async dropView(stmt: DropViewStatement): Promise<undefined> {
    const v = await this.store.views.get(stmt.name);
    if (v && v.materialized !== stmt.materialized) {
      const [is, drop] = v.materialized
        ? ['a materialized view', 'DROP MATERIALIZED VIEW']
        : ['a view', 'DROP VIEW'];
      throw new SkyqlError('VIEW_ERROR', `'${stmt.name}' is ${is}`, { hint: `use ${drop} ${stmt.name}` });
    }
    if (!v) {
      if (stmt.ifExists) return undefined;
      throw notFound(stmt.name, stmt.materialized);
    }
    if (v.materialized) await this.store.dropTable(v.name);
    await this.store.views.remove(stmt.name);
    return undefined;
  }

  /** Refuses table statements on views and on names the user may not touch. */
  private async assertTable(stmt: LocalTableStatement): Promise<void> {
    const view = stmt.schema === undefined ? await this.store.views.get(stmt.table) : undefined;
    if (view) {
      const kind = view.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
      throw new SkyqlError('VIEW_ERROR', `'${stmt.table}' is a ${kind.toLowerCase()}, not a table`, {
        hint:
          stmt.verb === 'DROP'
            ? `use DROP ${kind} ${stmt.table}`
            : `REFRESH or re-create the ${kind.toLowerCase()}`,
      });
    }
    const name = stmt.schema === undefined ? stmt.table : { schema: stmt.schema, name: stmt.table };
    if (this.store.isReserved(name)) throw reserved(stmt.table);
  }
}

function reserved(name: string): SkyqlError {
  return new SkyqlError(
    'FORBIDDEN_SQL',
    `'${name}' is a reserved name: it cannot be created, changed or dropped`,
    {
      hint: 'names starting with sqlite_ or __skyql_, and the emulated catalog tables, belong to skyql',
    },
  );
}

function notFound(name: string, materialized: boolean): SkyqlError {
  const what = materialized ? 'materialized view' : 'view';
  return new SkyqlError('VIEW_NOT_FOUND', `${what} '${name}' does not exist`, {
    hint: materialized ? 'CREATE MATERIALIZED VIEW name AS SELECT ...' : 'CREATE VIEW name AS SELECT ...',
  });
}
