import type * as Pg from 'pg';
import type { ShardRows } from '../sql-store.js';
import { pgIdent } from './pg-session.js';

/**
 * The write of one shard's rows from a staged query result (PgStore.selectInto with `into.shard`),
 * inside the caller's transaction: the table created when missing and asked for (the caller holds
 * {@link withNameLock}, since N processes may run the same CREATE TABLE IF NOT EXISTS … AS at once),
 * the shard's old rows deleted, the staged rows inserted with the shard's value. Other shards'
 * rows are never touched, so N processes write the same table concurrently. The number inserted.
 */
export async function writePgShardRows(
  c: Pg.Client,
  target: string,
  stage: string,
  columns: readonly string[] | undefined,
  shard: ShardRows,
): Promise<number> {
  const tag = pgIdent(shard.column);
  if (shard.createMissing) {
    // under withNameLock: the transaction began after the lock, so it sees a table another made
    if ((await c.query('SELECT to_regclass($1) IS NULL AS missing', [target])).rows[0].missing) {
      await c.query(`CREATE TABLE ${target} (LIKE ${stage})`);
      await c.query(`ALTER TABLE ${target} ADD COLUMN ${tag} text`);
    }
  }
  const names =
    columns ??
    (
      await c.query(
        'SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attname <> $2 ORDER BY attnum',
        [target, shard.column],
      )
    ).rows.map((r: { attname: string }) => r.attname);
  await c.query(`DELETE FROM ${target} WHERE ${tag} = $1`, [shard.value]);
  const list = [...names.map(pgIdent), tag].join(', ');
  const r = await c.query(`INSERT INTO ${target} (${list}) SELECT ${stage}.*, $1::text FROM ${stage}`, [
    shard.value,
  ]);
  return r.rowCount ?? 0;
}

/**
 * Runs `fn` holding a session advisory lock on a table's name: N processes creating one table take
 * turns. Session-level, taken before `fn` begins its transaction: a transaction that began before
 * waiting for the lock may keep a stale catalog cache and not see the table the holder committed
 * (seen as "relation … already exists" when three processes raced). A lost connection releases the lock.
 */
export async function withNameLock<T>(c: Pg.Client, name: string, fn: () => Promise<T>): Promise<T> {
  await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  try {
    return await fn();
  } finally {
    await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
  }
}
