import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { LineMap, type SourceOrigin } from '../../sql/lexer/line-map.js';
import { CONTINUED_STRING_HINT } from '../../sql/lexer/pg-scanners.js';
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

/**
 * Functions that read or write host files, run programs, reach other servers, change settings,
 * signal backends, run a query given as a string (which the guard never sees: ts_stat,
 * query_to_xml…), or write although the transaction is READ ONLY (large objects, advisory locks,
 * NOTIFY, transaction ids, sequences, replication slots, GIN/BRIN index maintenance).
 */
const FORBIDDEN_FUNCTIONS = new Set([
  'SET_CONFIG',
  'PG_READ_FILE',
  'PG_READ_BINARY_FILE',
  'PG_STAT_FILE',
  'PG_LOGDIR_LS',
  'LOREAD',
  'LOWRITE',
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_RELOAD_CONF',
  'PG_ROTATE_LOGFILE',
  'PG_ROTATE_LOGFILE_OLD',
  'PG_PROMOTE',
  'PG_SWITCH_WAL',
  'PG_LOG_BACKEND_MEMORY_CONTEXTS',
  'PG_NOTIFY',
  'PG_CURRENT_XACT_ID',
  'PG_CURRENT_XACT_ID_IF_ASSIGNED',
  'PG_IMPORT_SYSTEM_COLLATIONS',
  'PG_BACKGROUND_LAUNCH',
  'TS_STAT',
  'TS_REWRITE',
  'CONNECTBY',
  'XPATH_TABLE',
  'NEXTVAL',
  'SETVAL',
  // index maintenance that writes inside READ ONLY
  'GIN_CLEAN_PENDING_LIST',
  'BRIN_SUMMARIZE_NEW_VALUES',
  'BRIN_SUMMARIZE_RANGE',
  'BRIN_DESUMMARIZE_RANGE',
  'PG_TRUNCATE_VISIBILITY_MAP',
]);

/**
 * Name prefixes of function families refused whole: large objects (lo_creat, lo_open, lo_truncate…),
 * advisory locks (session locks outlive the READ ONLY transaction), txid_current*, directory
 * listings, adminpack's pg_file_* (write, rename, remove host files), dblink*, the *_to_xml* functions that run a query or read whole tables and schemas,
 * extensions' query-string runners (tablefunc's crosstab*, pgRouting's pgr_*, pg_background),
 * replication slots and origins, WAL and backup control, statistics resets.
 */
const FORBIDDEN_PREFIXES = [
  'LO_',
  'PG_ADVISORY',
  'PG_TRY_ADVISORY',
  'TXID_',
  'PG_LS_',
  'PG_FILE_',
  'DBLINK',
  'QUERY_TO_XML',
  'CURSOR_TO_XML',
  'TABLE_TO_XML',
  'SCHEMA_TO_XML',
  'DATABASE_TO_XML',
  'CROSSTAB',
  'PGR_',
  'PG_BACKGROUND',
  'PG_CREATE_',
  'PG_DROP_',
  'PG_COPY_',
  'PG_REPLICATION_',
  'PG_LOGICAL_',
  'PG_WAL_',
  'PG_BACKUP_',
  'PG_START_BACKUP',
  'PG_STOP_BACKUP',
  'PG_STAT_RESET',
  'PG_STAT_STATEMENTS_RESET',
];

/** Whether a function name (upper case) is one the guard refuses. */
export function isForbiddenPgFunction(name: string): boolean {
  return FORBIDDEN_FUNCTIONS.has(name) || FORBIDDEN_PREFIXES.some((p) => name.startsWith(p));
}

const READ_VERBS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);
const HINT =
  'skyql runs local SQL as one read-only query on PostgreSQL; it cannot run commands, reach files or change settings';

/**
 * PostgreSQL reads `(x).f`, `(x)[1].f` and `t.f` (no such column) as the call `f(x)` / `f(t)`
 * (func_name through a column reference's `.name`): a refused function written so has no `(`
 * after it. A column named like one (`t.lo_price`) is refused too when qualified.
 */
const FIELD_CALL_HINT = `${HINT}; a column named like such a function can be written without its table name (lo_price, not t.lo_price)`;

function refuse(
  sql: string,
  at: number,
  what: string,
  origin: SourceOrigin | undefined,
  hint = HINT,
): SkyqlError {
  if (!origin) return new SkyqlError('FORBIDDEN_SQL', `${what} is not allowed`, { hint });
  const position = new LineMap(sql, origin).positionAt(at);
  return new SkyqlError(
    'FORBIDDEN_SQL',
    `${what} is not allowed (line ${position.line}, column ${position.column})`,
    { hint, position },
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
  // PostgreSQL joins such parts in the first part's quoting (an E'' string's backslash escapes
  // carry on into '…'); the tokens follow it, and the guard refuses the form outright
  const continued = tokens.find((t) => t.continued);
  if (continued)
    throw refuse(
      sql,
      continued.start,
      'a string literal continued on a later line',
      origin,
      CONTINUED_STRING_HINT,
    );
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'quoted') return;
    if (query && t.kind === 'word' && FORBIDDEN_IN_QUERY.has(t.value) && tokens[i - 1]?.value !== '.')
      throw refuse(sql, t.start, `${t.value} inside a query`, origin);
    if (!isForbiddenPgFunction(t.value)) return;
    if (tokens[i + 1]?.value === '(')
      throw refuse(sql, t.start, `the function ${t.value.toLowerCase()}()`, origin);
    if (tokens[i - 1]?.value === '.')
      throw refuse(
        sql,
        t.start,
        `the function ${t.value.toLowerCase()}() called as a field (.${t.value.toLowerCase()})`,
        origin,
        FIELD_CALL_HINT,
      );
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
