import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';
import { ROWS_PER_CHUNK } from './json-writer.js';

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
  return [...jsonlChunks(result)].join('');
}

/** {@link formatJsonl}'s text in pieces of {@link ROWS_PER_CHUNK} rows. */
export function* jsonlChunks(result: ResultSet): Generator<string> {
  const format = createJsonlRowFormatter(result.columns);
  const { rows } = result;
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(rows.length, start + ROWS_PER_CHUNK);
    let text = '';
    for (let r = start; r < end; r++) text += format(rows[r]);
    yield text;
  }
}
