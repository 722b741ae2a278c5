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

/**
 * Cells per batch of a result streamed from the store, at most: a wide row is many strings, and a
 * batch is alive while it is written, so 1,000 rows of 40 columns (~2.7 MB) made each young-generation
 * collection copy it — most of P2w's read time (issue 13). 4,000 cells are 100 such rows.
 */
export const CELLS_PER_BATCH = 4000;

/** Rows per streamed batch for `width` columns: {@link CELLS_PER_BATCH} cells, 1 to `maxRows` rows. */
export function batchRows(width: number, maxRows = ROWS_PER_BATCH): number {
  return Math.max(1, Math.min(maxRows, Math.floor(CELLS_PER_BATCH / Math.max(1, width))));
}

/** Sends a finished result to a sink in batches of {@link ROWS_PER_BATCH} rows. */
export async function sendResult(result: ResultSet, sink: ResultSink): Promise<void> {
  const out = sink(result.columns);
  const { rows } = result;
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH)
    await out.rows(rows.length <= ROWS_PER_BATCH ? rows : rows.slice(start, start + ROWS_PER_BATCH));
  await out.end();
}
