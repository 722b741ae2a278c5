import type BetterSqlite3 from 'better-sqlite3';
import type { ResultSet } from '../../base/result/result-set.js';
import { localSqlError } from './read-query.js';
import type { ShardRows } from './sql-store.js';
import { createTableSql, quoteIdent, toSql } from './sqlite-schema.js';

/**
 * One shard's rows into a SQLite table (`--shard K/N`, a `_shard` column; see ShardRows): the
 * table created when missing and asked for, the shard's old rows deleted and the new ones inserted
 * with the shard's value, all in one transaction (DDL included), so a failure leaves the old rows.
 */
export function replaceSqliteShardRows(
  db: BetterSqlite3.Database,
  table: string,
  columns: readonly string[] | undefined,
  query: ResultSet,
  shard: ShardRows,
): number {
  const name = quoteIdent(table);
  const declared = () =>
    (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).filter(
      (c) => c !== shard.column,
    );
  try {
    return db.transaction(() => {
      if (shard.createMissing && declared().length === 0)
        db.prepare(createTableSql(table, [...query.columns, { name: shard.column, type: 'text' }])).run();
      const targets = [...(columns ?? declared()), shard.column].map(quoteIdent).join(', ');
      const marks = [...query.columns.map(() => '?'), '?'].join(', ');
      db.prepare(`DELETE FROM ${name} WHERE ${quoteIdent(shard.column)} = ?`).run(shard.value);
      const insert = db.prepare(`INSERT INTO ${name} (${targets}) VALUES (${marks})`);
      let changes = 0;
      for (const row of query.rows) changes += insert.run(...row.map(toSql), shard.value).changes;
      return changes;
    })();
  } catch (err) {
    throw localSqlError(err);
  }
}
