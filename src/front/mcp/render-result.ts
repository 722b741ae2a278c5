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
  /** What cut the rows, when rows were cut: `row_limit` or the answer's `size_cap`. */
  readonly truncatedBy?: 'row_limit' | 'size_cap';
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
  let truncatedBy: TabularResult['truncatedBy'];
  for (const row of result.rows) {
    if (rows.length >= limits.rowLimit) {
      truncatedBy = 'row_limit';
      break;
    }
    const obj: Record<string, JsonCell> = {};
    result.columns.forEach((c, i) => {
      const cell = renderCell(row[i], c.type === 'json', cellCap);
      if (cell.cut) cutCells++;
      obj[uniqueKey(obj, c.name)] = cell.value;
    });
    bytes += Buffer.byteLength(JSON.stringify(obj)) + 1;
    if (bytes > limits.maxBytes && rows.length > 0) {
      truncatedBy = 'size_cap';
      break;
    }
    rows.push(obj);
  }
  const total = result.rows.length;
  const rowsCut = rows.length < total;
  return {
    statement,
    columns,
    rows,
    returned: rows.length,
    total,
    truncated: rowsCut || cutCells > 0,
    cutCells,
    ...(rowsCut ? { truncatedBy } : {}),
  };
}

/** The per-cell cap: the configured one, less where the columns of one row would pass the byte cap. */
function cellLimit(limits: ResultLimits, columns: number): number {
  return Math.max(64, Math.min(limits.maxCellBytes, Math.floor(limits.maxBytes / Math.max(1, columns))));
}

/**
 * Cuts rows until the whole answer — the text the model reads plus the same rows in
 * structuredContent — fits `maxBytes` (a result keeps at least one row). Returns the results and
 * their text (`suffix` appended: the run's notes).
 */
export function fitAnswer(
  results: readonly TabularResult[],
  maxBytes: number,
  suffix = '',
): { results: TabularResult[]; text: string } {
  const current = [...results];
  for (;;) {
    const text = renderText(current, maxBytes) + suffix;
    const size = Buffer.byteLength(text) + Buffer.byteLength(JSON.stringify(current));
    const k = current.reduce((best, r, i) => (r.rows.length > current[best].rows.length ? i : best), 0);
    const biggest = current[k];
    if (size <= maxBytes || !biggest || biggest.rows.length <= 1) return { results: current, text };
    const keep = Math.max(1, Math.floor(biggest.rows.length * Math.min(0.9, maxBytes / size)));
    current[k] = {
      ...biggest,
      rows: biggest.rows.slice(0, keep),
      returned: keep,
      truncated: true,
      truncatedBy: 'size_cap',
    };
  }
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
export function renderText(
  results: readonly TabularResult[],
  maxBytes: number = DEFAULT_MAX_RESULT_BYTES,
): string {
  return results
    .map((r) => {
      const head = results.length > 1 ? `-- ${oneLine(r.statement)}\n` : '';
      return head + renderOne(r, maxBytes);
    })
    .join('\n\n');
}

/** Why rows were left out, and what helps: row_limit, or for the size cap fewer columns or rows. */
function cutReason(r: TabularResult, maxBytes: number): string {
  if (r.truncatedBy === 'size_cap')
    return `truncated: the answer reached its size cap of ${sizeText(maxBytes)} (limits.maxBytes of --mcp.config); select fewer or narrower columns, or narrow the query with WHERE/LIMIT — a larger row_limit does not help`;
  return 'truncated: raise row_limit or narrow the query with WHERE/LIMIT';
}

function sizeText(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function renderOne(r: TabularResult, maxBytes: number): string {
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
  const count =
    r.returned < r.total
      ? `\n\n${r.returned} of ${r.total} rows shown (${cutReason(r, maxBytes)})`
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
