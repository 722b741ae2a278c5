import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';

/**
 * `jsonl` (alias `ndjson`) output: one compact JSON object per row, each followed by `\n`, typed
 * and in projection order like `json`. Streaming-friendly: {@link createJsonlRowFormatter} returns
 * a function formatting one row, so a caller can write and flush row by row. No rows, no output.
 */
export function createJsonlRowFormatter(columns: readonly ResultColumn[]): (row: readonly Cell[]) => string {
  const encode = createRowEncoder(columns);
  return (row) => `${encode(row)}\n`;
}

/** The whole jsonl text of a finished result. */
export function formatJsonl(result: ResultSet): string {
  const format = createJsonlRowFormatter(result.columns);
  const parts: string[] = new Array(result.rows.length);
  for (let r = 0; r < result.rows.length; r++) parts[r] = format(result.rows[r]);
  return parts.join('');
}
