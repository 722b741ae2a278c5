/**
 * Runs `fn` over `items` with at most `limit` in flight (limit <= 0: unbounded), keeping result
 * order. The first failure rejects (after in-flight calls settle) unless `keepGoing` is set, in which
 * case failures are returned in place as `Error`s.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  keepGoing = false,
): Promise<Array<R | Error>> {
  const results = new Array<R | Error>(items.length);
  let next = 0;
  let failure: unknown;
  const width = limit <= 0 ? items.length : Math.min(limit, items.length);
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (err) {
        if (!keepGoing) failure ??= err;
        results[i] = err instanceof Error ? err : new Error(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== undefined) throw failure;
  return results;
}
