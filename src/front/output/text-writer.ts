import type { Cell, ResultSet } from '../../base/result/result-set.js';
import { cellText } from './cell-text.js';

/** Options of the text writer. */
export interface TextOptions {
  /** `-H`: leave out the header line. */
  readonly hideHeaders?: boolean;
}

/**
 * `text` output as StackQL writes it: the column names joined by `,` (unless hidden), then each
 * row's cells joined by `,`, each line ending in `\n`. Nothing is quoted or escaped and the
 * delimiter is always `,` (`-d` only applies to csv), so cells holding commas or newlines make the
 * output ambiguous — use csv or json when that matters. Cells are encoded as for the table.
 */
export function formatText(result: ResultSet, options: TextOptions = {}): string {
  return joinLines(result, options, cellText);
}

/** Shared by text and pptext: header plus one `,`-joined line per row, each cell through `encode`. */
export function joinLines(
  result: ResultSet,
  options: TextOptions,
  encode: (cell: Cell | undefined) => string,
): string {
  const out: string[] = [];
  if (!options.hideHeaders) out.push(result.columns.map((c) => c.name).join(','));
  const n = result.columns.length;
  const fields: string[] = new Array(n);
  for (const row of result.rows) {
    for (let c = 0; c < n; c++) fields[c] = encode(row[c]);
    out.push(fields.join(','));
  }
  if (out.length === 0) return '';
  out.push('');
  return out.join('\n');
}
