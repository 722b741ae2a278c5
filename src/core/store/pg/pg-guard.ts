import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { LineMap, type SourceOrigin } from '../../sql/lexer/line-map.js';
import { type PgToken, pgTokens } from './pg-tokens.js';

/**
 * The guard for PostgreSQL text, the first of three layers (then a READ ONLY transaction, then the
 * role's own privileges; see SECURITY.md): refuses functions that reach files, programs, other
 * servers, settings or other sessions (also called through a quoted or schema-qualified name),
 * and, in the final query, anything but one query that changes nothing.
 */

/**
 * Data-changing commands inside a query (a data-modifying WITH): the READ ONLY transaction already
 * stops them on real tables, but not on the session's temporary ones. Other commands (COPY, DO,
 * SET...) cannot occur inside a query, and only queries reach PostgreSQL.
 */
const FORBIDDEN_IN_QUERY = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE']);

/** Functions that read or write host files, run programs, reach other servers, change settings or signal backends. */
const FORBIDDEN_FUNCTIONS = new Set([
  'SET_CONFIG',
  'PG_READ_FILE',
  'PG_READ_BINARY_FILE',
  'PG_LS_DIR',
  'PG_STAT_FILE',
  'PG_LS_LOGDIR',
  'PG_LS_WALDIR',
  'PG_LS_TMPDIR',
  'PG_LS_ARCHIVE_STATUSDIR',
  'PG_FILE_WRITE',
  'PG_FILE_UNLINK',
  'PG_FILE_RENAME',
  'LO_IMPORT',
  'LO_EXPORT',
  'LO_FROM_BYTEA',
  'LO_PUT',
  'LO_CREATE',
  'LO_UNLINK',
  'DBLINK',
  'DBLINK_EXEC',
  'DBLINK_CONNECT',
  'DBLINK_SEND_QUERY',
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_RELOAD_CONF',
  'PG_ROTATE_LOGFILE',
  'PG_PROMOTE',
  'PG_SWITCH_WAL',
  'PG_CREATE_RESTORE_POINT',
  'PG_LOGICAL_EMIT_MESSAGE',
  'PG_ADVISORY_LOCK',
  'PG_ADVISORY_LOCK_SHARED',
  'QUERY_TO_XML',
  'QUERY_TO_XML_AND_XMLSCHEMA',
  'QUERY_TO_XMLSCHEMA',
  'CURSOR_TO_XML',
  'TXID_CURRENT',
  'NEXTVAL',
  'SETVAL',
]);

const READ_VERBS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);
const HINT =
  'skyql runs local SQL as one read-only query on PostgreSQL; it cannot run commands, reach files or change settings';

function refuse(sql: string, at: number, what: string, origin: SourceOrigin | undefined): SkyqlError {
  if (!origin) return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed`, { hint: HINT });
  const position = new LineMap(sql, origin).positionAt(at);
  return new SkyqlError(
    'FORBIDDEN_SQL',
    `${what} is not allowed (line ${position.line}, column ${position.column})`,
    { hint: HINT, position },
  );
}

function check(
  sql: string,
  tokens: readonly PgToken[],
  origin: SourceOrigin | undefined,
  query: boolean,
): void {
  const nul = sql.indexOf('\0');
  if (nul >= 0) throw refuse(sql, nul, 'a NUL character', origin);
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'quoted') return;
    if (query && t.kind === 'word' && FORBIDDEN_IN_QUERY.has(t.value) && tokens[i - 1]?.value !== '.')
      throw refuse(sql, t.start, `${t.value} inside a query`, origin);
    if (FORBIDDEN_FUNCTIONS.has(t.value) && tokens[i + 1]?.value === '(')
      throw refuse(sql, t.start, `the function ${t.value.toLowerCase()}()`, origin);
  });
}

/**
 * Refuses a user's statement that calls a forbidden function, early and positioned in the user's
 * text; the final query is checked again by {@link assertPgReadSql}. Throws FORBIDDEN_SQL.
 */
export function assertSafePgSql(sql: string, origin?: SourceOrigin): void {
  check(sql, pgTokens(sql), origin, false);
}

/** Refuses text that is not a single safe query starting with SELECT, WITH, VALUES or TABLE. Throws FORBIDDEN_SQL. */
export function assertPgReadSql(sql: string): void {
  const tokens = pgTokens(sql);
  check(sql, tokens, undefined, true);
  const first = tokens[0];
  if (first?.kind !== 'word' || !READ_VERBS.has(first.value))
    throw refuse(sql, 0, first ? `'${sql.slice(first.start, first.end)}'` : 'an empty statement', undefined);
  if (tokens.some((t, i) => t.value === ';' && i < tokens.length - 1))
    throw refuse(sql, 0, 'more than one statement', undefined);
}
