import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ColumnType, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { registerStackqlFunctions } from './stackql-functions.js';

type Database = BetterSqlite3.Database;

/** Declared SQLite types per column type; the declared name is read back to recover the type. */
const DECLARED: Readonly<Record<ColumnType, string>> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  json: 'JSON_TEXT', // contains "TEXT": text affinity, so '123' stays a string
};

function typeFromDeclared(declared: string | null, sample: unknown): ColumnType {
  switch (declared?.toUpperCase()) {
    case 'BOOLEAN':
      return 'boolean';
    case 'JSON_TEXT':
      return 'json';
    case 'INTEGER':
      return 'integer';
    case 'REAL':
      return 'real';
    case 'TEXT':
      return 'text';
    default:
      if (typeof sample === 'bigint' || (typeof sample === 'number' && Number.isInteger(sample)))
        return 'integer';
      if (typeof sample === 'number') return 'real';
      return 'text';
  }
}

/** A column type from a declared type, by SQLite's affinity rules (INT → integer, REAL/FLOA/DOUB → real). */
function affinityType(declared: string): ColumnType {
  const d = declared.toUpperCase();
  if (d === 'BOOLEAN' || d === 'BOOL') return 'boolean';
  if (d === 'JSON_TEXT' || d === 'JSON') return 'json';
  if (d.includes('INT')) return 'integer';
  if (/REAL|FLOA|DOUB/.test(d)) return 'real';
  return 'text';
}

/** Quotes an identifier for SQLite ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

let driver: typeof BetterSqlite3 | undefined;
function openDatabase(): Database {
  // Loaded on first use: most metadata statements never need SQLite, and start-up time matters.
  driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new driver(':memory:');
  registerStackqlFunctions(db);
  return db;
}

/**
 * The embedded SQL store: an in-memory SQLite database where rows are materialised and local SQL
 * runs. Knows nothing about providers: it takes column schemas and rows.
 */
export class SqliteStore {
  private dbHandle: Database | undefined;

  private get db(): Database {
    this.dbHandle ??= openDatabase();
    return this.dbHandle;
  }

  /** Creates (or replaces) a table and loads `rows` in one transaction. */
  load(table: string, columns: readonly ResultColumn[], rows: ReadonlyArray<readonly Cell[]>): void {
    const cols = columns.map((c) => `${quoteIdent(c.name)} ${DECLARED[c.type]}`).join(', ');
    this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}; CREATE TABLE ${quoteIdent(table)} (${cols})`);
    const insert = this.db.prepare(
      `INSERT INTO ${quoteIdent(table)} VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const toSql = (v: Cell) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
    this.db.transaction(() => {
      for (const row of rows) insert.run(...row.map(toSql));
    })();
  }

  /** Runs a query and returns typed results; SQLite errors become LOCAL_SQL_ERROR. */
  query(sql: string, params: readonly Cell[] = []): ResultSet {
    try {
      const stmt = this.db.prepare(sql);
      if (!stmt.reader) {
        stmt.run(...params);
        return { columns: [], rows: [] };
      }
      const meta = stmt.columns();
      // safeIntegers keeps 64-bit values exact; those that fit a double come back as numbers.
      const raw = stmt
        .raw(true)
        .safeIntegers(true)
        .all(...params) as unknown[][];
      const columns = meta.map((c, i) => ({ name: c.name, type: typeFromDeclared(c.type, raw[0]?.[i]) }));
      const rows = raw.map((r) =>
        r.map((v, i) => {
          const n = typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
          return columns[i].type === 'boolean' && typeof n === 'number' ? n !== 0 : (n as Cell);
        }),
      );
      return { columns, rows };
    } catch (err) {
      if (err instanceof SkyqlError) throw err;
      throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Runs a statement that returns no rows; the number of rows it changed. */
  run(sql: string, params: readonly Cell[] = []): number {
    try {
      return this.db.prepare(sql).run(...params).changes;
    } catch (err) {
      throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Names of the tables in the database (not SQLite's own), sorted. */
  tableNames(): string[] {
    if (!this.dbHandle) return [];
    const rows = this.db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return rows;
  }

  /** Declared columns of a table (name and type), for catalog listings. */
  tableColumns(table: string): ResultColumn[] {
    const info = this.db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Array<{
      name: string;
      type: string;
    }>;
    return info.map((c) => ({ name: c.name, type: affinityType(c.type) }));
  }

  /** Adds a deterministic SQL function (catalog shims for wire clients). */
  defineFunction(name: string, fn: (...args: never[]) => unknown): void {
    this.db.function(name, { deterministic: true, varargs: true }, fn as (...args: unknown[]) => unknown);
  }

  close(): void {
    this.dbHandle?.close();
    this.dbHandle = undefined;
  }
}
