import type { ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';

/**
 * `json` output: one compact JSON array of row objects per statement, typed and in projection
 * order as described in {@link createRowEncoder} (StackQL sorts keys alphabetically and makes most
 * values strings). Ends with a newline, which StackQL omits, so statements and shell prompts do
 * not run together. An empty result is `[]`.
 */
export function formatJson(result: ResultSet): string {
  return [...jsonChunks(result)].join('');
}

/** Rows per piece of {@link jsonChunks}. */
export const ROWS_PER_CHUNK = 1000;

/**
 * {@link formatJson}'s text in pieces of {@link ROWS_PER_CHUNK} rows, so a large result is written
 * without ever being one string (100,000 instances are ~250 MB of JSON).
 */
export function* jsonChunks(result: ResultSet): Generator<string> {
  const encode = createRowEncoder(result.columns);
  const { rows } = result;
  if (rows.length === 0) {
    yield '[]\n';
    return;
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(rows.length, start + ROWS_PER_CHUNK);
    const parts: string[] = new Array(end - start);
    for (let r = start; r < end; r++) parts[r - start] = encode(rows[r]);
    yield `${start === 0 ? '[' : ','}${parts.join(',')}${end === rows.length ? ']\n' : ''}`;
  }
}
