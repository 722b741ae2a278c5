import type BetterSqlite3 from 'better-sqlite3';
import type { Cell, ResultColumn } from '../../base/result/result-set.js';
import { localSqlError } from './read-query.js';
import { createTableSql, quoteIdent, toSql } from './sqlite-schema.js';
import type { TableLoader } from './table-loader.js';

/** Bound values per INSERT at most: more rows per statement stop paying off (measured: 2x for 2 columns, none for 40). */
const VALUES_PER_INSERT = 1000;
/** Rows per INSERT at most. */
const ROWS_PER_INSERT = 100;

/**
 * The SQLite {@link TableLoader}: rows go in as transactions of multi-row INSERTs, through
 * prepared statements kept for the loader's life (one per batch size). A page of a full batch or
 * more is its own transaction; smaller pages (a fan-out of calls returning a few rows each) wait in
 * a buffer of less than one batch, written together once it fills or the table closes: a
 * transaction per 3-row page cost ~35 µs each, on the fan-out's critical path (P3, issue 13).
 * A branch's rows are remembered as rowid ranges (rowids of one INSERT transaction are
 * consecutive: the table has no other writer), so discarding a failed branch deletes exactly its
 * rows — or drops them from the buffer — and memory stays one pair of numbers per write.
 */
export class SqliteTableLoader implements TableLoader {
  private readonly width: number;
  private readonly batch: number;
  private readonly statements = new Map<number, BetterSqlite3.Statement>();
  /** Rowid ranges [first, last] written per open branch. */
  private readonly ranges = new Map<number, Array<[number, number]>>();
  /** Branches appended to and neither finished nor discarded. */
  private readonly open = new Set<number>();
  /** Rows of small pages not written yet (fewer than a batch), and each one's branch. */
  private pending: Array<readonly Cell[]> = [];
  private pendingBranches: number[] = [];
  private readonly insertPage: (rows: ReadonlyArray<readonly Cell[]>) => number;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly table: string,
    columns: readonly ResultColumn[],
  ) {
    this.width = Math.max(1, columns.length);
    this.batch = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(VALUES_PER_INSERT / this.width)));
    try {
      db.transaction(() => {
        db.prepare(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).run();
        db.prepare(createTableSql(table, columns)).run();
      })();
    } catch (err) {
      throw localSqlError(err); // e.g. two columns of one name
    }
    const empty = columns.length === 0;
    this.insertPage = db.transaction((rows: ReadonlyArray<readonly Cell[]>) => {
      let last = 0;
      for (let i = 0; i < rows.length; i += this.batch) {
        const n = Math.min(this.batch, rows.length - i);
        const values: unknown[] = new Array(n * this.width);
        let k = 0;
        for (let r = i; r < i + n; r++) {
          if (empty) values[k++] = null;
          else for (const v of rows[r]) values[k++] = toSql(v);
        }
        last = Number(this.statement(n).run(values).lastInsertRowid);
      }
      return last;
    });
  }

  /** The INSERT of `n` rows, prepared once. */
  private statement(n: number): BetterSqlite3.Statement {
    let stmt = this.statements.get(n);
    if (!stmt) {
      const row = `(${new Array(this.width).fill('?').join(', ')})`;
      stmt = this.db.prepare(
        `INSERT INTO ${quoteIdent(this.table)} VALUES ${new Array(n).fill(row).join(', ')}`,
      );
      this.statements.set(n, stmt);
    }
    return stmt;
  }

  /** Statements prepared so far (tests: they are reused, not prepared per page). */
  get preparedCount(): number {
    return this.statements.size;
  }

  append(branch: number, rows: ReadonlyArray<readonly Cell[]>): void {
    if (rows.length === 0) return;
    this.open.add(branch);
    if (rows.length >= this.batch) {
      this.flush();
      this.write(rows, () => branch);
      return;
    }
    for (const row of rows) {
      this.pending.push(row);
      this.pendingBranches.push(branch);
    }
    if (this.pending.length >= this.batch) this.flush();
  }

  /** Writes the buffered rows of small pages. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    const branches = this.pendingBranches;
    this.pending = [];
    this.pendingBranches = [];
    this.write(rows, (i) => branches[i]);
  }

  /** Inserts `rows` in one transaction and records the rowids of each open branch's rows. */
  private write(rows: ReadonlyArray<readonly Cell[]>, branchOf: (i: number) => number): void {
    let last: number;
    try {
      last = this.insertPage(rows);
    } catch (err) {
      throw localSqlError(err);
    }
    const first = last - rows.length + 1;
    for (let i = 0; i < rows.length; ) {
      const branch = branchOf(i);
      let j = i + 1;
      while (j < rows.length && branchOf(j) === branch) j++;
      if (this.open.has(branch)) this.addRange(branch, first + i, first + j - 1);
      i = j;
    }
  }

  private addRange(branch: number, first: number, last: number): void {
    const list = this.ranges.get(branch);
    const prev = list?.[list.length - 1];
    if (prev && prev[1] + 1 === first) prev[1] = last;
    else if (list) list.push([first, last]);
    else this.ranges.set(branch, [[first, last]]);
  }

  finishBranch(branch: number): void {
    this.open.delete(branch);
    this.ranges.delete(branch);
  }

  discardBranch(branch: number): void {
    this.open.delete(branch);
    if (this.pendingBranches.includes(branch)) {
      const keep = this.pendingBranches.map((b) => b !== branch);
      this.pending = this.pending.filter((_, i) => keep[i]);
      this.pendingBranches = this.pendingBranches.filter((_, i) => keep[i]);
    }
    const list = this.ranges.get(branch);
    this.ranges.delete(branch);
    if (!list) return;
    const del = this.db.prepare(`DELETE FROM ${quoteIdent(this.table)} WHERE rowid BETWEEN ? AND ?`);
    this.db.transaction(() => {
      for (const [a, b] of list) del.run(a, b);
    })();
  }

  close(): void {
    this.flush();
    this.statements.clear();
    this.ranges.clear();
  }
}
