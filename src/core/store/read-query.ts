import type BetterSqlite3 from 'better-sqlite3';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ColumnType, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { batchRows } from '../../base/result/result-sink.js';
import { resultTooLarge, rowBytes } from './result-cap.js';
import { ROW_MEMORY_OVERHEAD } from './result-memory.js';
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
/**
 * Prepares user SQL on a read-only connection without running it. Three checks stand before SQLite
 * runs anything: the token guard on exactly this text ({@link assertReadSql}), a single statement
 * (better-sqlite3 refuses more), and the prepared statement must return rows and must not write
 * (`stmt.reader && stmt.readonly`, which refuses VACUUM INTO, ATTACH, pragma writes and DML with
 * RETURNING even where the guard would not). SQLite resolves every table and column name here, so
 * an unknown column fails without a row being read. Throws FORBIDDEN_SQL or LOCAL_SQL_ERROR.
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

/** {@link prepareReadQuery}, set to return raw rows with exact 64-bit integers. */
function prepareRead(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  // safeIntegers keeps 64-bit values exact; those that fit a double come back as numbers (convertRow).
  return prepareReadQuery(db, sql).raw(true).safeIntegers(true);
}

/** The result columns: declared types, else the type of the first row's value. */
function resultColumns(stmt: BetterSqlite3.Statement, first: readonly unknown[] | undefined): ResultColumn[] {
  return stmt.columns().map((c, i) => ({ name: c.name, type: typeFromDeclared(c.type, first?.[i]) }));
}

/** Converts a raw row in place (a copy of a large result would double its memory). */
function convertRow(r: unknown[], booleans: readonly boolean[]): Cell[] {
  for (let i = 0; i < r.length; i++) {
    let v = r[i];
    if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) v = r[i] = Number(v);
    if (booleans[i] && typeof v === 'number') r[i] = v !== 0;
  }
  return r as Cell[];
}

/**
 * Runs user SQL (checked as in {@link prepareReadQuery}) on a read-only connection; the typed
 * result. With `maxBytes`, the rows are read one at a time and the query stops with
 * RESULT_TOO_LARGE once they hold more (see {@link rowBytes}), so neither this process nor the one
 * it answers builds a huge value. `onRow` is told each row's memory (its bytes plus
 * {@link ROW_MEMORY_OVERHEAD}) as it is read, and may throw to stop the query (the process's result
 * memory, result-memory.ts).
 */
export function runReadQuery(
  db: BetterSqlite3.Database,
  sql: string,
  maxBytes?: number,
  onRow?: (bytes: number) => void,
): ResultSet {
  const stmt = prepareRead(db, sql);
  try {
    const raw =
      maxBytes === undefined && !onRow
        ? (stmt.all() as unknown[][])
        : boundedRows(stmt, maxBytes ?? Number.POSITIVE_INFINITY, onRow);
    const columns = resultColumns(stmt, raw[0]);
    const booleans = columns.map((c) => c.type === 'boolean');
    for (const r of raw) convertRow(r, booleans);
    return { columns, rows: raw as Cell[][] };
  } catch (err) {
    throw localSqlError(err);
  }
}

/** A query being read: its columns, then its rows in batches as SQLite produces them. */
export interface QueryStream {
  readonly columns: readonly ResultColumn[];
  /** Each batch once; stopping early (return/throw) releases the statement. Errors: LOCAL_SQL_ERROR. */
  readonly batches: Generator<Cell[][], void, undefined>;
  /** Releases the statement when the batches are not read to their end (idempotent). */
  close(): void;
}

/**
 * {@link runReadQuery} row by row: the statement is stepped only as batches are taken, so memory
 * holds one batch: `maxRows` rows, fewer for a wide row (see {@link batchRows}). The first row is read at once (its values type the undeclared columns), so an
 * error on it is thrown here. The connection is busy until the batches end or are returned.
 */
export function streamReadQuery(db: BetterSqlite3.Database, sql: string, maxRows: number): QueryStream {
  const stmt = prepareRead(db, sql);
  let it: IterableIterator<unknown[]>;
  let first: IteratorResult<unknown[]>;
  try {
    it = stmt.iterate() as IterableIterator<unknown[]>;
    first = it.next();
  } catch (err) {
    throw localSqlError(err);
  }
  const columns = resultColumns(stmt, first.done ? undefined : first.value);
  const booleans = columns.map((c) => c.type === 'boolean');
  const perBatch = batchRows(columns.length, maxRows);
  function* batches(): Generator<Cell[][], void, undefined> {
    if (first.done) return;
    let batch: Cell[][] = [convertRow(first.value, booleans)];
    try {
      for (let r = it.next(); !r.done; r = it.next()) {
        if (batch.length === perBatch) {
          yield batch;
          batch = [];
        }
        batch.push(convertRow(r.value, booleans));
      }
    } catch (err) {
      throw localSqlError(err);
    } finally {
      it.return?.();
    }
    yield batch;
  }
  return { columns, batches: batches(), close: () => void it.return?.() };
}

/** All rows of `stmt`, or RESULT_TOO_LARGE at the first row that takes them over `maxBytes`. */
function boundedRows(
  stmt: BetterSqlite3.Statement,
  maxBytes: number,
  onRow: ((bytes: number) => void) | undefined,
): unknown[][] {
  const rows: unknown[][] = [];
  let bytes = 0;
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    const size = rowBytes(row);
    bytes += size;
    if (bytes > maxBytes) throw resultTooLarge(maxBytes, rows.length); // leaving the loop resets the statement
    onRow?.(size + ROW_MEMORY_OVERHEAD);
    rows.push(row);
  }
  return rows;
}
