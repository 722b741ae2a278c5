import type { Cell } from '../../base/result/result-set.js';

/**
 * Fills one materialised table page by page while its calls run (issue 13): a fetch step opens it
 * from the store (`openLoader(table, columns)`), appends each page of each branch (one call of a
 * fan-out) as it comes, and says for every branch whether it finished or failed, so a branch that
 * failed half-way leaves no rows. Branches interleave; a branch's pages come in order.
 *
 * Every method may be asynchronous (a PostgreSQL store loads through COPY) and callers always
 * await them; the SQLite store's loader works synchronously.
 */
export interface TableLoader {
  /** Appends one page of `branch`'s rows, cells in the order of the loader's columns. */
  append(branch: number, rows: ReadonlyArray<readonly Cell[]>): void | Promise<void>;
  /** The branch's call completed: its rows stay. */
  finishBranch(branch: number): void | Promise<void>;
  /** The branch's call failed: every row appended for it is removed. */
  discardBranch(branch: number): void | Promise<void>;
  /** No more rows: the table holds the rows of the finished branches. Called once, also after a failure. */
  close(): void | Promise<void>;
}
