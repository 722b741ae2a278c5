import type * as Pg from 'pg';
import { PgSession, pgIdent } from './pg-session.js';

/**
 * The staging table of PgStore.selectInto, made so that the user's query never runs, is never
 * planned and is never sent as a script outside a READ ONLY transaction: its result's shape is read
 * in a READ ONLY transaction (`… LIMIT 0`, the extended protocol), the temporary table is created
 * from that shape by a statement holding no user text, and the rows go in by an INSERT in another
 * READ ONLY transaction (a read-only transaction may write temporary tables only).
 */

/** PostgreSQL's `unknown` type (an untyped literal): staged as text, as CREATE TABLE … AS does. */
const UNKNOWN_OID = 705;
const TEXT_OID = 25;

/**
 * Creates the temporary table `stage` shaped like the result of `sql` (already guarded): named as
 * the query names its columns, or `c1`, `c2`… when `positional` (rows appended by position, and
 * `SELECT 1, 'a'` names both `?column?`). The query itself is only described, in READ ONLY.
 */
export async function createStage(
  c: Pg.Client,
  stage: string,
  sql: string,
  positional: boolean,
): Promise<void> {
  const probe = await PgSession.within(
    c,
    () =>
      c.query({
        text: `SELECT * FROM (${sql}) AS q LIMIT 0`,
        rowMode: 'array',
        queryMode: 'extended',
      } as Pg.QueryArrayConfig),
    true,
  );
  const oids = probe.fields.map((f) => (f.dataTypeID === UNKNOWN_OID ? TEXT_OID : f.dataTypeID));
  const mods = probe.fields.map((f) => f.dataTypeModifier);
  const types = (
    await PgSession.rows(
      c,
      'SELECT format_type(t, m) FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS x(t, m, n) ORDER BY n',
      [oids, mods],
    )
  ).rows.map((r) => String(r[0]));
  const defs = probe.fields.map((f, i) => `${pgIdent(positional ? `c${i + 1}` : f.name)} ${types[i]}`);
  await PgSession.command(c, `CREATE TEMP TABLE ${stage} (${defs.join(', ')})`);
}

/** Runs `sql` (already guarded) into `stage` in a READ ONLY transaction; the number of rows. */
export function fillStage(c: Pg.Client, stage: string, sql: string): Promise<number> {
  return PgSession.within(
    c,
    () => PgSession.command(c, `INSERT INTO ${stage} SELECT * FROM (${sql}) AS q`),
    true,
  );
}
