import type { SourceOrigin } from '../sql/lexer/line-map.js';
import { assertSafePgSql } from './pg/pg-guard.js';
import { assertSafeSql } from './sql-guard.js';
import type { SqlDialect } from './sql-store.js';

/** The early guard on a user's statement text, on the tokens of the engine that will run it. */
export function guardFor(dialect: SqlDialect): (sql: string, origin?: SourceOrigin) => void {
  return dialect === 'postgres' ? assertSafePgSql : assertSafeSql;
}
