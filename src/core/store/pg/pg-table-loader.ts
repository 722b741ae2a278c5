import type { Cell, ResultColumn } from '../../../base/result/result-set.js';
import type { TableLoader } from '../table-loader.js';
import { fits } from './pg-copy.js';
import { PgSession, pgIdent } from './pg-session.js';
import { PG_TYPE } from './pg-types.js';

/** The column telling a row's branch until the table is complete; dropped at close. */
const BRANCH = '__skyql_branch';

/**
 * The PostgreSQL {@link TableLoader} for a statement's temporary table: each page goes in with one
 * COPY (taking the session's connection only for that page, so tables of one statement load side
 * by side), each row tagged with its branch in a hidden column; discarding a failed branch deletes
 * its rows by that tag, and close drops the column. Columns are typed from the response schema; a
 * value that does not fit (an int64 beyond bigint, text in a number field) turns its column to text
 * from then on (ALTER COLUMN … TYPE text keeps the rows already there), as SQLite would keep it.
 *
 * A page's COPY runs while the caller converts (and fetches) the next one: `append` waits only
 * for the previous page's COPY, so skyql and the server work side by side (PostgreSQL parsing
 * jsonb took as long as skyql's own work on a page; CREATE TABLE AS, issue 15). Every other call
 * waits for it too, so a branch counts as finished only once its rows are in; a COPY that failed
 * fails every later call, so the statement fails rather than keep a branch silently short.
 */
export class PgTableLoader implements TableLoader {
  private readonly types: ResultColumn['type'][];
  /** The last page's COPY, still running (its failure is kept: see the class comment). */
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly session: PgSession,
    private readonly target: string,
    private readonly columns: readonly ResultColumn[],
  ) {
    this.types = columns.map((c) => c.type);
  }

  static async open(
    session: PgSession,
    target: string,
    columns: readonly ResultColumn[],
  ): Promise<PgTableLoader> {
    const defs = [
      ...columns.map((c) => `${pgIdent(c.name)} ${PG_TYPE[c.type]}`),
      `${pgIdent(BRANCH)} integer`,
    ];
    await session.exclusive(async (c) => {
      await c.query(`DROP TABLE IF EXISTS ${target}`);
      await c.query(`CREATE TEMP TABLE ${target} (${defs.join(', ')})`);
    });
    return new PgTableLoader(session, target, columns);
  }

  async append(branch: number, rows: ReadonlyArray<readonly Cell[]>): Promise<void> {
    if (rows.length === 0) return;
    await this.pending;
    const widen = this.misfits(rows);
    const tagged = rows.map((r) => [...r, branch]);
    const copy = this.session.exclusive(async (c) => {
      for (const i of widen) {
        await c.query(`ALTER TABLE ${this.target} ALTER COLUMN ${pgIdent(this.columns[i].name)} TYPE text`);
        this.types[i] = 'text';
      }
      await PgSession.copyRows(c, this.target, tagged);
    });
    copy.catch(() => {}); // observed by the next call, which throws it
    this.pending = copy;
  }

  async finishBranch(_branch: number): Promise<void> {
    await this.pending;
  }

  async discardBranch(branch: number): Promise<void> {
    await this.pending;
    await this.session.exclusive((c) =>
      c.query(`DELETE FROM ${this.target} WHERE ${pgIdent(BRANCH)} = $1`, [branch]),
    );
  }

  async close(): Promise<void> {
    await this.pending;
    await this.session.exclusive((c) =>
      c.query(`ALTER TABLE ${this.target} DROP COLUMN IF EXISTS ${pgIdent(BRANCH)}`),
    );
  }

  /** Columns (by index) holding a value of this page their type cannot take. */
  private misfits(rows: ReadonlyArray<readonly Cell[]>): number[] {
    const out: number[] = [];
    this.types.forEach((type, i) => {
      if (type !== 'text' && rows.some((r) => !fits(type, r[i]))) out.push(i);
    });
    return out;
  }
}
