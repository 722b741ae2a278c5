import type { ResultSet } from '../../base/result/result-set.js';

/**
 * The CommandComplete tag of a statement, in PostgreSQL's words: `INSERT 0 n`, `UPDATE n`,
 * `DELETE n` with the rows changed (RETURNING or not), `SELECT n` for other statements that
 * return rows, else the verb (`CREATE TABLE`, `DROP VIEW`, `SET`, …). skyql's `REPLACE <resource>`
 * (a PUT) is an update; SQLite's `REPLACE INTO` an insert. `rowCount` is what the engine reported.
 */
export function commandTag(sql: string, result: ResultSet | undefined, rowCount?: number): string {
  const words = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .trim()
    .split(/\s+/, 4)
    .map((w) => w.toUpperCase());
  const n = rowCount ?? 0;
  switch (words[0]) {
    case 'INSERT':
      return `INSERT 0 ${n}`;
    case 'UPDATE':
    case 'DELETE':
      return `${words[0]} ${n}`;
    case 'REPLACE':
      return words[1] === 'INTO' ? `INSERT 0 ${n}` : `UPDATE ${n}`;
  }
  if (result && result.columns.length > 0) return `SELECT ${result.rows.length}`;
  switch (words[0]) {
    case 'CREATE':
    case 'DROP': {
      const rest = words
        .slice(1)
        .filter((w) => w !== 'OR' && w !== 'REPLACE' && w !== 'TEMP' && w !== 'TEMPORARY');
      const object = rest[0] === 'MATERIALIZED' ? 'MATERIALIZED VIEW' : (rest[0] ?? '');
      return `${words[0]} ${object}`.trim();
    }
    case 'REFRESH':
      return 'REFRESH MATERIALIZED VIEW';
    default:
      return words[0] ?? '';
  }
}
