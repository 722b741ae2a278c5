import type { Cell, ColumnType, ResultColumn } from '../../base/result/result-set.js';

/** How skyql's tables are declared in SQLite: quoting, declared types, CREATE TABLE. */

/** The column a table without columns gets (SQLite wants one); always NULL, never named by a query. */
export const PLACEHOLDER_COLUMN = '__skyql_row';

/** Quotes an identifier for SQLite ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Declared SQLite types per column type; the declared name is read back to recover the type. */
export const DECLARED: Readonly<Record<ColumnType, string>> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  json: 'JSON_TEXT', // contains "TEXT": text affinity, so '123' stays a string
};

/** `CREATE TABLE "t" (...)` for result columns (a placeholder column when there are none). */
export function createTableSql(table: string, columns: readonly ResultColumn[]): string {
  const cols =
    columns.length > 0
      ? columns.map((c) => `${quoteIdent(c.name)} ${DECLARED[c.type]}`).join(', ')
      : `${quoteIdent(PLACEHOLDER_COLUMN)} INTEGER`;
  return `CREATE TABLE ${quoteIdent(table)} (${cols})`;
}

/** A column type from a declared type, by SQLite's affinity rules (INT → integer, REAL/FLOA/DOUB → real). */
export function affinityType(declared: string): ColumnType {
  const d = declared.toUpperCase();
  if (d === 'BOOLEAN' || d === 'BOOL') return 'boolean';
  if (d === 'JSON_TEXT' || d === 'JSON') return 'json';
  if (d.includes('INT')) return 'integer';
  if (/REAL|FLOA|DOUB/.test(d)) return 'real';
  return 'text';
}

/** A cell as SQLite binds it (booleans as 1/0). */
export const toSql = (v: Cell): Exclude<Cell, boolean> => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
