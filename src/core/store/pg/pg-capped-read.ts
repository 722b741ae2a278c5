import type * as Pg from 'pg';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell, ResultColumn, ResultSet } from '../../../base/result/result-set.js';
import type { ResultAccount } from '../result-memory.js';
import { PgSession } from './pg-session.js';
import { PgWireGate } from './pg-wire-gate.js';

/** The first page is one row; later pages at most twice the last, and what the remaining budget holds of the largest row seen. */
const FIRST_PAGE = 1;
const MAX_PAGE = 5000;

/**
 * A query's rows through a cursor in small pages, counted as they arrive on the socket (the
 * connection's {@link PgWireGate}): RESULT_TOO_LARGE once they hold more than `maxBytes`, so a
 * huge result never sits whole in this process. Each page asks for as many rows as the remaining
 * budget holds at the largest row so far (and at most twice the last page), so the cap is passed by
 * a few rows, not a page; a page far over it (one huge cell) ends the connection as it arrives. The abort signal is
 * checked between pages: a cancel request sent while no FETCH runs would be ignored by the server.
 * With `account`, the rows are charged to the process's result memory as they arrive (the gate),
 * and pages ask for no more than it has free: SERVER_BUSY when they do not fit (the oldest statement
 * charging waits a while for the others to give memory back first, so some finish under contention).
 * Runs in the caller's (READ ONLY) transaction.
 */
export async function cappedRows(
  c: Pg.Client,
  sql: string,
  maxBytes: number,
  signal?: AbortSignal,
  account?: ResultAccount,
): Promise<ResultSet> {
  const gate = PgWireGate.of(c) ?? PgWireGate.install(c);
  // the extended protocol: the user text is one statement, never a script (injection.test.ts)
  await PgSession.command(c, `DECLARE skyql_capped NO SCROLL CURSOR FOR ${sql}`);
  const out: Cell[][] = [];
  let columns: ResultColumn[] | undefined;
  let size = FIRST_PAGE;
  gate.arm(maxBytes, 2 * maxBytes + (1 << 20), account);
  try {
    for (;;) {
      if (signal?.aborted) throw new SkyqlError('CANCELLED', 'statement cancelled');
      const page = await PgSession.rows(c, `FETCH FORWARD ${size} FROM skyql_capped`);
      // the process's result memory was spent: the oldest statement waits for the others to give some back
      if (account && gate.busy && gate.overCap() === gate.busy && account.oldest)
        if (await account.waitToCharge(gate.unpaid, signal)) gate.paid();
      const over = gate.overCap();
      if (over) throw over;
      columns ??= [...page.columns];
      for (const row of page.rows) out.push(row as Cell[]);
      if (page.rows.length < size) break;
      // as many of the largest rows so far as still fit (one more to see the cap passed), at most twice the last page
      const room = Math.min(maxBytes - gate.bytes, account?.free ?? Number.POSITIVE_INFINITY);
      size = Math.max(1, Math.min(MAX_PAGE, 2 * size, Math.floor(room / Math.max(gate.largest, 1)) + 1));
    }
  } finally {
    gate.disarm();
  }
  await c.query('CLOSE skyql_capped');
  return { columns: columns ?? [], rows: out };
}
