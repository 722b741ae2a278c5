import { SkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSink, sendResult } from '../../base/result/result-sink.js';
import type { QueryStream } from './read-query.js';
import type { LocalRead } from './sql-store.js';

/**
 * Runs user SQL as one read-only query (as {@link LocalRead}) and sends its rows to `sink` in
 * batches; resolves once the sink has had `end()`. Aborting `signal` stops it between batches.
 */
export type LocalStream = (sql: string, sink: ResultSink, signal?: AbortSignal) => Promise<void>;

/**
 * A {@link LocalStream} over a {@link LocalRead}: the whole result is read, then sent in batches.
 * Runner processes answer so (a result crosses the IPC channel as one message), as would any
 * reader that cannot step a query.
 */
export function bufferedStream(read: LocalRead): LocalStream {
  return async (sql, sink, signal) => sendResult(await read(sql, signal), sink);
}

/**
 * Sends a query's batches to `sink` as SQLite produces them, awaiting the sink between batches
 * and giving the event loop a turn (a Ctrl-C, a timer) after each; an abort stops before the next
 * batch (CANCELLED). The statement is released however it ends.
 */
export async function pipeQuery(query: QueryStream, sink: ResultSink, signal?: AbortSignal): Promise<void> {
  try {
    const out = sink(query.columns);
    for (const batch of query.batches) {
      if (signal?.aborted) throw new SkyqlError('CANCELLED', 'statement cancelled', { cause: signal.reason });
      await out.rows(batch);
      await new Promise<void>((turn) => setImmediate(turn));
    }
    await out.end();
  } finally {
    query.close();
  }
}
