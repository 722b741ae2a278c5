import type * as Pg from 'pg';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ExistingTable } from '../sql-store.js';
import { pgIdent } from './pg-session.js';

interface Column {
  readonly name: string;
  readonly type: string;
}

async function columnsOf(c: Pg.Client, relation: string): Promise<Column[]> {
  const r = await c.query<Column>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [relation],
  );
  return r.rows;
}

const listOf = (cols: readonly Column[]) => cols.map((c) => `${c.name} ${c.type}`).join(', ');

/** What changed between a table's columns and its query's, in words ('' when the names agree). */
function shapeChange(table: readonly Column[], query: readonly Column[]): string {
  const names = (cols: readonly Column[]) => cols.map((c) => c.name);
  if (names(table).join('\0') === names(query).join('\0')) return '';
  const added = query.filter((q) => !table.some((t) => t.name === q.name)).map((c) => c.name);
  const removed = table.filter((t) => !query.some((q) => q.name === t.name)).map((c) => c.name);
  const parts = [
    added.length > 0 ? `new column(s) ${added.join(', ')}` : '',
    removed.length > 0 ? `no more ${removed.join(', ')}` : '',
    added.length === 0 && removed.length === 0 ? 'the columns are in another order' : '',
  ].filter((p) => p !== '');
  return `${parts.join('; ')} (table: ${listOf(table)}; query: ${listOf(query)})`;
}

/**
 * The write of a replacing selectInto (CREATE TABLE … AS, a materialized view) from the staged
 * rows, inside the caller's transaction, which holds withNameLock (pg-shard-rows.ts; taken before
 * the transaction began, so it sees a table another process committed meanwhile): processes
 * creating or refreshing the same table take turns;
 * a missing table is created from the stage's shape; an existing one is never dropped by a plain
 * CREATE (`fail`: "already exists"; `ignore`: nothing written), and a refresh replaces its rows
 * in place (DELETE + INSERT, the table locked against other writers), so its OID, grants, indexes,
 * comments and dependent views stay. The number of rows written.
 */
export async function replacePgTable(
  c: Pg.Client,
  target: string,
  stage: string,
  existing: ExistingTable,
  label: string,
  temporary: boolean,
): Promise<number> {
  const found = (await c.query('SELECT to_regclass($1) IS NOT NULL AS found', [target])).rows[0].found;
  const create = async () => {
    await c.query(`CREATE ${temporary ? 'TEMP ' : ''}TABLE ${target} (LIKE ${stage})`);
    return (await c.query(`INSERT INTO ${target} SELECT * FROM ${stage}`)).rowCount ?? 0;
  };
  if (!found) return create();
  if (existing === 'ignore') return 0;
  if (existing === 'fail')
    throw new SkyqlError('LOCAL_SQL_ERROR', `SQL error: table ${label} already exists`, {
      hint: `another client created it meanwhile: INSERT INTO ${label} SELECT … adds rows, DROP TABLE ${label} first to replace it`,
    });
  const [table, query] = [await columnsOf(c, target), await columnsOf(c, stage)];
  const change = shapeChange(table, query);
  if (change !== '') {
    if (existing === 'refresh')
      throw new SkyqlError(
        'LOCAL_SQL_ERROR',
        `materialized view ${label} no longer fits its table: ${change}`,
        {
          hint: `its rows are kept; CREATE OR REPLACE MATERIALIZED VIEW ${label} AS … re-creates the table with the new columns (grants and indexes on it are lost), or make the query give the table's columns`,
        },
      );
    await c.query(`DROP TABLE ${target}`).catch((err: { code?: string }) => {
      if (err.code !== '2BP01') throw err;
      throw new SkyqlError(
        'LOCAL_SQL_ERROR',
        `materialized view ${label} gets other columns (${change}) and its table cannot be re-created: other objects depend on it`,
        {
          hint: `drop the views that read ${label} (psql: \\d+ shows them), or keep the old columns so its rows are replaced in place`,
        },
      );
    });
    return create();
  }
  // the same columns: the rows replaced in place, values cast to the table's types (a column typed
  // from the rows may come out as text one run and bigint the next)
  await c.query(`LOCK TABLE ${target} IN EXCLUSIVE MODE`);
  await c.query(`DELETE FROM ${target}`);
  const values = table
    .map((t, i) => `${pgIdent(query[i].name)}${t.type === query[i].type ? '' : `::${t.type}`}`)
    .join(', ');
  const names = table.map((t) => pgIdent(t.name)).join(', ');
  return (await c.query(`INSERT INTO ${target} (${names}) SELECT ${values} FROM ${stage}`)).rowCount ?? 0;
}
