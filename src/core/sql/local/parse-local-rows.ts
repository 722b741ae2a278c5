import type { SqlDialect } from '../dialect.js';
import type { TokenWalker } from '../select/token-walker.js';
import type { DeleteRowsStatement, InsertRowsStatement, UpdateRowsStatement } from './local-statement.js';
import { bad, clauseAt, conflictAt, dottedName, textOf, unsupported } from './local-syntax.js';

const QUERY_VERBS = new Set(['SELECT', 'WITH', 'VALUES']);
const RETURNING = new Set(['RETURNING']);
const FILTER = new Set(['WHERE', 'ORDER', 'LIMIT', 'RETURNING']);
const AFTER_SET = new Set(['FROM', ...FILTER]);

function refuseReturning(w: TokenWalker, lo: number): void {
  if (clauseAt(w, lo, RETURNING) < w.length)
    throw unsupported('RETURNING', 'run a SELECT on the table after the change');
}

/** The alias between a table name and `end` (`t AS a`, `t a`; not INDEXED BY / NOT INDEXED). */
function aliasOf(w: TokenWalker, i: number, end: number): string | undefined {
  if (w.word(i) === 'AS' && i + 1 < end) return w.name(i + 1);
  if (i < end && w.isName(i) && w.word(i) !== 'INDEXED' && w.word(i) !== 'NOT') return w.name(i);
  return undefined;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `INSERT|REPLACE [OR c] INTO t [(cols)] <query> | DEFAULT VALUES`; undefined for a provider table. */
export function parseInsertRows(
  w: TokenWalker,
  text: string,
  verb: 'INSERT' | 'REPLACE',
  dialect: SqlDialect = 'sqlite',
): InsertRowsStatement | undefined {
  const { conflict, after: i } = conflictAt(w, 1);
  const { parts, after } = dottedName(w, w.word(i) === 'INTO' ? i + 1 : i);
  if (parts.length !== 1 && parts.length !== 2) return undefined;
  let j = after;
  if (w.word(j) === 'AS' && w.isName(j + 1)) j += 2;
  let columns: string[] | undefined;
  if (w.is(j, '(')) {
    const close = w.match[j];
    columns = [];
    for (let k = j + 1; k < close; k += 2) {
      if (!w.isName(k) || !(w.is(k + 1, ',') || k + 1 === close))
        throw bad(text, 'a list of column names', HINT);
      columns.push(w.name(k));
    }
    j = close + 1;
  }
  const base = {
    kind: 'localTable' as const,
    verb: 'INSERT' as const,
    ...tableOf(parts),
    text,
    conflict: conflict ?? (verb === 'REPLACE' ? ('REPLACE' as const) : undefined),
    columns,
  };
  if (w.word(j) === 'DEFAULT' && w.word(j + 1) === 'VALUES') {
    refuseReturning(w, j);
    if (j + 2 < w.length) throw bad(text, 'the end of the statement after DEFAULT VALUES', HINT);
    return base;
  }
  if (!QUERY_VERBS.has(w.word(j))) throw bad(text, 'VALUES, SELECT or DEFAULT VALUES', HINT);
  refuseReturning(w, j);
  const on = w.topLevel(j, w.length, (k) => w.word(k) === 'ON' && w.word(k + 1) === 'CONFLICT')[0];
  if (on === undefined) return { ...base, query: textOf(w, text, j, w.length) };
  if (dialect !== 'postgres')
    throw unsupported(
      'ON CONFLICT',
      'use INSERT OR REPLACE or INSERT OR IGNORE (SQLite, the default backend)',
    );
  if (base.conflict !== undefined)
    throw bad(
      text,
      'either INSERT OR … or ON CONFLICT, not both',
      'INSERT INTO t … ON CONFLICT (key) DO NOTHING',
    );
  return { ...base, query: textOf(w, text, j, on), onConflict: textOf(w, text, on, w.length) };
}

/** A one- or two-part (schema.table: PostgreSQL backend) local table name. */
export function tableOf(parts: readonly string[]): { table: string; schema?: string } {
  return parts.length === 2 ? { table: parts[1], schema: parts[0] } : { table: parts[0] };
}

const HINT = "INSERT INTO t (a, b) VALUES (1, 'x') or INSERT INTO t SELECT ...";

/** `UPDATE [OR c] t [[AS] a] SET col = expr, … [FROM …] [WHERE …] [ORDER BY …] [LIMIT …]`. */
export function parseUpdateRows(w: TokenWalker, text: string): UpdateRowsStatement | undefined {
  const { conflict, after: i } = conflictAt(w, 1);
  const { parts, after } = dottedName(w, i);
  if (parts.length !== 1 && parts.length !== 2) return undefined;
  const hint = 'UPDATE t SET col = value [, …] [WHERE …]';
  const setAt = clauseAt(w, after, new Set(['SET']));
  if (setAt >= w.length) throw bad(text, 'SET', hint);
  refuseReturning(w, setAt);
  const end = clauseAt(w, setAt + 1, AFTER_SET);
  const commas = w.topLevel(setAt + 1, end, (k) => w.is(k, ','));
  const set: Array<{ column: string; value: string }> = [];
  let lo = setAt + 1;
  for (const hi of [...commas, end]) {
    if (w.is(lo, '(')) throw unsupported('SET (a, b) = …', 'set each column: SET a = …, b = …');
    if (!w.isName(lo) || !w.is(lo + 1, '=') || hi <= lo + 2) throw bad(text, 'col = value after SET', hint);
    set.push({ column: w.name(lo), value: textOf(w, text, lo + 2, hi) });
    lo = hi + 1;
  }
  const filterAt = w.word(end) === 'FROM' ? clauseAt(w, end + 1, FILTER) : end;
  return {
    kind: 'localTable',
    verb: 'UPDATE',
    ...tableOf(parts),
    text,
    conflict,
    target: textOf(w, text, i, setAt),
    qualifier: quote(aliasOf(w, after, setAt) ?? parts[parts.length - 1]),
    set,
    from: filterAt > end ? textOf(w, text, end + 1, filterAt) : undefined,
    filter: textOf(w, text, filterAt, w.length),
  };
}

/** `DELETE FROM t [[AS] a] [WHERE …] [ORDER BY …] [LIMIT …]`. */
export function parseDeleteRows(w: TokenWalker, text: string): DeleteRowsStatement | undefined {
  const i = w.word(1) === 'FROM' ? 2 : 1;
  const { parts, after } = dottedName(w, i);
  if (parts.length !== 1 && parts.length !== 2) return undefined;
  refuseReturning(w, after);
  const filterAt = clauseAt(w, after, FILTER);
  return {
    kind: 'localTable',
    verb: 'DELETE',
    ...tableOf(parts),
    text,
    target: textOf(w, text, i, filterAt),
    qualifier: quote(aliasOf(w, after, filterAt) ?? parts[parts.length - 1]),
    filter: textOf(w, text, filterAt, w.length),
  };
}
