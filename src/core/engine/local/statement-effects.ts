import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Statement } from '../../sql/ast/statement.js';
import type { SqlDialect } from '../../sql/dialect.js';
import { Lexer } from '../../sql/lexer/lexer.js';
import { hasExecSubquery } from '../../sql/select/exec-subquery.js';

/** Statement kinds that change provider resources (INSERT/UPDATE/REPLACE/DELETE on provider tables, EXEC). */
const PROVIDER_MUTATIONS = new Set(['insert', 'update', 'delete', 'exec']);

/** True when the statement may change provider resources, so cached responses are stale after it. */
export function changesProviderState(stmt: Statement): boolean {
  return PROVIDER_MUTATIONS.has(stmt.kind);
}

/**
 * Throws READONLY_SESSION for statements a `--readonly` session refuses: those that change provider
 * resources (any EXEC included, since a method may write) and REGISTRY PULL (writes files). Views
 * and local tables stay allowed: they live in the session's private memory.
 */
export function assertWritable(stmt: Statement): void {
  if (!changesProviderState(stmt) && stmt.kind !== 'registryPull') return;
  const verb = stmt.text.trimStart().split(/\s+/, 1)[0].toUpperCase();
  throw new SkyqlError('READONLY_SESSION', `${verb} is not allowed: this session is read-only`, {
    hint: 'the server was started with --readonly; only queries and session-local objects are allowed',
  });
}

/**
 * A query (views expanded) that reads `(EXEC ...)` calls a method, which may write: a read-only
 * session refuses it (READONLY_SESSION). Returns true when it has one (cached responses are stale
 * after it).
 */
export function guardExecSubquery(text: string, readonly: boolean, dialect: SqlDialect = 'sqlite'): boolean {
  if (!hasExecSubquery(text, dialect)) return false;
  if (readonly)
    throw new SkyqlError(
      'READONLY_SESSION',
      'EXEC is not allowed, in a subquery either: this session is read-only',
      {
        hint: 'the server was started with --readonly; only queries and session-local objects are allowed',
      },
    );
  return true;
}

/** True when the statement carries the hint `name` in a `/*+ ... *\/` comment (any position). */
export function hasHint(text: string, name: string, dialect: SqlDialect = 'sqlite'): boolean {
  if (!text.includes('/*+')) return false;
  const lexer = new Lexer(text, { tolerant: true, dialect });
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) {
    if (t.kind === 'hint' && t.value.includes(name)) return true;
  }
  return false;
}
