/**
 * Runs `fn` over `items` with at most `limit` in flight (limit <= 0: unbounded), keeping result
 * order. The first failure rejects (after in-flight calls settle) unless `keepGoing` is set, in which
 * case failures are returned in place as `Error`s.
 *
 * A call may `release` its place before it ends: an API call whose last response has come releases
 * it so the next call goes out while this one's rows are still converted and stored. Each place
 * then holds at most two calls: one in flight and one finishing, which is awaited before the place
 * takes a third.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number, release: () => void) => Promise<R>,
  keepGoing = false,
): Promise<Array<R | Error>> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  let failure: unknown;
  const width = limit <= 0 ? items.length : Math.min(limit, items.length);
  const run = async (i: number, release: () => void): Promise<void> => {
    try {
      results[i] = await fn(items[i], i, release);
    } catch (err) {
      if (!keepGoing) failure ??= err;
      results[i] = err instanceof Error ? err : new Error(String(err));
    }
  };
  const place = async () => {
    let finishing: Promise<void> | undefined; // this place's released call
    while (next < items.length && failure === undefined) {
      const i = next++;
      let release!: () => void;
      const released = new Promise<boolean>((resolve) => (release = () => resolve(true)));
      const done = run(i, release);
      const early = await Promise.race([done.then(() => false), released]);
      await finishing;
      finishing = early ? done : undefined;
    }
    await finishing;
  };
  await Promise.all(Array.from({ length: width }, place));
  if (failure !== undefined) throw failure;
  return results;
}
