import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { SqliteStore } from '../store/sqlite-store.js';

/** SQL LIKE as SQLite does it: `%` any run, `_` one character, ASCII case-insensitive. */
function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Keeps rows whose `column` matches the LIKE pattern. */
export function filterLike(result: ResultSet, column: string, pattern: string): ResultSet {
  const i = result.columns.findIndex((c) => c.name === column);
  const re = likeToRegExp(pattern);
  return { columns: result.columns, rows: result.rows.filter((r) => re.test(String(r[i] ?? ''))) };
}

/**
 * Keeps rows for which the SQL expression `where` is true, evaluated by SQLite over a temporary
 * table of the rows (so every SQLite operator and function works in SHOW ... WHERE).
 * @throws SkyqlError LOCAL_SQL_ERROR "invalid WHERE clause: …" naming the columns it may use.
 */
export function filterWhere(store: SqliteStore, result: ResultSet, where: string): ResultSet {
  store.load('__metadata', result.columns, result.rows);
  try {
    const filtered = store.query(`SELECT * FROM "__metadata" WHERE ${where}`);
    return { columns: result.columns, rows: filtered.rows };
  } catch (err) {
    if (!isSkyqlError(err, 'LOCAL_SQL_ERROR')) throw err;
    // the temporary table is an implementation detail: never name it
    const why = err.message.replace(/^SQL error: /, '').replace(/"?__metadata"?\.?/g, '');
    throw new SkyqlError('LOCAL_SQL_ERROR', `invalid WHERE clause: ${why}`, {
      hint: `WHERE can use the columns ${result.columns.map((c) => c.name).join(', ')}`,
      cause: err,
    });
  } finally {
    store.query('DROP TABLE IF EXISTS "__metadata"');
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
