import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ResultSet } from '../../../base/result/result-set.js';
import type {
  CreateViewStatement,
  DropViewStatement,
  LocalStatement,
  LocalTableStatement,
} from '../../sql/local/local-statement.js';
import { quoteIdent, type SqliteStore } from '../../store/sqlite-store.js';

/** A view of the session: its query text, re-run on every use unless materialized. */
export interface ViewDefinition {
  readonly name: string;
  readonly query: string;
  readonly materialized: boolean;
}

/** Runs a SELECT through the engine (provider tables, views, the cache). */
export type RunSelect = (text: string, signal?: AbortSignal) => Promise<ResultSet>;

const STAGING = '__skyql_insert_source';

/**
 * What a session keeps across statements: views (query text), materialized views (a snapshot in
 * a SQLite table, re-filled by REFRESH) and local tables, which live in the session's SQLite
 * database and can be joined with provider tables.
 */
export class LocalObjects {
  private readonly views = new Map<string, ViewDefinition>();

  constructor(
    private readonly store: SqliteStore,
    private readonly runSelect: RunSelect,
  ) {}

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

  /** Runs a session statement; DDL returns no result. `rowCount` is told what DML changed. */
  async execute(
    stmt: LocalStatement,
    signal?: AbortSignal,
    rowCount?: (n: number) => void,
  ): Promise<ResultSet | undefined> {
    switch (stmt.kind) {
      case 'createView':
        return this.createView(stmt, signal);
      case 'refreshView':
        await this.materialize(stmt.name, this.materializedQuery(stmt.name), signal);
        return undefined;
      case 'dropView':
        return this.dropView(stmt);
      case 'localTable':
        return this.localTable(stmt, signal, rowCount);
    }
  }

  private async createView(stmt: CreateViewStatement, signal?: AbortSignal): Promise<undefined> {
    const existing = this.views.get(stmt.name);
    if (existing && !stmt.orReplace)
      throw new SkyqlError('VIEW_ERROR', `view '${stmt.name}' already exists`, {
        hint: 'use CREATE OR REPLACE, or DROP it first',
      });
    if (!existing && this.store.tableNames().includes(stmt.name))
      throw new SkyqlError('VIEW_ERROR', `a table named '${stmt.name}' already exists`);
    if (existing?.materialized && !stmt.materialized)
      this.store.run(`DROP TABLE IF EXISTS ${quoteIdent(stmt.name)}`);
    if (stmt.materialized) await this.materialize(stmt.name, stmt.query, signal);
    this.views.set(stmt.name, { name: stmt.name, query: stmt.query, materialized: stmt.materialized });
    return undefined;
  }

  private async materialize(name: string, query: string, signal?: AbortSignal): Promise<void> {
    const result = await this.runSelect(query, signal);
    this.store.load(name, result.columns, result.rows);
  }

  private dropView(stmt: DropViewStatement): undefined {
    const v = this.views.get(stmt.name);
    if (!v || v.materialized !== stmt.materialized) {
      if (stmt.ifExists) return undefined;
      throw notFound(stmt.name, stmt.materialized);
    }
    if (v.materialized) this.store.run(`DROP TABLE IF EXISTS ${quoteIdent(v.name)}`);
    this.views.delete(stmt.name);
    return undefined;
  }

  private async localTable(
    stmt: LocalTableStatement,
    signal?: AbortSignal,
    rowCount?: (n: number) => void,
  ): Promise<ResultSet | undefined> {
    const view = this.views.get(stmt.table);
    if (view) {
      const kind = view.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
      throw new SkyqlError('VIEW_ERROR', `'${stmt.table}' is a ${kind.toLowerCase()}, not a table`, {
        hint:
          stmt.verb === 'DROP'
            ? `use DROP ${kind} ${stmt.table}`
            : `REFRESH or re-create the ${kind.toLowerCase()}`,
      });
    }
    if (stmt.table.startsWith('__skyql_'))
      throw new SkyqlError('FORBIDDEN_SQL', `table names starting with __skyql_ are reserved`);
    if (!stmt.query) {
      const changed = this.store.run(stmt.text);
      rowCount?.(changed);
      return undefined;
    }
    const result = await this.runSelect(stmt.query.text, signal);
    if (stmt.verb === 'CREATE') {
      const exists = this.store.tableNames().includes(stmt.table);
      if (exists && /\bIF\s+NOT\s+EXISTS\b/i.test(stmt.query.head)) return undefined;
      if (exists) throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${stmt.table} already exists`);
      this.store.load(stmt.table, result.columns, result.rows);
      return undefined;
    }
    this.store.load(STAGING, result.columns, result.rows);
    try {
      const changed = this.store.run(`${stmt.query.head} SELECT * FROM ${quoteIdent(STAGING)}`);
      rowCount?.(changed);
    } finally {
      this.store.run(`DROP TABLE IF EXISTS ${quoteIdent(STAGING)}`);
    }
    return undefined;
  }
}

function notFound(name: string, materialized: boolean): SkyqlError {
  const what = materialized ? 'materialized view' : 'view';
  return new SkyqlError('VIEW_NOT_FOUND', `${what} '${name}' does not exist`, {
    hint: materialized ? 'CREATE MATERIALIZED VIEW name AS SELECT ...' : 'CREATE VIEW name AS SELECT ...',
  });
}
