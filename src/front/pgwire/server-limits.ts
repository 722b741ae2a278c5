/**
 * Defaults of the wire server's limits, in a dependency-free file so the CLI can show them in its
 * help without loading the server.
 */

/** Connections at most (`--pgsrv.maxConnections`); more are refused with SQLSTATE 53300. */
export const DEFAULT_MAX_CONNECTIONS = 100;

/**
 * PostgreSQL connections srv holds at most over a PostgreSQL backend (`--pgsrv.maxBackendConnections`),
 * shared by its clients: well below PostgreSQL's default max_connections of 100, so srv's clients
 * cannot take every connection from the database's other users. A client past it waits, then gets 53300.
 */
export const DEFAULT_MAX_BACKEND_CONNECTIONS = 20;

/** A client's PostgreSQL connection is closed after this long unused (`--pgsrv.backendIdleTimeout`, 60 s) unless it holds temporary tables. */
export const DEFAULT_BACKEND_IDLE_MS = 60_000;

/** Start-up and authentication must finish within this long (`--pgsrv.startupTimeout` 10 s). */
export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

/** Largest message after authentication (`--pgsrv.maxMessageBytes`, 16 MiB): a query or a Bind. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Bytes of rows one query may produce (`--pgsrv.maxResultBytes`, 256 MiB), counted in the runner
 * as it reads them: past it the query fails (RESULT_TOO_LARGE) before the server holds the result,
 * so one client's `randomblob(1e9)` cannot take the memory the other connections need. At most
 * `--pgsrv.resultMemory`, the budget all clients' results share (core/store/result-memory.ts).
 */
export const DEFAULT_MAX_RESULT_BYTES = 256 * 1024 * 1024;

/**
 * Named prepared statements one connection may hold at once (Parse; the unnamed one counts too),
 * and as many portals (Bind): past them Parse or Bind fails with 54000 (PGWIRE_TOO_MANY_PREPARED)
 * until the client closes some. Without a count, one client's Parse messages with new names kept
 * every text until the process ran out of heap.
 */
export const MAX_PREPARED_STATEMENTS = 1000;
export const MAX_PORTALS = 1000;

/**
 * Bytes of text (UTF-8, plus {@link PREPARED_OVERHEAD_BYTES} each) one connection's prepared
 * statements and portals may hold together; a portal's text has its parameters written in. These
 * bytes are also taken from the process's result memory (`--pgsrv.resultMemory`), so many
 * connections each under this cap still cannot run the process out of heap.
 */
export const MAX_PREPARED_BYTES = 64 * 1024 * 1024;

/** Bytes a prepared statement or portal counts for beyond its text (its record and map entry). */
export const PREPARED_OVERHEAD_BYTES = 256;
