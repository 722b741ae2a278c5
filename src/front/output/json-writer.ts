import type { ResultSet } from '../../base/result/result-set.js';
import { createRowEncoder } from './json-values.js';

/**
 * `json` output: one compact JSON array of row objects per statement, typed and in projection
 * order as described in {@link createRowEncoder} (StackQL sorts keys alphabetically and makes most
 * values strings). Ends with a newline, which StackQL omits, so statements and shell prompts do
 * not run together. An empty result is `[]`.
 */
export function formatJson(result: ResultSet): string {
  const encode = createRowEncoder(result.columns);
  const parts: string[] = new Array(result.rows.length);
  for (let r = 0; r < result.rows.length; r++) parts[r] = encode(result.rows[r]);
  return `[${parts.join(',')}]\n`;
}
