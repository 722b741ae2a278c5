import type BetterSqlite3 from 'better-sqlite3';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ColumnType, ResultSet } from '../../base/result/result-set.js';
import { assertReadSql } from './sql-guard.js';

/** The column type of a result column from its declared SQLite type (see DECLARED in sqlite-store). */
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

/** A SQLite error as LOCAL_SQL_ERROR (SkyqlErrors pass through). */
export function localSqlError(err: unknown): SkyqlError {
  if (err instanceof SkyqlError) return err;
  return new SkyqlError('LOCAL_SQL_ERROR', `SQL error: ${(err as Error).message}`, { cause: err });
}

function notAQuery(what: string): SkyqlError {
  return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed here`, {
    hint: 'only a single query (SELECT, WITH or VALUES) runs on local data here',
  });
}

/**
 * Prepares user SQL on a read-only connection without running it, after the checks of
 * {@link runReadQuery}: SQLite resolves every table and column name here, so an unknown column
 * fails without a row being read. Throws FORBIDDEN_SQL or LOCAL_SQL_ERROR.
 */
export function prepareReadQuery(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  assertReadSql(sql);
  let stmt: BetterSqlite3.Statement;
  try {
    stmt = db.prepare(sql);
  } catch (err) {
    if (err instanceof RangeError && /more than one statement/.test(err.message))
      throw notAQuery('more than one statement');
    throw localSqlError(err);
  }
  if (!stmt.reader || !stmt.readonly) throw notAQuery('a statement that writes or returns no rows');
  return stmt;
}

/**
 * Runs user SQL on a read-only connection and returns typed results. Three checks stand before
 * SQLite runs anything: the token guard on exactly this text ({@link assertReadSql}), a single
 * statement (better-sqlite3 refuses more), and the prepared statement must return rows and must not
 * write (`stmt.reader && stmt.readonly`, which refuses VACUUM INTO, ATTACH, pragma writes and DML with
 * RETURNING even where the guard would not). With `maxBytes`, the rows are read one at a time and the
 * query stops with RESULT_TOO_LARGE once they hold more (see {@link cellBytes}), so neither this
 * process nor the one it answers builds a huge value. Throws FORBIDDEN_SQL or LOCAL_SQL_ERROR.
 */
export function runReadQuery(db: BetterSqlite3.Database, sql: string, maxBytes?: number): ResultSet {
  const stmt = prepareReadQuery(db, sql);
  try {
    const meta = stmt.columns();
    // safeIntegers keeps 64-bit values exact; those that fit a double come back as numbers.
    stmt.raw(true).safeIntegers(true);
    const raw = maxBytes === undefined ? (stmt.all() as unknown[][]) : boundedRows(stmt, maxBytes);
    const columns = meta.map((c, i) => ({ name: c.name, type: typeFromDeclared(c.type, raw[0]?.[i]) }));
    // converted in place: a copy of a large result would double its memory
    const booleans = columns.map((c) => c.type === 'boolean');
    for (const r of raw) {
      for (let i = 0; i < r.length; i++) {
        let v = r[i];
        if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) v = r[i] = Number(v);
        if (booleans[i] && typeof v === 'number') r[i] = v !== 0;
      }
    }
    return { columns, rows: raw as Cell[][] };
  } catch (err) {
    throw localSqlError(err);
  }
}

/** Bytes a cell counts for against a result cap: text and blob lengths, 8 for anything else. */
function cellBytes(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof Uint8Array) return v.byteLength;
  return 8;
}

/** All rows of `stmt`, or RESULT_TOO_LARGE at the first row that takes them over `maxBytes`. */
function boundedRows(stmt: BetterSqlite3.Statement, maxBytes: number): unknown[][] {
  const rows: unknown[][] = [];
  let bytes = 0;
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    for (const v of row) bytes += cellBytes(v);
    if (bytes > maxBytes) throw resultTooLarge(maxBytes, rows.length); // leaving the loop resets the statement
    rows.push(row);
  }
  return rows;
}

function resultTooLarge(maxBytes: number, rowsRead: number): SkyqlError {
  return new SkyqlError(
    'RESULT_TOO_LARGE',
    `the query's result is over ${mib(maxBytes)} (at row ${rowsRead + 1}); nothing was returned`,
    {
      hint: "select fewer or shorter columns (substr(), length()), add WHERE or LIMIT, or raise the front end's result cap",
    },
  );
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
