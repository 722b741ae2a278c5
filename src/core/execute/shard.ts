import { SkyqlError } from '../../base/errors/skyql-error.js';
import { nodeCrypto } from '../../base/util/lazy-crypto.js';
import type { FetchStep } from '../plan/order-bindings.js';

/**
 * `--shard K/N`: this process makes only the calls of one fan-out whose branch key hashes to K
 * modulo N, so N processes (on N machines) together make every call exactly once. Every other
 * table of the statement is fetched whole by each process: the union of the N results is the
 * result one process would give (for row-producing statements; aggregates are per shard).
 */
export interface Shard {
  /** K, from 0. */
  readonly index: number;
  /** N, at least 1. */
  readonly count: number;
}

/** Reads `K/N` (0 <= K < N); a bad value names the form expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index >= count)
    throw new SkyqlError('BAD_FLAG', `--shard ${JSON.stringify(text)} is not K/N with 0 <= K < N`, {
      hint: 'e.g. --shard 0/3, --shard 1/3 and --shard 2/3 on three processes',
    });
  return { index, count };
}

/**
 * The one table whose calls are split. The first dependent table (its calls are the per-project or
 * per-row fan-out of org-wide statements, and every process fetches its sources whole, so all
 * agree on its calls); without one, the independent table with the most IN-list calls (the first
 * of those). Chosen from the plan alone, so every process picks the same table.
 */
export function shardedStep(
  steps: readonly FetchStep[],
  plannedCalls: (step: FetchStep) => number,
): FetchStep | undefined {
  const dependent = steps.find((s) => s.joinParams.length > 0);
  if (dependent) return dependent;
  let best: FetchStep | undefined;
  let most = -1;
  for (const s of steps) {
    const calls = plannedCalls(s);
    if (calls > most) [best, most] = [s, calls];
  }
  return best;
}

/** The branch key: the call's parameter values, by name, in a stable text. */
export function branchKey(combo: ReadonlyMap<string, unknown>): string {
  const sorted = [...combo].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(sorted, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Whether this process makes the call: a hash of its branch key, modulo N, is K. */
export function inShard(combo: ReadonlyMap<string, unknown>, shard: Shard): boolean {
  if (shard.count === 1) return true;
  const digest = nodeCrypto().createHash('sha1').update(branchKey(combo)).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index;
}
