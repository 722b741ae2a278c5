import type { Cell, ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';
import { type TextStream, wholeText } from './text-stream.js';

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
  return wholeText(jsonlStream(result.columns), result);
}

/** {@link formatJsonl}'s text batch by batch. */
export function jsonlStream(columns: readonly ResultColumn[]): TextStream {
  const format = createJsonlRowFormatter(columns);
  return {
    rows(batch) {
      const out: string[] = new Array(batch.length);
      for (let r = 0; r < batch.length; r++) out[r] = format(batch[r]);
      return out;
    },
    end: () => '',
  };
}
