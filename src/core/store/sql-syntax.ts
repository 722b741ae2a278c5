import type BetterSqlite3 from 'better-sqlite3';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { assertSafeSql } from './sql-guard.js';
import { openDatabase } from './sqlite-driver.js';

/** SQLite's parser errors (as opposed to unknown names, which only the loaded tables can settle). */
const SYNTAX_MESSAGE = /syntax error|incomplete input|unrecognized token|unterminated/;

let scratch: BetterSqlite3.Database | undefined;

/**
 * Fails with SQL_SYNTAX_ERROR when SQLite cannot parse `sql`, so that a malformed SELECT fails
 * before any API is called for it. Its provider tables are not loaded yet, so unknown names are left
 * for the real run: SQLite parses the whole statement before it resolves a name. The text is guarded
 * first, then only prepared, never run, on a private empty in-memory database.
 */
export function checkSqlSyntax(sql: string): void {
  assertSafeSql(sql);
  scratch ??= openDatabase(':memory:');
  const message = prepareError(scratch, sql);
  if (message === undefined || !SYNTAX_MESSAGE.test(message)) return;
  const where = message.includes('incomplete')
    ? 'it ends too early (a dangling AND, comma, operator or clause?)'
    : 'fix the SQL near the place named';
  throw new SkyqlError('SQL_SYNTAX_ERROR', `SQL error: ${message}`, {
    hint: `the statement was not run and no API was called; ${where}`,
  });
}

/**
 * SQLite's message when `sql` does not prepare, else undefined. Most statements fail here on
 * purpose (their tables are not in the scratch database) and only the message is used, so no
 * stack trace is captured for the error.
 */
function prepareError(db: BetterSqlite3.Database, sql: string): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    db.prepare(sql);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
