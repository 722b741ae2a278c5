import type { Cell, ColumnType, ResultColumn } from '../../../base/result/result-set.js';

/**
 * Rows as PostgreSQL COPY text format (tab-separated, `\N` for NULL, backslash escapes), the
 * fastest way into PostgreSQL: one COPY per table instead of an INSERT per row.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '', // PostgreSQL text cannot hold NUL
};
const SPECIAL = /[\\\n\r\t\0]/g;
const INT64 = /^-?\d{1,19}$/;
const MAX_INT64 = 9223372036854775807n;

/** One value in COPY text format. */
export function copyValue(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'bigint') return v.toString();
  return SPECIAL.test(v) ? v.replace(SPECIAL, (c) => ESCAPES[c]) : v;
}

/** One row as a COPY line (with its newline). */
export function copyLine(row: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyValue(row[i]);
  return `${line}\n`;
}

/** True when PostgreSQL's type for `type` can take `v` (null always fits). */
export function fits(type: ColumnType, v: Cell): boolean {
  if (v === null) return true;
  switch (type) {
    case 'integer':
      if (typeof v === 'number') return Number.isInteger(v);
      if (typeof v === 'bigint') return v <= MAX_INT64 && v >= -MAX_INT64 - 1n;
      return typeof v === 'string' && INT64.test(v) && BigInt(v) <= MAX_INT64 && BigInt(v) >= -MAX_INT64 - 1n;
    case 'real':
      return (
        typeof v === 'number' ||
        typeof v === 'bigint' ||
        (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
      );
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1;
    case 'json':
      // skyql writes JSON cells itself (JSON.stringify); parsing each again would double the load's cost
      return typeof v === 'string' && v.length > 0 && !v.includes('\\u0000'); // jsonb refuses the NUL escape
    default:
      return true;
  }
}

/**
 * The columns as PostgreSQL can type them: a column whose values do not all fit its declared type
 * (an int64 field holding 2^64-1, a schema that says integer where the API sends text) becomes
 * text, as SQLite would have stored them, rather than failing the whole load.
 */
export function fittingColumns(
  columns: readonly ResultColumn[],
  rows: ReadonlyArray<readonly Cell[]>,
): ResultColumn[] {
  return columns.map((c, i) => {
    if (c.type === 'text') return c;
    for (const row of rows) if (!fits(c.type, row[i])) return { name: c.name, type: 'text' };
    return c;
  });
}
