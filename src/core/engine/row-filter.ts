import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { LocalRead, SqliteStore } from '../store/sqlite-store.js';
import { likeMatcher } from './like-pattern.js';

/** Keeps rows where any of `columns` matches the LIKE pattern (StackQL's SHOW LIKE; see likeMatcher). */
export function filterLike(result: ResultSet, columns: readonly string[], pattern: string): ResultSet {
  const at = columns.map((name) => result.columns.findIndex((c) => c.name === name));
  const matches = likeMatcher(pattern);
  return {
    columns: result.columns,
    rows: result.rows.filter((r) => at.some((i) => matches(String(r[i] ?? '')))),
  };
}

/** The temporary table SHOW … WHERE filters (reserved: user statements cannot touch it). */
const METADATA = '__skyql_metadata';

/**
 * Keeps rows for which the SQL expression `where` is true, evaluated by SQLite over a temporary
 * table of the rows (so every SQLite operator and function works in SHOW ... WHERE).
 * @throws SkyqlError LOCAL_SQL_ERROR "invalid WHERE clause: …" naming the columns it may use.
 */
export async function filterWhere(
  store: SqliteStore,
  read: LocalRead,
  result: ResultSet,
  where: string,
  signal?: AbortSignal,
): Promise<ResultSet> {
  store.load(METADATA, result.columns, result.rows);
  try {
    const filtered = await read(`SELECT * FROM "${METADATA}" WHERE ${where}`, signal);
    return { columns: result.columns, rows: filtered.rows };
  } catch (err) {
    if (!isSkyqlError(err, 'LOCAL_SQL_ERROR')) throw err;
    // the temporary table is an implementation detail: never name it
    const why = err.message.replace(/^SQL error: /, '').replace(/"?__skyql_metadata"?\.?/g, '');
    throw new SkyqlError('LOCAL_SQL_ERROR', `invalid WHERE clause: ${why}`, {
      hint: `WHERE can use the columns ${result.columns.map((c) => c.name).join(', ')}`,
      cause: err,
    });
  } finally {
    store.dropTable(METADATA);
  }
}

/** Keeps only the named columns, in the given order. */
export function project(result: ResultSet, names: readonly string[]): ResultSet {
  const idx = names.map((n) => result.columns.findIndex((c) => c.name === n));
  return {
    columns: idx.map((i) => result.columns[i]),
    rows: result.rows.map((r) => idx.map((i) => r[i])),
  };
}
