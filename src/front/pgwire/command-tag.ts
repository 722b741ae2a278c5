import type { ResultSet } from '../../base/result/result-set.js';

/**
 * The CommandComplete tag of a statement: `SELECT n` when it returned rows, else PostgreSQL's
 * wording for its verb (`CREATE TABLE`, `INSERT 0 0`, `DROP VIEW`, `SET`, …).
 */
export function commandTag(sql: string, result: ResultSet | undefined): string {
  if (result && result.columns.length > 0) return `SELECT ${result.rows.length}`;
  const words = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .trim()
    .split(/\s+/, 4)
    .map((w) => w.toUpperCase());
  switch (words[0]) {
    case 'INSERT':
      return 'INSERT 0 0';
    case 'UPDATE':
    case 'DELETE':
    case 'REPLACE':
      return `${words[0]} 0`;
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
