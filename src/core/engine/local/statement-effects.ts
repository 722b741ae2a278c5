import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Statement } from '../../sql/ast/statement.js';
import type { SqlDialect } from '../../sql/dialect.js';
import { Lexer } from '../../sql/lexer/lexer.js';
import type { Token } from '../../sql/lexer/token.js';
import type { LocalStatement } from '../../sql/local/local-statement.js';
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
 * and local tables are checked by {@link assertLocalWritable}.
 */
export function assertWritable(stmt: Statement): void {
  if (!changesProviderState(stmt) && stmt.kind !== 'registryPull') return;
  const verb = stmt.text.trimStart().split(/\s+/, 1)[0].toUpperCase();
  throw new SkyqlError('READONLY_SESSION', `${verb} is not allowed: this session is read-only`, {
    hint: 'the server was started with --readonly; only queries and session-local objects are allowed',
  });
}

/**
 * Whether a local statement only touches the session's own objects: everything on SQLite (the
 * session's private database), on PostgreSQL only CREATE TEMP TABLE and statements on the
 * session's temporary tables — its tables, views (skyql.views) and materialized views are shared
 * by every process and client of the database.
 */
export function isSessionPrivate(
  local: LocalStatement,
  shared: boolean,
  isTemporary: (name: string) => boolean,
): boolean {
  if (!shared) return true;
  if (local.kind !== 'localTable') return false;
  if (local.verb === 'CREATE') return local.temporary && temporaryTableRisk(local) === undefined;
  return local.schema === undefined && isTemporary(local.table);
}

/**
 * The first `INCLUDING` of a `LIKE other_table INCLUDING …` element in a CREATE TABLE's column
 * definitions (PostgreSQL), or undefined. Such a table takes the other table's defaults,
 * constraints, identity or generated columns: `LIKE shared INCLUDING DEFAULTS` copies a
 * `nextval('shared_seq')` that each INSERT into the temporary table then runs, writing the shared
 * sequence. A plain `LIKE` copies names, types and NOT NULL only.
 */
export function copiedLikeOptions(local: LocalStatement): string | undefined {
  if (local.kind !== 'localTable' || local.verb !== 'CREATE' || local.definition === undefined)
    return undefined;
  let inLike = false;
  return scanElements(local.definition, (_t, word, position, nextWord) => {
    if (position === 0) inLike = word === 'LIKE';
    else if (inLike && word === 'INCLUDING') return `LIKE … INCLUDING ${nextWord()}`;
    return undefined;
  });
}

/**
 * Walks a CREATE TABLE's definition list: `visit` sees each token outside parentheses, its
 * upper-cased word (for words), and its place in its comma-separated element (0: the first), and
 * may end the walk with an answer.
 */
function scanElements(
  definition: string,
  visit: (t: Token, word: string | undefined, position: number, nextWord: () => string) => string | undefined,
): string | undefined {
  const lexer = new Lexer(definition, { tolerant: true, dialect: 'postgres' });
  const nextWord = () => {
    const t = lexer.next();
    return t.kind === 'eof' ? '' : t.text.toUpperCase();
  };
  let depth = 0;
  let position = 0;
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.text === ',') {
      position = 0;
      continue;
    }
    if (depth !== 0) continue;
    const word = t.kind === 'keyword' || t.kind === 'ident' ? t.value.toUpperCase() : undefined;
    const answer = visit(t, word, position, nextWord);
    if (answer !== undefined) return answer;
    position++;
  }
  return undefined;
}

/** Words that begin a definition element other than a column. */
const TABLE_ELEMENTS = new Set(['LIKE', 'PRIMARY', 'UNIQUE', 'CONSTRAINT']);

/** Column constraints whose expressions PostgreSQL runs on each write (or that tie the table to shared ones). */
const EXPRESSION_CLAUSES = new Set(['DEFAULT', 'CHECK', 'GENERATED', 'REFERENCES', 'EXCLUDE']);

/**
 * Built-in type names a read-only session's temporary column may have: any other type (a domain, a
 * table's row type, a user type) can carry a DEFAULT or CHECK that runs on each INSERT, or pins the
 * shared table it comes from (`a inv.victim` keeps `DROP TABLE inv.victim` from working).
 */
const BUILTIN_TYPES = new Set(
  (
    'BIGINT INT8 BIGSERIAL SERIAL8 BIT BOOLEAN BOOL BOX BYTEA CHARACTER CHAR VARCHAR CIDR CIRCLE DATE ' +
    'DOUBLE FLOAT8 FLOAT FLOAT4 INET INTEGER INT INT4 INT2 INTERVAL JSON JSONB LINE LSEG MACADDR MACADDR8 ' +
    'MONEY NUMERIC DECIMAL PATH POINT POLYGON REAL SMALLINT SMALLSERIAL SERIAL2 SERIAL SERIAL4 TEXT TIME ' +
    'TIMETZ TIMESTAMP TIMESTAMPTZ TSQUERY TSVECTOR UUID XML NAME OID VARBIT'
  ).split(' '),
);

/**
 * Why a CREATE TEMP TABLE's definition could reach shared objects when rows are written, or
 * undefined. PostgreSQL runs a column's DEFAULT, CHECK and generation expressions, and a domain
 * type's, in the writer's read-write transaction, where a function the deny list does not know (an
 * operator's own, an extension's) may write; so a read-only session's temporary tables have plain
 * columns of built-in types only, and `LIKE` without INCLUDING (attacker reviews N5 and round 3).
 */
export function temporaryTableRisk(local: LocalStatement): string | undefined {
  const copied = copiedLikeOptions(local);
  if (copied !== undefined || local.kind !== 'localTable' || local.verb !== 'CREATE') return copied;
  if (local.definition === undefined) return undefined;
  let column = true; // the element defines a column (not LIKE or a table constraint)
  return scanElements(local.definition, (t, word, position) => {
    if (word !== undefined && EXPRESSION_CLAUSES.has(word)) return `a ${word} clause`;
    if (position === 0) column = word === undefined || !TABLE_ELEMENTS.has(word);
    if (
      column &&
      position === 1 &&
      (t.kind === 'quotedIdent' || word === undefined || !BUILTIN_TYPES.has(word))
    )
      return `the column type ${t.text}`;
    if (column && position === 2 && t.text === '.') return 'a column type from a schema';
    return undefined;
  });
}

/**
 * Throws READONLY_SESSION for a local statement that writes what other sessions see: on a
 * PostgreSQL backend, tables, views and materialized views in the shared database.
 */
export function assertLocalWritable(
  local: LocalStatement,
  shared: boolean,
  isTemporary: (name: string) => boolean,
): void {
  if (isSessionPrivate(local, shared, isTemporary)) return;
  const risk =
    local.kind === 'localTable' && local.verb === 'CREATE' && local.temporary
      ? temporaryTableRisk(local)
      : undefined;
  if (risk !== undefined)
    throw new SkyqlError(
      'READONLY_SESSION',
      `${risk} in CREATE TEMP TABLE ${local.kind === 'localTable' ? local.table : ''} is not allowed: this session is read-only, and PostgreSQL runs defaults, checks and domain constraints with write access when rows go in (a nextval() default writes a shared sequence)`,
      {
        hint: 'give temporary tables plain columns of built-in types (NOT NULL, PRIMARY KEY and UNIQUE are fine) and LIKE t without INCLUDING; ask the operator to run it without --readonly (mcp: a mode other than read_only)',
      },
    );
  const what =
    local.kind === 'localTable'
      ? `${local.verb} on table`
      : local.kind === 'refreshView'
        ? 'REFRESH of'
        : `${local.kind === 'createView' ? 'CREATE' : 'DROP'} of view`;
  const name = local.kind === 'localTable' ? local.table : local.name;
  throw new SkyqlError(
    'READONLY_SESSION',
    `${what} ${name} is not allowed: this session is read-only, and on PostgreSQL tables and views are shared with every user of the database`,
    {
      hint: 'only queries and CREATE TEMP TABLE (with its own temporary tables) are allowed; ask the operator to run it without --readonly (mcp: a mode other than read_only)',
    },
  );
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
