import { SkyqlError } from '../../base/errors/skyql-error.js';
import { isSessionPrivate } from '../../core/engine/local/statement-effects.js';
import type { Statement } from '../../core/sql/ast/statement.js';
import type { SqlDialect } from '../../core/sql/dialect.js';
import type { LocalStatement } from '../../core/sql/local/local-statement.js';
import { parseLocalStatement } from '../../core/sql/local/parse-local-statement.js';
import { parseScript } from '../../core/sql/parser/parse-script.js';
import { hasExecSubquery } from '../../core/sql/select/exec-subquery.js';
import { expandViews } from '../../core/sql/select/expand-views.js';

/**
 * What a statement does, as the safety modes see it, decided from the parsed statement (never from
 * the tool it was sent to or from patterns on its text):
 * - `read`: SELECT/WITH without `(EXEC ...)`, SHOW, DESCRIBE, REGISTRY LIST, EXPLAIN (nothing sent);
 * - `local`: views and local tables when they live in the session's private memory (SQLite), and
 *   a PostgreSQL session's temporary tables; on PostgreSQL other tables, views and materialized
 *   views are shared by every user of the database, so changing them is `write`, and dropping or
 *   deleting from them `delete`;
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
  /** A statement that runs `(EXEC ...)` without being EXEC: the views it reads them through (may be none). */
  readonly execThrough?: readonly string[];
  /** The statement with its views expanded, when that changed it (what will really run). */
  readonly expanded?: string;
  /** A local statement on tables or views other users of a PostgreSQL database see. */
  readonly shared?: boolean;
}

/**
 * What a statement does, for messages: `DELETE`, or for a query that runs a method
 * `SELECT that reads EXEC (through view v1)` — never just `SELECT` for something that may write.
 */
export function describeStatement(s: ClassifiedStatement): string {
  if (s.execThrough === undefined) return s.verb;
  const views = s.execThrough;
  const how =
    views.length === 0
      ? 'an (EXEC ...) row source'
      : `EXEC (through view${views.length > 1 ? 's' : ''} ${views.join(', ')})`;
  return `${s.verb} that reads ${how}`;
}

/** The distinct descriptions of `statements`, for one message (`INSERT, DELETE`). */
export function describeAll(statements: readonly ClassifiedStatement[]): string {
  return [...new Set(statements.map(describeStatement))].join(', ');
}

/** How views are looked up (the session's), to see what a query over them runs. */
export interface ViewLookup {
  /** The query of a plain view. */
  viewText(name: string): string | undefined;
  /** The query of a materialized view, undefined when there is none. */
  materializedText(name: string): string | undefined;
  /**
   * The session's local SQL dialect (PostgreSQL's syntax passes with `postgres`); default SQLite's.
   * On PostgreSQL local tables and views are shared with the database's other users.
   */
  readonly dialect?: SqlDialect;
  /** A table the session made with CREATE TEMP TABLE (its own even on PostgreSQL). */
  isTemporary?(name: string): boolean;
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
  const entries = parseScript(sql, views.dialect);
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
  const local = parseLocalStatement(statement.text, views.dialect);
  const c = classifyLocal(statement, local, views, of);
  if (!local || isSessionPrivate(local, views.dialect === 'postgres', (n) => views.isTemporary?.(n) ?? false))
    return c;
  // a shared table or view: its change is a write every user of the database sees
  const destructive =
    local.kind === 'dropView' ||
    (local.kind === 'localTable' && (local.verb === 'DROP' || local.verb === 'DELETE'));
  return sharedClass(c, destructive ? 'delete' : 'write');
}

/** A local statement's class on shared objects: at least `atLeast`, `exec` when it runs a method. */
function sharedClass(c: ClassifiedStatement, atLeast: StatementClass): ClassifiedStatement {
  return CLASS_RANK[c.class] >= CLASS_RANK[atLeast]
    ? { ...c, shared: true }
    : { ...c, class: atLeast, shared: true };
}

function classifyLocal(
  statement: Statement,
  local: LocalStatement | undefined,
  views: ViewLookup,
  of: (cls: StatementClass, verb?: string) => ClassifiedStatement,
): ClassifiedStatement {
  const classed = (text: string, otherwise: StatementClass): ClassifiedStatement => {
    const reach = execReach(text, views);
    const expanded = reach.expanded === text ? undefined : reach.expanded;
    if (!reach.runs) return { ...of(otherwise), expanded };
    return { ...of('exec'), execThrough: reach.through, expanded };
  };
  if (!local) return classed(statement.text, 'read');
  // a plain view only stores its text: the queries that read it are classified with it expanded
  if (local.kind === 'createView' && !local.materialized) return of('local');
  if (local.kind === 'refreshView') {
    const query = views.materializedText(local.name);
    if (query === undefined) return of('local');
    const c = classed(query, 'local');
    return c.execThrough
      ? { ...c, execThrough: [local.name, ...c.execThrough], expanded: undefined }
      : of('local');
  }
  return classed(statement.text, 'local');
}

/**
 * Whether `text` runs an `(EXEC ...)` row source once its views are expanded, the views that bring
 * one in, and the expanded text (as written when expansion fails: the run will report that).
 */
function execReach(text: string, views: ViewLookup): { runs: boolean; through: string[]; expanded: string } {
  const used: string[] = [];
  let expanded = text;
  try {
    expanded = expandViews(
      text,
      (name) => {
        const body = views.viewText(name);
        if (body !== undefined && !used.includes(name)) used.push(name);
        return body;
      },
      undefined,
      views.dialect,
    );
  } catch {
    // as written
  }
  if (!hasExecSubquery(expanded, views.dialect)) return { runs: false, through: [], expanded };
  const through = used.filter((name) =>
    hasExecSubquery(execReach(views.viewText(name) ?? '', views).expanded, views.dialect),
  );
  return { runs: true, through, expanded };
}

function firstWord(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
}
