/**
 * The catalogue of skyql error codes: every code is declared once here and tests assert on it.
 * Each code carries the SQLSTATE the PostgreSQL wire server reports for it.
 */
export const ERROR_CODES = {
  // usage and configuration
  BAD_FLAG: { sqlstate: '22023' },
  BAD_REGISTRY_CONFIG: { sqlstate: '22023' },
  BAD_AUTH_CONFIG: { sqlstate: '22023' },
  BAD_OUTPUT_FORMAT: { sqlstate: '22023' },
  FILE_NOT_READABLE: { sqlstate: '58030' },
  FILE_NOT_WRITABLE: { sqlstate: '58030' },
  UNSAFE_APPROOT: { sqlstate: '42501' },
  // SQL front end
  PARSE_ERROR: { sqlstate: '42601' },
  UNSUPPORTED_STATEMENT: { sqlstate: '0A000' },
  // registry
  REGISTRY_UNREACHABLE: { sqlstate: '08001' },
  REGISTRY_BAD_INDEX: { sqlstate: 'XX001' },
  PROVIDER_VERSION_NOT_FOUND: { sqlstate: '42704' },
  CORRUPT_PACKAGE: { sqlstate: 'XX001' },
  SIGNATURE_MISSING: { sqlstate: '28000' },
  SIGNATURE_INVALID: { sqlstate: '28000' },
  // catalog
  PROVIDER_NOT_FOUND: { sqlstate: '42P01' },
  SERVICE_NOT_FOUND: { sqlstate: '42P01' },
  RESOURCE_NOT_FOUND: { sqlstate: '42P01' },
  METHOD_NOT_FOUND: { sqlstate: '42883' },
  BAD_PROVIDER_DOC: { sqlstate: 'XX001' },
  SELECT_NOT_SUPPORTED: { sqlstate: '0A000' },
  // method selection and execution
  NO_MATCHING_METHOD: { sqlstate: '42883' },
  AMBIGUOUS_TABLE: { sqlstate: '42712' },
  BAD_PARAMETER: { sqlstate: '22023' },
  // HTTP and auth
  HTTP_ERROR: { sqlstate: '38000' },
  /** The server accepted the request but did not answer within --apirequesttimeout. */
  HTTP_TIMEOUT: { sqlstate: '57014' },
  /** No connection within --http.connectTimeout: a network problem, not a slow API. */
  HTTP_CONNECT_TIMEOUT: { sqlstate: '08001' },
  NETWORK_ERROR: { sqlstate: '08006' },
  RESPONSE_ERROR: { sqlstate: '22000' },
  AUTH_ERROR: { sqlstate: '28000' },
  // a token request (token_uri, IAM Credentials, metadata server) that got no token, by why
  TOKEN_HOST_NOT_FOUND: { sqlstate: '08001' },
  TOKEN_CONNECTION_REFUSED: { sqlstate: '08001' },
  TOKEN_TLS_FAILED: { sqlstate: '08001' },
  TOKEN_TIMEOUT: { sqlstate: '57014' },
  TOKEN_NETWORK_ERROR: { sqlstate: '08006' },
  /** 4xx: the credentials were refused (invalid_grant, PERMISSION_DENIED...). */
  TOKEN_REJECTED: { sqlstate: '28000' },
  /** 5xx: the token service failed; the credentials may be fine. */
  TOKEN_SERVICE_FAILED: { sqlstate: '08006' },
  /** An answer that is not a token response (no access_token, a redirect, a 404: no token endpoint there). */
  TOKEN_BAD_RESPONSE: { sqlstate: '22000' },
  CANCELLED: { sqlstate: '57014' },
  STATEMENT_TIMEOUT: { sqlstate: '57014' },
  OPERATION_FAILED: { sqlstate: '38000' },
  OPERATION_TIMEOUT: { sqlstate: '57014' },
  TEMPLATE_ERROR: { sqlstate: '22023' },
  // emulator
  BAD_EMULATOR_CONFIG: { sqlstate: '22023' },
  EMULATOR_LISTEN_FAILED: { sqlstate: '08001' },
  // local SQL
  LOCAL_SQL_ERROR: { sqlstate: '42000' },
  SQL_SYNTAX_ERROR: { sqlstate: '42601' },
  FORBIDDEN_SQL: { sqlstate: '42501' },
  READONLY_SESSION: { sqlstate: '25006' },
  VIEW_ERROR: { sqlstate: '42P07' },
  VIEW_NOT_FOUND: { sqlstate: '42P01' },
  VIEW_DEPTH_EXCEEDED: { sqlstate: '54001' },
  VIEW_TOO_LARGE: { sqlstate: '54000' },
  /** One statement's text is over `--execution.maxStatementBytes` (checked before it is parsed). */
  STATEMENT_TOO_LARGE: { sqlstate: '54000' },
  // the SQL backend (--sqlBackend)
  BAD_SQL_BACKEND: { sqlstate: '22023' },
  /** The PostgreSQL backend could not be reached, refused the login, or went away. */
  SQL_BACKEND_UNAVAILABLE: { sqlstate: '08006' },
  /** Every PostgreSQL connection the server may hold is in use (`--pgsrv.maxBackendConnections`). */
  SQL_BACKEND_BUSY: { sqlstate: '53300' },
  /** A local query's result is over the front end's byte cap (mcp, srv). */
  RESULT_TOO_LARGE: { sqlstate: '54000' },
  /** The process's memory for query results (`--pgsrv.resultMemory`) is taken by other queries: out_of_memory. */
  SERVER_BUSY: { sqlstate: '53200' },
  // wire server
  PGWIRE_AUTH_FAILED: { sqlstate: '28P01' },
  PGWIRE_PROTOCOL: { sqlstate: '08P01' },
  PGWIRE_TOO_MANY_CONNECTIONS: { sqlstate: '53300' },
  /** A connection's prepared statements or portals are at their count or byte limit (server-limits.ts). */
  PGWIRE_TOO_MANY_PREPARED: { sqlstate: '54000' },
  BAD_PGSRV_CONFIG: { sqlstate: '22023' },
  SQL_TOO_DEEP: { sqlstate: '54001' },
  TOO_MANY_CALLS: { sqlstate: '54000' },
  PGWIRE_STARTUP_TIMEOUT: { sqlstate: '57014' },
  // MCP server (skyql mcp)
  BAD_MCP_CONFIG: { sqlstate: '22023' },
  /** A tool argument out of its range (row_limit 0), said in words rather than as a schema error. */
  MCP_BAD_ARGUMENT: { sqlstate: '22023' },
  /** The safety mode or the tool refuses the statement. */
  MCP_REFUSED: { sqlstate: '42501' },
  /** The user declined (or could not be asked) to approve a change. */
  MCP_NOT_APPROVED: { sqlstate: '42501' },
  /** The audit record could not be written; in strict mode a change is not made. */
  AUDIT_WRITE_FAILED: { sqlstate: '58030' },
  MCP_LISTEN_FAILED: { sqlstate: '08001' },
  // anything unexpected
  INTERNAL: { sqlstate: 'XX000' },
} as const;

/** A skyql error code, e.g. `RESOURCE_NOT_FOUND`. */
export type ErrorCode = keyof typeof ERROR_CODES;
