import type { ResultSet } from '../../base/result/result-set.js';
import type { Session } from '../../core/engine/session.js';
import { splitStatements } from '../../core/sql/split-statements.js';
import { assertStatementSize } from '../../core/sql/statement-size.js';
import { clientCommand } from './client-commands.js';
import { commandTag } from './command-tag.js';
import { isCatalogQuery, rewriteCatalogQuery } from './pg-catalog/pg-catalog-query.js';
import { refreshCatalog } from './pg-catalog/pg-catalog-tables.js';
import { withPgColumnNames } from './pg-column-names.js';
import { type BoundParam, parameterCount, rewriteForSqlite, rewriteStatement } from './pg-sql-rewrite.js';
import { showTimeout, statementTimeoutCommand } from './statement-timeout.js';

/** One statement's outcome over the wire. */
export interface WireResult {
  readonly tag: string;
  readonly result: ResultSet | undefined;
}

/**
 * A client connection's view of its engine session: runs one statement as a PostgreSQL client
 * means it. Session commands (SET, BEGIN, SHOW setting) are answered here; catalog queries run
 * against the emulated PostgreSQL catalog the session keeps for us (checked there like any user
 * query), or PostgreSQL's own catalog when the session's backend is PostgreSQL; everything else goes to the engine (providers, views, local tables) with PostgreSQL casts
 * removed. Only the engine touches SQLite.
 */
export class ConnectionState {
  /** 'T' inside BEGIN … COMMIT, else 'I'. */
  transaction: 'I' | 'T' = 'I';
  private readonly catalogInstalled = { done: false };

  constructor(
    readonly session: Session,
    readonly settings: Map<string, string>,
    private readonly database: string,
    private readonly user: string,
  ) {}

  /** Splits a simple-query string into statements (empty list for an empty query). */
  split(sql: string): string[] {
    return splitStatements(sql, this.session.dialect).map((s) => s.text);
  }

  /** A prepared statement's text with its bound parameters in place, for {@link run}. */
  bind(sql: string, params: readonly BoundParam[]): string {
    return rewriteStatement(sql, params, this.session.dialect);
  }

  /** How many parameters a prepared statement takes (its highest `$n`). */
  parameterCount(sql: string): number {
    return parameterCount(sql, this.session.dialect);
  }

  /** Runs one statement (parameters already substituted). */
  async run(sql: string, signal?: AbortSignal): Promise<WireResult> {
    // before any reading of it: SET, catalog queries and the casts' rewrite scan the text too
    assertStatementSize(sql, this.session.maxStatementBytes);
    const timeout = statementTimeoutCommand(sql);
    if (timeout !== undefined) {
      this.session.setStatementTimeout(timeout === 'default' ? undefined : timeout.ms);
      this.settings.set('statement_timeout', showTimeout(this.session.statementTimeoutMs));
    }
    const command = clientCommand(sql, this.settings);
    if (command) {
      if (command.transaction === 'begin') this.transaction = 'T';
      if (command.transaction === 'end') this.transaction = 'I';
      return { tag: command.tag, result: command.result };
    }
    // over a PostgreSQL backend the SQL is already PostgreSQL's, and its catalog is real
    const pg = this.session.dialect === 'postgres';
    const text = pg ? sql : rewriteForSqlite(sql);
    if (isCatalogQuery(text, this.session.dialect)) {
      if (pg) {
        const result = await this.session.queryLocal(text, { signal });
        return { tag: commandTag(text, result), result };
      }
      await refreshCatalog(this.session, this.database, this.user, this.catalogInstalled);
      const result = await this.session.queryLocal(rewriteCatalogQuery(text), { signal });
      return { tag: commandTag(text, result), result: withPgColumnNames(sql, result) };
    }
    let rowCount: number | undefined;
    const result = await this.session.executeText(text, { signal, rowCount: (n) => (rowCount = n) });
    return {
      tag: commandTag(text, result, rowCount),
      result: withPgColumnNames(sql, result, this.session.dialect),
    };
  }
}
