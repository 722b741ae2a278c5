import type * as Pg from 'pg';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell } from '../../../base/result/result-set.js';
import { assertSafePgSql } from './pg-guard.js';
import { PgSession } from './pg-session.js';
import { type PgToken, pgTokens } from './pg-tokens.js';

/**
 * `INSERT … ON CONFLICT …` on a local table with the PostgreSQL backend. The rows come from a
 * read-only query like every INSERT's; the ON CONFLICT clause is the one piece of user SQL that
 * runs with write access (it is part of the INSERT), so it may use columns, `EXCLUDED.col`,
 * constants, operators and a few plain functions, but may not call other functions (a function
 * can write) or read tables.
 */

/** Words that may stand before `(` in the clause: syntax (`ON CONFLICT (key)`, `SET (a, b)`) or plain functions. */
const ALLOWED_CALLS = new Set([
  'CONFLICT',
  'SET',
  'IN',
  'AND',
  'OR',
  'NOT',
  'WHERE',
  'ROW',
  'COALESCE',
  'GREATEST',
  'LEAST',
  'NULLIF',
  'NOW',
  'LOWER',
  'UPPER',
  'CONCAT',
  'TRIM',
  'LENGTH',
  'ABS',
  'ROUND',
]);

const HINT =
  'ON CONFLICT [(key)] DO NOTHING, or DO UPDATE SET col = EXCLUDED.col, … (columns, EXCLUDED.col, constants, operators, now(), coalesce())';

function refuse(what: string): SkyqlError {
  return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed in ON CONFLICT`, { hint: HINT });
}

const isName = (t: PgToken | undefined) => t?.kind === 'word' || t?.kind === 'quoted';

/** Refuses an ON CONFLICT clause that could do more than decide and set values. Throws FORBIDDEN_SQL. */
export function assertConflictClause(clause: string): void {
  assertSafePgSql(clause);
  const tokens = pgTokens(clause);
  tokens.forEach((t, i) => {
    if (t.kind === 'symbol' && t.value === ';') throw refuse('a second statement');
    if (t.kind === 'word' && (t.value === 'SELECT' || t.value === 'TABLE' || t.value === 'VALUES'))
      throw refuse(`a subquery (${t.value})`);
    if (
      (t.kind === 'word' || t.kind === 'quoted') &&
      tokens[i + 1]?.value === '(' &&
      !ALLOWED_CALLS.has(t.value)
    )
      throw refuse(`the function ${clause.slice(t.start, t.end)}()`);
    // `(x).f`, `(x)[1].f`, `a.b.f` call f (PostgreSQL's attribute notation): only `EXCLUDED.col`
    // and `t.col` name a column
    if (
      t.kind === 'symbol' &&
      t.value === '.' &&
      isName(tokens[i + 1]) &&
      !(isName(tokens[i - 1]) && tokens[i - 2]?.value !== '.')
    )
      throw refuse(`the field call .${clause.slice(tokens[i + 1].start, tokens[i + 1].end)}`);
  });
}

/**
 * Inserts `rows` into `target` (a quoted, qualified name; `list` its column list or '') with the
 * ON CONFLICT clause, in one transaction: the rows go by COPY into a temporary table shaped like
 * the target's columns, then one INSERT … SELECT applies the clause. The number inserted or updated.
 */
export function upsertRows(
  session: PgSession,
  target: string,
  list: string,
  rows: ReadonlyArray<readonly Cell[]>,
  clause: string,
  stage: string,
): Promise<number> {
  assertConflictClause(clause);
  const columns = list === '' ? '*' : list.slice(2, -1);
  return session.transaction(async (c: Pg.Client) => {
    await c.query(
      `CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${columns} FROM ${target} WITH NO DATA`,
    );
    await PgSession.copyRows(c, stage, rows);
    // the clause by the extended protocol: one statement, whatever it hides
    return PgSession.command(c, `INSERT INTO ${target}${list} SELECT * FROM ${stage} ${clause}`);
  });
}
