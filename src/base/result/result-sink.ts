import type { Cell, ResultColumn, ResultSet } from './result-set.js';

/**
 * Where a streamed result goes (`skyql exec`): a query's rows are handed over in batches while
 * the store produces them, so a large result is never held whole. A sink is opened with the
 * columns once they are known (before the first batch), gets every batch in order, and `end()`
 * after the last one; a query that fails part-way never calls `end()`. A method may return a
 * promise (the writer waits for its output to drain); the producer awaits it before the next batch.
 */
export type ResultSink = (columns: readonly ResultColumn[]) => ResultStream;

/** One open streamed result; see {@link ResultSink}. */
export interface ResultStream {
  rows(batch: ReadonlyArray<readonly Cell[]>): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Rows per batch of a streamed result: large enough to amortise a write, small enough to stay flat. */
export const ROWS_PER_BATCH = 1000;

/** Sends a finished result to a sink in batches of {@link ROWS_PER_BATCH} rows. */
export async function sendResult(result: ResultSet, sink: ResultSink): Promise<void> {
  const out = sink(result.columns);
  const { rows } = result;
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH)
    await out.rows(rows.length <= ROWS_PER_BATCH ? rows : rows.slice(start, start + ROWS_PER_BATCH));
  await out.end();
}
