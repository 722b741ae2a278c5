/**
 * The catalogue of skyql error codes: every code is declared once here and tests assert on it.
 * Each code carries the SQLSTATE the PostgreSQL wire server reports for it.
 */
export const ERROR_CODES = {
  // usage and configuration
  BAD_FLAG: { sqlstate: '22023', phase: 'config' },
  BAD_REGISTRY_CONFIG: { sqlstate: '22023', phase: 'config' },
  BAD_AUTH_CONFIG: { sqlstate: '22023', phase: 'config' },
  BAD_OUTPUT_FORMAT: { sqlstate: '22023', phase: 'config' },
  FILE_NOT_READABLE: { sqlstate: '58030', phase: 'config' },
  FILE_NOT_WRITABLE: { sqlstate: '58030', phase: 'config' },
  // SQL front end
  PARSE_ERROR: { sqlstate: '42601', phase: 'parse' },
  UNSUPPORTED_STATEMENT: { sqlstate: '0A000', phase: 'parse' },
  // registry
  REGISTRY_UNREACHABLE: { sqlstate: '08001', phase: 'registry' },
  REGISTRY_BAD_INDEX: { sqlstate: 'XX001', phase: 'registry' },
  REGISTRY_LOCAL_MODE: { sqlstate: '0A000', phase: 'registry' },
  PROVIDER_VERSION_NOT_FOUND: { sqlstate: '42704', phase: 'registry' },
  CORRUPT_PACKAGE: { sqlstate: 'XX001', phase: 'registry' },
  SIGNATURE_MISSING: { sqlstate: '28000', phase: 'registry' },
  SIGNATURE_INVALID: { sqlstate: '28000', phase: 'registry' },
  // catalog
  PROVIDER_NOT_FOUND: { sqlstate: '42P01', phase: 'catalog' },
  SERVICE_NOT_FOUND: { sqlstate: '42P01', phase: 'catalog' },
  RESOURCE_NOT_FOUND: { sqlstate: '42P01', phase: 'catalog' },
  METHOD_NOT_FOUND: { sqlstate: '42883', phase: 'catalog' },
  BAD_PROVIDER_DOC: { sqlstate: 'XX001', phase: 'catalog' },
  SELECT_NOT_SUPPORTED: { sqlstate: '0A000', phase: 'catalog' },
  // method selection and execution
  NO_MATCHING_METHOD: { sqlstate: '42883', phase: 'plan' },
  AMBIGUOUS_TABLE: { sqlstate: '42712', phase: 'plan' },
  BAD_PARAMETER: { sqlstate: '22023', phase: 'plan' },
  // HTTP and auth
  HTTP_ERROR: { sqlstate: '38000', phase: 'http' },
  HTTP_TIMEOUT: { sqlstate: '57014', phase: 'http' },
  NETWORK_ERROR: { sqlstate: '08006', phase: 'http' },
  RESPONSE_ERROR: { sqlstate: '22000', phase: 'http' },
  AUTH_ERROR: { sqlstate: '28000', phase: 'auth' },
  CANCELLED: { sqlstate: '57014', phase: 'execute' },
  STATEMENT_TIMEOUT: { sqlstate: '57014', phase: 'execute' },
  OPERATION_FAILED: { sqlstate: '38000', phase: 'execute' },
  OPERATION_TIMEOUT: { sqlstate: '57014', phase: 'execute' },
  TEMPLATE_ERROR: { sqlstate: '22023', phase: 'parse' },
  DRY_RUN_SKIPPED: { sqlstate: '00000', phase: 'execute' },
  // emulator
  BAD_EMULATOR_CONFIG: { sqlstate: '22023', phase: 'config' },
  EMULATOR_LISTEN_FAILED: { sqlstate: '08001', phase: 'config' },
  // local SQL
  LOCAL_SQL_ERROR: { sqlstate: '42000', phase: 'store' },
  FORBIDDEN_SQL: { sqlstate: '42501', phase: 'store' },
  READONLY_SESSION: { sqlstate: '25006', phase: 'execute' },
  VIEW_ERROR: { sqlstate: '42P07', phase: 'execute' },
  VIEW_NOT_FOUND: { sqlstate: '42P01', phase: 'execute' },
  VIEW_DEPTH_EXCEEDED: { sqlstate: '54001', phase: 'execute' },
  // wire server
  PGWIRE_AUTH_FAILED: { sqlstate: '28P01', phase: 'pgwire' },
  PGWIRE_PROTOCOL: { sqlstate: '08P01', phase: 'pgwire' },
  PGWIRE_TOO_MANY_CONNECTIONS: { sqlstate: '53300', phase: 'pgwire' },
  BAD_PGSRV_CONFIG: { sqlstate: '22023', phase: 'config' },
  // anything unexpected
  INTERNAL: { sqlstate: 'XX000', phase: 'internal' },
} as const;

/** A skyql error code, e.g. `RESOURCE_NOT_FOUND`. */
export type ErrorCode = keyof typeof ERROR_CODES;
