import type { ResultSet } from '../../base/result/result-set.js';
import { type JsonCell, renderCell } from './render-cell.js';

export type { JsonCell } from './render-cell.js';

/** Rows a SQL tool returns when the call gives no `row_limit`. */
export const DEFAULT_ROW_LIMIT = 200;
/** Bytes of rows (as JSON) one tool result carries at most; the rest is cut with `truncated: true`. */
export const DEFAULT_MAX_RESULT_BYTES = 256 * 1024;

/** One statement's result as a tool returns it in `structuredContent`. */
export interface TabularResult {
  readonly statement: string;
  readonly columns: { name: string; type: string }[];
  readonly rows: Record<string, JsonCell>[];
  /** Rows returned here. */
  readonly returned: number;
  /** Rows the statement produced. */
  readonly total: number;
  /** True when `rows` holds fewer than `total` (row limit or byte cap) or a cell was cut. */
  readonly truncated: boolean;
  /** Cells cut to the per-cell cap (each says `…[truncated N bytes]`). */
  readonly cutCells: number;
}

/** Limits on what goes back to the model. */
export interface ResultLimits {
  readonly rowLimit: number;
  readonly maxBytes: number;
  /** Bytes of one cell at most (see renderCell). */
  readonly maxCellBytes: number;
}

/** Cuts a result to the limits; the byte cap counts each row's JSON. */
export function tabulate(statement: string, result: ResultSet, limits: ResultLimits): TabularResult {
  const columns = result.columns.map((c) => ({ name: c.name, type: c.type }));
  const rows: Record<string, JsonCell>[] = [];
  let bytes = 0;
  let cutCells = 0;
  const cellCap = cellLimit(limits, columns.length);
  for (const row of result.rows) {
    if (rows.length >= limits.rowLimit) break;
    const obj: Record<string, JsonCell> = {};
    result.columns.forEach((c, i) => {
      const cell = renderCell(row[i], c.type === 'json', cellCap);
      if (cell.cut) cutCells++;
      obj[uniqueKey(obj, c.name)] = cell.value;
    });
    bytes += JSON.stringify(obj).length + 1;
    if (bytes > limits.maxBytes && rows.length > 0) break;
    rows.push(obj);
  }
  const total = result.rows.length;
  const truncated = rows.length < total || cutCells > 0;
  return { statement, columns, rows, returned: rows.length, total, truncated, cutCells };
}

/** The per-cell cap: the configured one, less where the columns of one row would pass the byte cap. */
function cellLimit(limits: ResultLimits, columns: number): number {
  return Math.max(64, Math.min(limits.maxCellBytes, Math.floor(limits.maxBytes / Math.max(1, columns))));
}

function uniqueKey(obj: Record<string, unknown>, name: string): string {
  if (!Object.hasOwn(obj, name)) return name;
  let n = 2;
  while (Object.hasOwn(obj, `${name}_${n}`)) n++;
  return `${name}_${n}`;
}

/**
 * The text the model reads: a markdown table for rows, a key/value block for a single wide row,
 * and a line saying when rows were left out (never a silently short answer).
 */
export function renderText(results: readonly TabularResult[]): string {
  return results
    .map((r) => {
      const head = results.length > 1 ? `-- ${oneLine(r.statement)}\n` : '';
      return head + renderOne(r);
    })
    .join('\n\n');
}

function renderOne(r: TabularResult): string {
  if (r.columns.length === 0) return 'OK (no result rows)';
  const names = r.rows.length > 0 ? Object.keys(r.rows[0]) : r.columns.map((c) => c.name);
  let body: string;
  if (r.rows.length === 0) body = `(0 rows; columns: ${names.join(', ')})`;
  else if (r.rows.length === 1 && names.length > 4)
    body = names.map((n) => `- **${n}**: ${cellText(r.rows[0][n])}`).join('\n');
  else {
    const lines = [`| ${names.map(escapeCell).join(' | ')} |`, `|${names.map(() => '---').join('|')}|`];
    for (const row of r.rows) lines.push(`| ${names.map((n) => escapeCell(cellText(row[n]))).join(' | ')} |`);
    body = lines.join('\n');
  }
  const count = r.truncated
    ? `\n\n${r.returned} of ${r.total} rows shown (truncated: raise row_limit or narrow the query with WHERE/LIMIT)`
    : r.rows.length > 0
      ? `\n\n${r.total} row${r.total === 1 ? '' : 's'}`
      : '';
  return body + count + cutNote(r);
}

/** Says that cells were cut, so a `…[truncated N bytes]` is not taken for the value. */
function cutNote(r: TabularResult): string {
  if (r.cutCells === 0) return '';
  return `\n\n${r.cutCells} cell${r.cutCells === 1 ? '' : 's'} cut to the per-cell size cap (…[truncated N bytes]): select substr(col, from, length) for the rest`;
}

function cellText(v: JsonCell | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function oneLine(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
