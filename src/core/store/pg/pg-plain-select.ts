import type * as Pg from 'pg';
import { pgIdent } from './pg-session.js';
import { type PgToken, pgTokens } from './pg-tokens.js';

/**
 * Recognises a query that only lists columns of one of skyql's own statement tables, nothing
 * computed and no filter but TRUE: `CREATE TABLE … AS SELECT *` over a provider table is rewritten
 * to exactly this (`SELECT "t"."a", … FROM "__skyql_1" AS "t" WHERE TRUE AND TRUE`). When the
 * columns are all of that table's, in order ({@link wholeScratchTable}), its rows are the query's
 * result, so selectInto copies from the table itself instead of running the query into a staging
 * copy first (a third of the statement's time, issue 15): the user's query is then not run at all.
 *
 * Names must be quoted (an unquoted `current_user` is a call); no call, operator, cast or literal
 * besides TRUE; anything else is not plain (undefined).
 */
export function plainScratchSelect(
  sql: string,
  scratchPrefix: string,
): { readonly table: string; readonly columns: readonly string[]; readonly star: boolean } | undefined {
  const used: string[] = [];
  let stars = 0;
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
    if (symbol('*')) return ++stars > 0;
    if (!name(t[i])) return false;
    const first = nameOf(t[i++]) as string;
    if (!symbol('.')) {
      used.push(first);
      return true;
    }
    if (symbol('*')) return ++stars > 0;
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
  return i === t.length ? { table, columns: used, star: stars > 0 } : undefined;
}

/**
 * The statement table whose rows are exactly `sql`'s result (see above), as `pg_temp."…"`, or
 * undefined: a plain query naming all of the table's columns in order, or only `*`.
 */
export async function wholeScratchTable(
  c: Pg.Client,
  sql: string,
  scratchPrefix: string,
): Promise<string | undefined> {
  const plain = plainScratchSelect(sql, scratchPrefix);
  if (plain === undefined || (plain.star && plain.columns.length > 0)) return undefined;
  const relation = `pg_temp.${pgIdent(plain.table)}`;
  const r = await c.query<{ name: string }>(
    'SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
    [relation],
  );
  if (r.rows.length === 0) return undefined;
  if (plain.star) return relation;
  const names = r.rows.map((row) => row.name);
  return names.length === plain.columns.length && names.every((n, k) => n === plain.columns[k])
    ? relation
    : undefined;
}
