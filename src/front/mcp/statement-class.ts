import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Statement } from '../../core/sql/ast/statement.js';
import { parseLocalStatement } from '../../core/sql/local/parse-local-statement.js';
import { parseScript } from '../../core/sql/parser/parse-script.js';
import { hasExecSubquery } from '../../core/sql/select/exec-subquery.js';
import { expandViews } from '../../core/sql/select/expand-views.js';

/**
 * What a statement does, as the safety modes see it, decided from the parsed statement (never from
 * the tool it was sent to or from patterns on its text):
 * - `read`: SELECT/WITH without `(EXEC ...)`, SHOW, DESCRIBE, REGISTRY LIST, EXPLAIN (nothing sent);
 * - `local`: views and local tables, which live in the session's private memory;
 * - `write`: INSERT/UPDATE/REPLACE on provider resources, REGISTRY PULL (writes the app root);
 * - `delete`: DELETE on provider resources;
 * - `exec`: EXEC, and any query or local statement that runs an `(EXEC ...)` row source (a method
 *   may write), views and materialized views expanded.
 */
export type StatementClass = 'read' | 'local' | 'write' | 'delete' | 'exec';

/** One statement of the input, classified. */
export interface ClassifiedStatement {
  readonly statement: Statement;
  readonly class: StatementClass;
  /** The statement's verb for messages (`SELECT`, `DELETE`, `EXEC`, `REGISTRY PULL`). */
  readonly verb: string;
}

/** How views are looked up (the session's), to see what a query over them runs. */
export interface ViewLookup {
  /** The query of a plain view. */
  viewText(name: string): string | undefined;
  /** The query of a materialized view, undefined when there is none. */
  materializedText(name: string): string | undefined;
}

/** Ranks classes from harmless to most dangerous; a script is as dangerous as its worst statement. */
export const CLASS_RANK: Readonly<Record<StatementClass, number>> = {
  read: 0,
  local: 1,
  write: 2,
  delete: 3,
  exec: 4,
};

/**
 * Parses `sql` and classifies every statement. A statement that does not parse fails the whole
 * input (PARSE_ERROR with its position): nothing of a script that cannot be classified is run.
 */
export function classifyScript(sql: string, views: ViewLookup): ClassifiedStatement[] {
  const entries = parseScript(sql);
  if (entries.length === 0)
    throw new SkyqlError('PARSE_ERROR', 'no statement to run', { hint: 'pass one SQL statement in sql' });
  return entries.map((entry) => {
    if (!entry.ok) throw entry.error;
    return classifyStatement(entry.statement, views);
  });
}

/** The class of one parsed statement. */
export function classifyStatement(statement: Statement, views: ViewLookup): ClassifiedStatement {
  const verb = firstWord(statement.text);
  const of = (cls: StatementClass, v = verb): ClassifiedStatement => ({ statement, class: cls, verb: v });
  switch (statement.kind) {
    case 'insert':
      return of('write', 'INSERT');
    case 'update':
      return of('write', statement.verb);
    case 'delete':
      return of('delete', 'DELETE');
    case 'exec':
      return of('exec', 'EXEC');
    case 'registryPull':
      return of('write', 'REGISTRY PULL');
    case 'explain':
      return of('read', 'EXPLAIN');
    case 'other':
      return classifyOther(statement, views, of);
    default:
      return of('read');
  }
}

function classifyOther(
  statement: Statement,
  views: ViewLookup,
  of: (cls: StatementClass, verb?: string) => ClassifiedStatement,
): ClassifiedStatement {
  const local = parseLocalStatement(statement.text);
  const runs = (text: string) => hasExecSubquery(expandQuietly(text, views));
  if (!local) return of(runs(statement.text) ? 'exec' : 'read');
  // a plain view only stores its text: the queries that read it are classified with it expanded
  if (local.kind === 'createView' && !local.materialized) return of('local');
  if (local.kind === 'refreshView') {
    const query = views.materializedText(local.name);
    return of(query !== undefined && runs(query) ? 'exec' : 'local');
  }
  return of(runs(statement.text) ? 'exec' : 'local');
}

/** Views expanded; when expansion fails (the run will report it), the text as written. */
function expandQuietly(text: string, views: ViewLookup): string {
  try {
    return expandViews(text, (name) => views.viewText(name));
  } catch {
    return text;
  }
}

function firstWord(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
}
