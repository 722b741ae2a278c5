import type * as Pg from 'pg';
import type { PostgresBackendConfig } from '../../../base/config/sql-backend-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { Cell, ResultSet } from '../../../base/result/result-set.js';
import { utf8Text } from '../../../base/util/utf8-text.js';
import {
  connectionLost,
  connectPg,
  isConnectionLost,
  type PgEndpoint,
  pgConnectionString,
  pgEndpoint,
  scrub,
} from './pg-connect.js';
import type { PgConnectionSlots } from './pg-connection-slots.js';
import { copyLine } from './pg-copy.js';
import { pgModules } from './pg-driver.js';
import { installSkyqlObjects, SKYQL_SCHEMA } from './pg-functions.js';
import { qualifySkyqlFunctions } from './pg-qualify.js';
import { columnTypeOf, keptTypeOid } from './pg-types.js';
import { PgWireGate } from './pg-wire-gate.js';

/** Quotes an identifier for PostgreSQL ("a""b"). */
export function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A PostgreSQL error as LOCAL_SQL_ERROR, or SQL_BACKEND_UNAVAILABLE when the connection went away. */
function sqlError(err: unknown, endpoint: PgEndpoint): SkyqlError {
  if (err instanceof SkyqlError) return err;
  if (isConnectionLost(err)) return connectionLost(err, endpoint);
  const e = err as { code?: string; message?: string };
  if (e.code === '57014' && /statement timeout/i.test(e.message ?? ''))
    return new SkyqlError(
      'STATEMENT_TIMEOUT',
      "PostgreSQL's own statement_timeout cancelled the statement (canceling statement due to statement timeout)",
      {
        hint: "it is set on the PostgreSQL side: the dsn's options (-c statement_timeout=...), the role or the database (ALTER ROLE ... SET statement_timeout); skyql's own limit is --execution.timeout",
        cause: err,
      },
    );
  if (e.code === '57014') return new SkyqlError('CANCELLED', 'statement cancelled', { cause: err });
  // 2BP01: a DROP refused because views (made in psql, say) read the table
  // 08P01 (not FATAL): a `$1` in the text with no value bound to it
  const hint =
    e.code === '2BP01'
      ? 'drop the objects that depend on it first (psql: \\d+ lists them)'
      : e.code === '08P01'
        ? "a $n parameter needs a value: bind one (a client library's query parameters) or write the value in the statement"
        : undefined;
  return new SkyqlError('LOCAL_SQL_ERROR', `SQL error: ${scrub(e.message ?? String(err), endpoint)}`, {
    cause: err,
    ...(hint ? { hint } : {}),
  });
}

/** skyql's functions whose names pg_catalog does not have, upper-cased (see qualifySkyqlFunctions). */
async function ownFunctions(client: Pg.Client): Promise<Set<string>> {
  const r = await client.query<{ name: string }>(
    `SELECT DISTINCT p.proname AS name FROM pg_proc p WHERE p.pronamespace = to_regnamespace($1)
       AND NOT EXISTS (SELECT 1 FROM pg_proc q WHERE q.pronamespace = 'pg_catalog'::regnamespace AND q.proname = p.proname)`,
    [SKYQL_SCHEMA],
  );
  return new Set(r.rows.map((x) => x.name.toUpperCase()));
}

/** What a session's connection may hold: a shared slot, and how long it stays open unused. */
export interface PgSessionLimits {
  /** The process's PostgreSQL connections (srv: `--pgsrv.maxBackendConnections`). */
  readonly slots?: PgConnectionSlots;
  /** Close the connection after this long unused, when it holds no temporary tables; 0: never. */
  readonly idleMs?: number;
  /**
   * How long the next operation waits for the server to take a cancel request (default 5000 ms);
   * past it, the request is dropped and the operation runs on a new connection.
   */
  readonly cancelWaitMs?: number;
}

/**
 * One session's connection to PostgreSQL, used one operation at a time (a session's temporary
 * tables live on it, and a transaction must not interleave with another caller's statements).
 * Connects on first use — or at {@link open}, so a bad setting fails at start — installs skyql's
 * schema, sets the search path (the table schema, then public, then skyql's functions), and
 * reconnects after the server went away (the statement that saw it failed and was rolled back).
 */
export class PgSession {
  readonly endpoint: PgEndpoint;
  private client: Pg.Client | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Operations running on the connection now (0 or 1): a cancel request is sent only then. */
  private running = 0;
  /** A cancel request on its way: true once the server took it, false when it never answered. */
  private cancelling: Promise<boolean> | undefined;
  /** skyql's functions that user SQL names without a schema and pg_catalog lacks (upper case). */
  private ownFunctions: ReadonlySet<string> = new Set();
  /** Operations queued or running: the idle timer runs only when there are none. */
  private pending = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: PostgresBackendConfig,
    private readonly limits: PgSessionLimits = {},
  ) {
    this.endpoint = pgEndpoint(config.dsn);
  }

  get isOpen(): boolean {
    return this.client !== undefined;
  }

  async open(): Promise<void> {
    await this.exclusive(async () => undefined);
  }

  /** Runs `fn` on the connection once every earlier operation is done; errors become SkyqlErrors. */
  exclusive<T>(fn: (client: Pg.Client) => Promise<T>): Promise<T> {
    this.pending++;
    clearTimeout(this.idleTimer);
    const run = this.queue.then(async () => {
      // a cancel request of the statement before, still on its way, would cancel this one: wait
      // for the server to take it, or leave that connection if the server never answers
      const cancelling = this.cancelling;
      this.cancelling = undefined;
      if (cancelling && !(await cancelling) && this.client) this.drop(this.client);
      const client = await this.connected();
      this.running++;
      try {
        return await fn(client);
      } catch (err) {
        const tripped = PgWireGate.of(client)?.tripped;
        if (tripped || isConnectionLost(err)) this.drop(client);
        throw tripped ?? sqlError(err, this.endpoint);
      } finally {
        this.running--;
      }
    });
    this.queue = run
      .catch(() => {})
      .finally(() => {
        if (--this.pending === 0) this.whenIdle();
      });
    return run;
  }

  /**
   * After `idleMs` without operations, closes the connection (giving its slot back) unless it
   * holds temporary tables — the session's CREATE TEMP TABLE tables, or a statement's scratch
   * tables while its API calls run — which a new connection would not have. PostgreSQL's own
   * catalog says whether there are any; the next operation reconnects.
   */
  private whenIdle(): void {
    const ms = this.limits.idleMs ?? 0;
    if (ms <= 0 || !this.client) return;
    this.idleTimer = setTimeout(() => {
      if (!this.client) return;
      this.exclusive(async (c) => {
        const temp = await c.query(
          'SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = pg_my_temp_schema()',
        );
        if (temp.rows[0].n === 0 && this.pending === 1) this.drop(c);
      }).catch(() => {});
    }, ms);
    this.idleTimer.unref();
  }

  /** Runs `fn` inside BEGIN … COMMIT (READ ONLY when asked); any failure rolls back. */
  transaction<T>(fn: (client: Pg.Client) => Promise<T>, readOnly = false): Promise<T> {
    return this.exclusive((client) => PgSession.within(client, () => fn(client), readOnly));
  }

  /** Runs `fn` inside BEGIN … COMMIT (READ ONLY when asked) on a connection already held; any failure rolls back. */
  static async within<T>(client: Pg.Client, fn: () => Promise<T>, readOnly = false): Promise<T> {
    await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    try {
      const out = await fn();
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /** One query with bound values, in the current (or its own) transaction. */
  static async rows(client: Pg.Client, sql: string, values: readonly unknown[] = []): Promise<ResultSet> {
    // the extended protocol: one statement, never a script
    const config = {
      text: sql,
      values: values as unknown[],
      rowMode: 'array' as const,
      queryMode: 'extended',
    };
    const r = await client.query<Cell[]>(config as Pg.QueryArrayConfig);
    return {
      columns: r.fields.map((f) => {
        const oid = keptTypeOid(f.dataTypeID);
        const column = { name: f.name, type: columnTypeOf(f.dataTypeID) };
        return oid === undefined ? column : { ...column, pgTypeOid: oid };
      }),
      rows: r.rows,
    };
  }

  /**
   * One statement that may hold user text (a column definition, a query), by the extended
   * protocol, which PostgreSQL refuses to run as several statements whatever the text hides; the
   * number of rows it changed.
   */
  static async command(client: Pg.Client, sql: string, values: readonly unknown[] = []): Promise<number> {
    const config = { text: sql, values: values as unknown[], queryMode: 'extended' };
    return (await client.query(config as Pg.QueryConfig)).rowCount ?? 0;
  }

  /** Streams rows into a table with COPY FROM STDIN (text format); the number copied. */
  static async copyRows(
    client: Pg.Client,
    target: string,
    rows: Iterable<readonly Cell[]> | AsyncIterable<readonly Cell[]>,
  ): Promise<number> {
    const stream = client.query(pgModules().copy.from(`COPY ${target} FROM STDIN`));
    // ~64 KB of lines a chunk, encoded line by line into one buffer (see utf8Text)
    async function* chunks() {
      let lines: string[] = [];
      let size = 0;
      for await (const row of rows) {
        const line = copyLine(row);
        lines.push(line);
        size += line.length;
        if (size >= 1 << 16) {
          yield utf8Text(lines);
          lines = [];
          size = 0;
        }
      }
      if (lines.length > 0) yield utf8Text(lines);
    }
    await process.getBuiltinModule('node:stream/promises').pipeline(chunks, stream);
    return stream.rowCount;
  }

  /**
   * Cancels the statement running on the connection: PostgreSQL's cancel request (the backend's
   * process id and key) on a new connection to the same server, TLS as the DSN says. Sent by hand
   * rather than with Client.cancel, which reads the deprecated Client.activeQuery (a warning on stderr).
   * The connection's next operation waits until the server has taken the request (one arriving
   * after its statement ended on its own would cancel whatever runs next); the statement's own
   * error is not held back.
   */
  cancel(): void {
    const client = this.client as (Pg.Client & { processID: number; secretKey: number }) | undefined;
    if (!client || this.running === 0) return;
    const { processID, secretKey } = client;
    const settings = new (pgModules().pg.Client)({
      connectionString: pgConnectionString(this.config.dsn),
    }) as Pg.Client & {
      connection: {
        stream: { destroy(): void };
        on(event: string, fn: (...args: unknown[]) => void): void;
        connect(portOrPath: number | string, host?: string): void;
        cancel(processID: number, secretKey: number): void;
      };
    };
    const con = settings.connection;
    // the server closes the request's connection once it has signalled the backend
    this.cancelling = new Promise<boolean>((resolve) => {
      const done = (taken: boolean) => {
        clearTimeout(timer);
        resolve(taken);
      };
      const timer = setTimeout(() => {
        con.stream.destroy();
        done(false);
      }, this.limits.cancelWaitMs ?? 5000);
      timer.unref();
      con.on('end', () => done(true));
      con.on('error', () => done(true)); // refused or reset: no request will arrive later
    });
    con.on('connect', () => con.cancel(processID, secretKey));
    const host = settings.host ?? 'localhost';
    if (host.startsWith('/')) con.connect(`${host}/.s.PGSQL.${settings.port}`);
    else con.connect(settings.port, host);
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const client = this.client;
    this.client = undefined;
    await this.queue;
    await client?.end().catch(() => {});
  }

  /** `sql` with calls of skyql's own functions schema-qualified (known once connected). */
  qualified(sql: string): string {
    return qualifySkyqlFunctions(sql, this.ownFunctions);
  }

  private drop(client: Pg.Client): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => {});
  }

  private async connected(): Promise<Pg.Client> {
    if (this.client) return this.client;
    const slots = this.limits.slots;
    await slots?.acquire();
    let held = slots !== undefined;
    const free = () => {
      if (held) slots?.release();
      held = false;
    };
    let client: Pg.Client;
    try {
      client = await connectPg(this.config, this.endpoint);
    } catch (err) {
      free();
      throw err;
    }
    client.once('end', free);
    try {
      await installSkyqlObjects(client);
      const schemas = [this.config.schemata.tableSchema, 'public', SKYQL_SCHEMA];
      await client.query(`SET search_path TO ${[...new Set(schemas)].map(pgIdent).join(', ')}`);
      // the guard reads '…' strings as PostgreSQL does with this on (a backslash is no escape)
      await client.query('SET standard_conforming_strings = on');
      this.ownFunctions = await ownFunctions(client);
      const schema = this.config.schemata.tableSchema;
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      // only when missing: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even then
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${pgIdent(schema)}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw sqlError(err, this.endpoint);
    }
    PgWireGate.install(client);
    this.client = client;
    // a connection that ended between statements (server restarted, idle timeout) is replaced at next use
    client.once('end', () => {
      if (this.client === client) this.client = undefined;
    });
    return client;
  }
}
