/**
 * Seeded sampling for tests that cover a large space by a sample: every run may pick another sample,
 * and a failure names its seed, so `SKYQL_TEST_SEED=<seed>` replays the same one.
 */

/** The seed of this run: SKYQL_TEST_SEED when set, else a fresh one. */
export function testSeed(): number {
  const given = process.env.SKYQL_TEST_SEED;
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new Error(`SKYQL_TEST_SEED must be an integer in [0, 2^32), got '${given}'`);
  return seed;
}

/** mulberry32: numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item of each group (by `key`), chosen with `random`; groups in order of first appearance. */
export function onePerGroup<T>(items: readonly T[], key: (item: T) => string, random: () => number): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].map((g) => g[Math.floor(random() * g.length)]);
}
