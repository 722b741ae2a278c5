import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { cellText, isGoSpace } from './cell-text.js';
import { lineStream, type TextStream, wholeText } from './text-stream.js';

/** Options of the csv writer. */
export interface CsvOptions {
  /** `-H`: leave out the header row. */
  readonly hideHeaders?: boolean;
  /** `-d`: the field delimiter; its first character is used. Default `,`. */
  readonly delimiter?: string;
}

/**
 * `csv` output as StackQL writes it with Go's encoding/csv: a header row (unless hidden), then one
 * record per row, `\n` line ends. A field is quoted — with inner quotes doubled, `\r` and `\n` kept
 * as they are — when Go's fieldNeedsQuotes says so: it is `\.`, contains the delimiter, a quote,
 * `\r` or `\n`, or begins with a space character; an empty field is never quoted. Cells are encoded
 * as for the table (NULL as `null`, JSON cells as compact JSON text).
 */
export function formatCsv(result: ResultSet, options: CsvOptions = {}): string {
  return wholeText(csvStream(result.columns, options), result);
}

/** {@link formatCsv} batch by batch; a bad delimiter throws here, before anything is written. */
export function csvStream(columns: readonly ResultColumn[], options: CsvOptions = {}): TextStream {
  const comma = csvDelimiter(options.delimiter);
  const names = columns.map((c) => c.name);
  const n = columns.length;
  const fields: string[] = new Array(n);
  return lineStream(options.hideHeaders ? undefined : csvRecord(names, comma), (row) => {
    for (let c = 0; c < n; c++) fields[c] = csvField(cellText(row[c]), comma);
    return fields.join(comma);
  });
}

/** One CSV record (no line end). */
function csvRecord(fields: readonly string[], comma: string): string {
  const out: string[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) out[i] = csvField(fields[i], comma);
  return out.join(comma);
}

function csvField(f: string, comma: string): string {
  if (!fieldNeedsQuotes(f, comma)) return f;
  return `"${f.includes('"') ? f.replaceAll('"', '""') : f}"`;
}

/** Go's csv.Writer.fieldNeedsQuotes. */
export function fieldNeedsQuotes(field: string, comma: string): boolean {
  if (field === '') return false;
  if (field === '\\.') return true;
  if (comma.length === 1) {
    const d = comma.charCodeAt(0);
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 0x22 || c === 0x0a || c === 0x0d || c === d) return true;
    }
  } else if (field.includes(comma) || /["\r\n]/.test(field)) {
    return true;
  }
  return isGoSpace(field.charCodeAt(0));
}

/**
 * The delimiter to use: the first character of `-d` (default `,`); Go rejects `"`, `\r`, `\n`.
 * The two characters `\t` (what `-d '\t'` passes, as shells do not expand it) mean a tab.
 */
function csvDelimiter(delimiter: string | undefined): string {
  if (delimiter === undefined || delimiter === '') return ',';
  if (delimiter === '\\t') return '\t';
  const d = String.fromCodePoint(delimiter.codePointAt(0) as number);
  if (d === '"' || d === '\r' || d === '\n' || d === '\0' || d === '\ufffd') {
    throw new SkyqlError('BAD_FLAG', `invalid csv delimiter ${JSON.stringify(d)}`, {
      hint: "use a delimiter other than a quote or line break, e.g. -d ';'",
    });
  }
  return d;
}
