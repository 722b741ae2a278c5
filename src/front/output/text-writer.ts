import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { cellText } from './cell-text.js';
import { lineStream, type TextStream, wholeText } from './text-stream.js';

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
  return wholeText(textStream(result.columns, options), result);
}

/** {@link formatText} batch by batch. */
export function textStream(columns: readonly ResultColumn[], options: TextOptions = {}): TextStream {
  return joinedLines(columns, options, cellText);
}

/** Shared by text and pptext: header plus one `,`-joined line per row, each cell through `encode`. */
export function joinedLines(
  columns: readonly ResultColumn[],
  options: TextOptions,
  encode: (cell: Cell | undefined) => string,
): TextStream {
  const n = columns.length;
  const fields: string[] = new Array(n);
  return lineStream(options.hideHeaders ? undefined : columns.map((c) => c.name).join(','), (row) => {
    for (let c = 0; c < n; c++) fields[c] = encode(row[c]);
    return fields.join(',');
  });
}
