import type { Method } from '../../src/core/catalog/model/catalog-types.js';
import type { ApiRow, RowSource } from '../../src/core/execute/row-source.js';
import type { Literal } from '../../src/core/sql/select/select-model.js';

/** A RowSource answering from a function and recording every call as `method(k=v,…)` (keys sorted). */
export function scripted(
  answer: (m: Method, p: ReadonlyMap<string, Literal>) => ApiRow[],
): RowSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetch(m, p) {
      const args = [...p].map(([k, v]) => `${k}=${v}`).sort();
      calls.push(`${m.name}(${args.join(',')})`);
      return answer(m, p);
    },
  };
}
