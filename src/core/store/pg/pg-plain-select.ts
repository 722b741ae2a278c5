import { type PgToken, pgTokens } from './pg-tokens.js';

/**
 * Recognises the one shape of query that may run with write access: columns of one of skyql's
 * own statement tables, nothing computed. `CREATE TABLE … AS SELECT *` over a provider table is
 * rewritten to exactly this (`SELECT "t"."a", … FROM "__skyql_1" AS "t" WHERE TRUE AND TRUE`),
 * and staging its rows through a read-only copy first cost a third of the statement (issue 15).
 *
 * Nothing in it can call code: no function call, operator, cast or literal besides TRUE, names
 * only quoted (an unquoted `current_user` is a call), and the only table is a temporary one skyql
 * created (`pg_temp` comes first in PostgreSQL's name lookup, and user SQL cannot change the
 * search path). Returns that table and the column names used, which the caller must find among
 * the table's columns (PostgreSQL reads `t.f` as the call `f(t)` when t has no column f); anything
 * else is not plain (undefined), and runs read-only.
 */
export function plainScratchSelect(
  sql: string,
  scratchPrefix: string,
): { readonly table: string; readonly columns: readonly string[] } | undefined {
  const used: string[] = [];
  const t = pgTokens(sql);
  let i = 0;
  const word = (w: string) => t[i]?.kind === 'word' && t[i].value === w && ++i > 0;
  const symbol = (s: string) => t[i]?.kind === 'symbol' && t[i].value === s && ++i > 0;
  /** A plain `"quoted"` name (not U&"…"), as PostgreSQL reads it. */
  const nameOf = (tok: PgToken | undefined) =>
    tok?.kind === 'quoted' && sql[tok.start] === '"'
      ? sql.slice(tok.start + 1, tok.end - 1).replaceAll('""', '"')
      : undefined;
  const name = (tok: PgToken | undefined) => nameOf(tok) !== undefined;
  /** `name`, `name.name`, `name.*` or `*` */
  const column = () => {
    if (symbol('*')) return true;
    if (!name(t[i])) return false;
    const first = nameOf(t[i++]) as string;
    if (!symbol('.')) {
      used.push(first);
      return true;
    }
    if (symbol('*')) return true;
    if (!name(t[i])) return false;
    used.push(nameOf(t[i++]) as string);
    return true;
  };
  if (!word('SELECT')) return undefined;
  do if (!column()) return undefined;
  while (symbol(','));
  if (!word('FROM')) return undefined;
  if (t[i]?.kind === 'word' && t[i].value === 'PG_TEMP' && t[i + 1]?.value === '.') i += 2;
  const table = nameOf(t[i]);
  if (table === undefined || !table.startsWith(scratchPrefix)) return undefined;
  i++;
  if (word('AS')) {
    if (!name(t[i])) return undefined;
    i++;
  }
  if (word('WHERE')) {
    do if (!word('TRUE')) return undefined;
    while (word('AND'));
  }
  return i === t.length ? { table, columns: used } : undefined;
}
