import { SkyqlError } from '../errors/skyql-error.js';

/**
 * `--sqlBackend` / `SKYQL_SQL_BACKEND`: where a session's local SQL runs, in StackQL's JSON
 * (`{"dbEngine": "postgres_tcp", "sqlDialect": "postgres", "dsn": "postgres://..."}`). SQLite, the
 * embedded default, takes no other setting.
 */
export type SqlBackendConfig = SqliteBackendConfig | PostgresBackendConfig;

export interface SqliteBackendConfig {
  readonly engine: 'sqlite';
}

/** StackQL's `schemata`: where local tables go, and two view schemas kept for compatibility. */
export interface BackendSchemata {
  /** Schema of local tables and materialized views created without one (default `public`). */
  readonly tableSchema: string;
  readonly intelViewSchema: string;
  readonly opsViewSchema: string;
}

export interface PostgresBackendConfig {
  readonly engine: 'postgres';
  /** A libpq URL (`postgres://user:pass@host:port/db?...`); never printed (it may hold a password). */
  readonly dsn: string;
  readonly schemata: BackendSchemata;
}

export const SQLITE_BACKEND: SqliteBackendConfig = { engine: 'sqlite' };

const EXAMPLE = `--sqlBackend '{"dbEngine": "postgres_tcp", "sqlDialect": "postgres", "dsn": "postgres://user@localhost:5432/db"}'`;

function bad(message: string): SkyqlError {
  return new SkyqlError('BAD_SQL_BACKEND', message, { hint: `example: ${EXAMPLE}` });
}

const SQLITE_ENGINES = new Set(['sqlite', 'sqlite3', 'sqlite3_embedded']);
const POSTGRES_ENGINES = new Set(['postgres_tcp', 'postgres', 'postgresql']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function schemaName(v: unknown, key: string, fallback: string): string {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'string' || !IDENT.test(v))
    throw bad(`schemata.${key} must be a plain schema name (letters, digits, _), not ${JSON.stringify(v)}`);
  return v;
}

/** StackQL's keys (`dbInitFilepath` is accepted and unused: skyql creates its own objects). */
const TOP_KEYS = ['dbEngine', 'sqlDialect', 'dsn', 'schemata', 'dbInitFilepath'];
const SCHEMATA_KEYS = ['tableSchema', 'intelViewSchema', 'opsViewSchema'];

/** A key skyql does not know (a typo such as `tableSchem` would otherwise be ignored silently). */
function unknownKey(o: Record<string, unknown>, known: readonly string[], prefix: string): void {
  const key = Object.keys(o).find((k) => !known.includes(k));
  if (key === undefined) return;
  throw new SkyqlError('BAD_SQL_BACKEND', `unknown key "${prefix}${key}" in the SQL backend setting`, {
    hint: `the known keys are ${known.map((k) => prefix + k).join(', ')}`,
  });
}

/** Parses the flag's JSON (absent or empty: SQLite). Throws BAD_SQL_BACKEND. */
export function parseSqlBackendConfig(raw: string | undefined): SqlBackendConfig {
  if (raw === undefined || raw.trim() === '') return SQLITE_BACKEND;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw bad('the SQL backend setting is not valid JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw bad('the SQL backend setting must be a JSON object');
  const o = json as Record<string, unknown>;
  unknownKey(o, TOP_KEYS, '');
  const engine = String(o.dbEngine ?? 'sqlite').toLowerCase();
  const dialect = o.sqlDialect === undefined ? undefined : String(o.sqlDialect).toLowerCase();
  if (SQLITE_ENGINES.has(engine)) {
    if (dialect !== undefined && dialect !== 'sqlite')
      throw bad(`sqlDialect '${dialect}' does not go with dbEngine '${engine}' (use "sqlite")`);
    return SQLITE_BACKEND;
  }
  if (!POSTGRES_ENGINES.has(engine))
    throw bad(`unknown dbEngine '${engine}' (known: sqlite, sqlite3_embedded, postgres_tcp)`);
  if (dialect !== undefined && dialect !== 'postgres' && dialect !== 'postgresql')
    throw bad(`sqlDialect '${dialect}' does not go with dbEngine '${engine}' (use "postgres")`);
  if (typeof o.dsn !== 'string' || o.dsn.trim() === '')
    throw bad(`dbEngine '${engine}' needs a "dsn" (postgres://user:password@host:port/database)`);
  if (!/^postgres(ql)?:\/\//.test(o.dsn.trim()))
    throw bad('the dsn must be a URL starting with postgres:// or postgresql://');
  const s = (o.schemata ?? {}) as Record<string, unknown>;
  if (typeof s !== 'object' || Array.isArray(s)) throw bad('schemata must be a JSON object');
  unknownKey(s, SCHEMATA_KEYS, 'schemata.');
  return {
    engine: 'postgres',
    dsn: o.dsn.trim(),
    schemata: {
      tableSchema: schemaName(s.tableSchema, 'tableSchema', 'public'),
      intelViewSchema: schemaName(s.intelViewSchema, 'intelViewSchema', 'stackql_intel'),
      opsViewSchema: schemaName(s.opsViewSchema, 'opsViewSchema', 'stackql_ops'),
    },
  };
}
