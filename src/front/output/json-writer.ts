import type { ResultColumn, ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';
import { type TextStream, wholeText } from './text-stream.js';

/**
 * `json` output: one compact JSON array of row objects per statement, typed and in projection
 * order as described in {@link createRowEncoder} (StackQL sorts keys alphabetically and makes most
 * values strings). Ends with a newline, which StackQL omits, so statements and shell prompts do
 * not run together. An empty result is `[]`.
 */
export function formatJson(result: ResultSet): string {
  return wholeText(jsonStream(result.columns), result);
}

/**
 * {@link formatJson}'s text batch by batch (100,000 instances are ~250 MB of JSON, never one
 * string): `[` and the first batch's objects, `,` and each next batch's, then `]`.
 */
export function jsonStream(columns: readonly ResultColumn[]): TextStream {
  const encode = createRowEncoder(columns);
  let started = false;
  return {
    rows(batch) {
      if (batch.length === 0) return [];
      const out: string[] = new Array(batch.length);
      out[0] = (started ? ',' : '[') + encode(batch[0]);
      started = true;
      for (let r = 1; r < batch.length; r++) out[r] = `,${encode(batch[r])}`;
      return out;
    },
    end: () => (started ? ']\n' : '[]\n'),
  };
}
