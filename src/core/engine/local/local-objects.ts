import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ResultSet } from '../../../base/result/result-set.js';
import type {
  CreateViewStatement,
  DropViewStatement,
  LocalStatement,
  LocalTableStatement,
} from '../../sql/local/local-statement.js';
import type { SqliteStore } from '../../store/sqlite-store.js';
import { LocalTables, type RunSelect } from './local-tables.js';

export type { RunSelect } from './local-tables.js';

/** A view of the session: its query text, re-run on every use unless materialized. */
export interface ViewDefinition {
  readonly name: string;
  readonly query: string;
  readonly materialized: boolean;
}

/**
 * What a session keeps across statements: views (query text), materialized views (a snapshot in
 * a SQLite table, re-filled by REFRESH) and local tables, which live in the session's SQLite
 * database and can be joined with provider tables.
 */
export class LocalObjects {
  private readonly views = new Map<string, ViewDefinition>();
  private readonly tables: LocalTables;

  constructor(
    private readonly store: SqliteStore,
    private readonly runSelect: RunSelect,
  ) {
    this.tables = new LocalTables(store, runSelect);
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
        this.assertTable(stmt);
        return this.tables.execute(stmt, signal, rowCount);
    }
  }

  private async createView(stmt: CreateViewStatement, signal?: AbortSignal): Promise<undefined> {
    const existing = this.views.get(stmt.name);
    if (existing && !stmt.orReplace)
      throw new SkyqlError('VIEW_ERROR', `view '${stmt.name}' already exists`, {
        hint: 'use CREATE OR REPLACE, or DROP it first',
      });
    if (this.store.isReserved(stmt.name)) throw reserved(stmt.name);
    if (!existing && this.store.tableNames().includes(stmt.name))
      throw new SkyqlError('VIEW_ERROR', `a table named '${stmt.name}' already exists`);
    if (existing?.materialized && !stmt.materialized) this.store.dropTable(stmt.name);
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
    if (v.materialized) this.store.dropTable(v.name);
    this.views.delete(stmt.name);
    return undefined;
  }

  /** Refuses table statements on views and on names the user may not touch. */
  private assertTable(stmt: LocalTableStatement): void {
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
    if (this.store.isReserved(stmt.table)) throw reserved(stmt.table);
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
