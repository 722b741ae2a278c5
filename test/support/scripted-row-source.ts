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

/** Zone URL prefix of {@link scriptedInstances} rows. */
export const ZONE_URL = 'https://www.googleapis.com/compute/v1/projects/p/zones';

/**
 * Compute instances as Google returns them: `zone` is a URL in every method's response; `list`
 * answers one instance in the zone asked for, the other methods one in each of two zones.
 */
export function scriptedInstances(): RowSource & { calls: string[] } {
  return scripted((m, p) =>
    (m.name === 'list' ? [String(p.get('zone'))] : ['us-east1-b', 'europe-west1-b']).map((z) => ({
      name: `vm-${z}`,
      zone: `${ZONE_URL}/${z}`,
    })),
  );
}
