import type * as Pg from 'pg';
import type { PostgresBackendConfig } from '../../../base/config/sql-backend-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { pgModules } from './pg-driver.js';
import { cellParser } from './pg-types.js';

/** Where a DSN points, for messages: `host:port` (or the socket folder), database and user, never the password. */
export interface PgEndpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /**
   * The texts that carry the password and may appear in a message, to scrub: the DSN's
   * `user:password@` part, as written and decoded. Never the bare password, which may be a
   * short word or the database's name and would be cut out of ordinary words.
   */
  readonly secrets: readonly string[];
}

/** Reads the parts of a `postgres://` URL that messages may show. Throws BAD_SQL_BACKEND. */
export function pgEndpoint(dsn: string): PgEndpoint {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    if (/^[a-z]+:\/\/[^/?#]*,/i.test(dsn))
      throw new SkyqlError(
        'BAD_SQL_BACKEND',
        'the PostgreSQL dsn names several hosts (host1,host2): skyql connects to one host only',
        {
          hint: 'give one host in the dsn (for failover, put a proxy such as PgBouncer or HAProxy before the servers)',
        },
      );
    throw new SkyqlError('BAD_SQL_BACKEND', 'the PostgreSQL dsn is not a valid URL', {
      hint: 'postgres://user:password@host:5432/database (percent-encode special characters)',
    });
  }
  const host = url.searchParams.get('host') ?? (decodeURIComponent(url.hostname) || 'localhost');
  const port = Number(url.searchParams.get('port') ?? url.port ?? '') || 5432;
  const password = url.password;
  const userinfo = `${url.username}:${password}@`;
  const written = /^[a-z]+:\/\/([^/?#]*@)/i.exec(dsn)?.[1]; // as typed, before the URL parser re-encodes it
  const secrets = password
    ? [...new Set([written ?? userinfo, userinfo, safeDecode(userinfo)])].sort((a, b) => b.length - a.length)
    : [];
  return {
    host,
    port,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username),
    user: decodeURIComponent(url.username),
    secrets,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `host:port` for messages. */
export function where(e: PgEndpoint): string {
  return e.host.startsWith('/') ? `${e.host} (port ${e.port})` : `${e.host}:${e.port}`;
}

/** A `postgres://user:password@` URL's user information, wherever a message quotes one. */
const URL_USERINFO = /\b(postgres(?:ql)?:\/\/)[^\s@/]*@/gi;

/**
 * Removes the password from a message, whatever its source: the DSN's `user:password@` part and
 * any PostgreSQL URL's user information become `***@`; other words are left whole.
 */
export function scrub(message: string, e: PgEndpoint): string {
  let out = message;
  for (const s of e.secrets) out = out.split(s).join('***@');
  return out.replace(URL_USERINFO, '$1***@');
}

const CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  ENOENT: 'no socket there (is PostgreSQL running?)',
};

/** Why a connection or a statement failed, in a few words (no password). */
export function pgCause(err: unknown, e: PgEndpoint): string {
  const x = err as { code?: string; message?: string; syscall?: string; path?: string };
  // a file the dsn names (sslrootcert, sslcert, sslkey) that cannot be read
  if (x.syscall === 'open' && x.path)
    return `cannot read ${x.path}, named by the dsn (sslrootcert, sslcert or sslkey): ${x.code === 'ENOENT' ? 'no such file' : (x.code ?? 'unreadable')}`;
  if (x.code && CAUSES[x.code]) return CAUSES[x.code];
  const message = (x.message ?? String(err)).replace(/\s+/g, ' ').trim();
  if (/timeout/i.test(message)) return 'timed out';
  if (/client password must be a string/i.test(message))
    return 'the server asks for a password and none was given: put it in the dsn (postgres://user:password@host/db) or set PGPASSWORD';
  return scrub(message, e);
}

/**
 * The DSN as the `pg` client gets it: an `sslmode` is given libpq's meaning (`require`: encrypted,
 * certificate not checked; `verify-ca`, `verify-full`: checked), which the client takes with
 * `uselibpqcompat=true` — without it the client treats these modes as verify-full and prints a
 * multi-line SECURITY WARNING to stderr at every connection.
 */
export function pgConnectionString(dsn: string): string {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return dsn;
  }
  const mode = url.searchParams.get('sslmode');
  if (mode === null || mode === 'disable' || mode === 'no-verify' || url.searchParams.has('uselibpqcompat'))
    return dsn;
  return `${dsn}${dsn.includes('?') ? '&' : '?'}uselibpqcompat=true`;
}

/**
 * True for errors that mean the connection is gone (server stopped, killed, network cut). A
 * protocol violation (08P01) that is not FATAL ("bind message supplies 0 parameters, but prepared
 * statement "" requires 1": a `$1` in a statement sent without values) ends that statement only:
 * the connection goes on. (The severity may be translated; were a FATAL one taken for a statement
 * error, the connection's end still makes the session reconnect at its next statement.)
 */
export function isConnectionLost(err: unknown): boolean {
  const x = err as { code?: string; message?: string; severity?: string };
  if (x.code === '08P01' && x.severity !== 'FATAL' && x.severity !== 'PANIC') return false;
  if (x.code && (x.code.startsWith('57P') || x.code.startsWith('08') || CAUSES[x.code])) return true;
  return /Connection terminated|not queryable|Client was closed|ended unexpectedly/i.test(x.message ?? '');
}

/** SQL_BACKEND_UNAVAILABLE: the server went away while a statement ran. */
export function connectionLost(err: unknown, e: PgEndpoint): SkyqlError {
  return new SkyqlError(
    'SQL_BACKEND_UNAVAILABLE',
    `lost the connection to PostgreSQL at ${where(e)}: ${pgCause(err, e)}; the statement was rolled back`,
    { hint: 'check that the server is up and run the statement again', cause: err },
  );
}

/** The client's parsers: numbers, booleans and compact JSON as cells, all else as PostgreSQL's text. */
const types = {
  getTypeParser: (oid: number) => cellParser(oid),
} as unknown as Pg.CustomTypesConfig;

/**
 * Opens one connection for a session (its temporary tables live on it). A bad DSN, an unreachable
 * server or a refused login is one line naming host, port and cause. Throws SQL_BACKEND_UNAVAILABLE.
 */
export async function connectPg(config: PostgresBackendConfig, endpoint: PgEndpoint): Promise<Pg.Client> {
  const { pg } = pgModules();
  let client: Pg.Client | undefined;
  try {
    client = new pg.Client({
      connectionString: pgConnectionString(config.dsn),
      types,
      connectionTimeoutMillis: 10_000,
      application_name: 'skyql',
    });
    client.on('error', () => {}); // a dropped connection surfaces as the failing query's error
    await client.connect();
  } catch (err) {
    await client?.end().catch(() => {});
    throw new SkyqlError(
      'SQL_BACKEND_UNAVAILABLE',
      `cannot connect to PostgreSQL at ${where(endpoint)} (database ${endpoint.database}, user ${endpoint.user}): ${pgCause(err, endpoint)}`,
      {
        hint: 'check the dsn of --sqlBackend (or SKYQL_SQL_BACKEND) and that the server accepts connections',
        cause: err,
      },
    );
  }
  return client;
}
