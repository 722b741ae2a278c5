import type { AuthConfig } from '../../base/config/auth-config.js';
import type { RegistryConfig } from '../../base/config/registry-config.js';
import { SQLITE_BACKEND, type SqlBackendConfig } from '../../base/config/sql-backend-config.js';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { ROWS_PER_BATCH } from '../../base/result/result-sink.js';
import { type Reporter, silentReporter } from '../../base/util/reporter.js';
import { BUILTIN_PROVIDER } from '../catalog/builtin/builtin-provider.js';
import { Catalog } from '../catalog/catalog.js';
import type { Fetcher } from '../catalog/registry/fetcher.js';
import { ProviderRegistry } from '../catalog/registry/provider-registry.js';
import type { BranchFailure } from '../execute/branch-failures.js';
import { DEFAULT_MAX_CALLS } from '../execute/call-budget.js';
import { DEFAULT_CONCURRENCY } from '../execute/fetch-step.js';
import { HttpRowSource } from '../execute/http-row-source.js';
import { type AwaitSettings, DEFAULT_AWAIT } from '../execute/operations/await-operation.js';
import { ProviderSender } from '../execute/provider-sender.js';
import type { ResponseCache } from '../execute/response-cache.js';
import type { RowSource } from '../execute/row-source.js';
import type { Shard } from '../execute/shard.js';
import { createTransport, type Transport, type TransportOptions } from '../http/transport.js';
import { DEFAULT_VIEW_DEPTH } from '../sql/select/expand-views.js';
import { DEFAULT_MAX_STATEMENT_BYTES } from '../sql/statement-size.js';
import { bufferedStream, type LocalStream, pipeQuery } from '../store/local-stream.js';
import type { PgSessionLimits } from '../store/pg/pg-session.js';
import { PgStore } from '../store/pg/pg-store.js';
import type { ResultMemory } from '../store/result-memory.js';
import { SqlRunnerPool } from '../store/sql-runner-pool.js';
import type { LocalRead } from '../store/sql-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { Session } from './session.js';

/** Wiring of a session: registry, catalog, API access (HTTP transport, auth, row source) and store. */

/** Until API access is configured, SELECTs on provider tables fail clearly. */
const noApiAccess: RowSource = {
  fetch(method) {
    return Promise.reject(
      new SkyqlError(
        'UNSUPPORTED_STATEMENT',
        `cannot call ${method.resourceFqn}.${method.name}: API access is not configured in this session`,
      ),
    );
  },
};

/** Settings for {@link createSession}. */
export interface SessionOptions {
  readonly registry: RegistryConfig;
  readonly reporter?: Reporter;
  /** Provider → version to use instead of the newest installed. */
  readonly pins?: ReadonlyMap<string, string>;
  readonly includeNonPreferred?: boolean;
  /** Replaces network/file access to the registry (tests). */
  readonly fetcher?: Fetcher;
  /** Where SELECT gets API rows (HTTP unless replaced). */
  readonly rowSource?: RowSource;
  /** Concurrent API calls per table fan-out (`--execution.concurrency.limit`; <= 0 unbounded). */
  readonly concurrency?: number;
  /** API calls one statement may make over all its tables (`--execution.maxCalls`, default 10,000). */
  readonly maxCalls?: number;
  /** `--shard K/N`: make only this process's share of each statement's split fan-out (execute/shard.ts). */
  readonly shard?: Shard;
  /** Keep the rows of successful fan-out branches when some fail, with a warning. */
  readonly keepGoing?: boolean;
  /** With keepGoing: told of each failed branch (classified) instead of a warning each. */
  readonly onBranchFailure?: (failure: BranchFailure) => void;
  /** Do not report WHERE terms on parameters that SQLite applies instead of the API (`--quiet-notices`). */
  readonly quietNotices?: boolean;
  /** API access over HTTP (used when no rowSource is given). */
  readonly api?: ApiOptions;
  /** API responses kept for a TTL and reused by SELECTs (`/*+ NOCACHE *\/` bypasses); may be shared. */
  readonly cache?: ResponseCache;
  /** Refuse statements that change provider resources or installed files (`--readonly`). */
  readonly readonly?: boolean;
  /** Views within views at most this deep (`--indirect.depth.max`, default 5). */
  readonly viewDepthMax?: number;
  /** Bytes one statement's text may hold (`--execution.maxStatementBytes`, default 1 MiB). */
  readonly maxStatementBytes?: number;
  /** How `/*+ AWAIT *\/` polls operations (`--await.*`); defaults in DEFAULT_AWAIT. */
  readonly await?: Partial<AwaitSettings>;
  /** Cancel each statement after this long (`--execution.timeout`); 0 or absent: no limit. */
  readonly statementTimeoutMs?: number;
  /**
   * Runner processes for user queries, so a timeout or cancel can stop them (may be shared, as by
   * the wire server's sessions). Without them, queries run in this process; with a statement
   * timeout and no runners, the session starts its own.
   */
  readonly runners?: SqlRunnerPool;
  /** Where local SQL runs (`--sqlBackend`): the embedded SQLite (default) or PostgreSQL. */
  readonly sqlBackend?: SqlBackendConfig;
  /** A local query's result bytes at most (RESULT_TOO_LARGE past them; srv, mcp); absent: no cap. */
  readonly maxResultBytes?: number;
  /**
   * The process's memory for query results, shared by its sessions (srv, mcp): each local query's
   * rows are charged to it as they arrive (SERVER_BUSY when spent), and the per-query cap is at most
   * all of it. The front end gives a statement's bytes back through `Session.results`.
   */
  readonly resultMemory?: ResultMemory;
  /** PostgreSQL backend: the process's connections, shared by its sessions (srv), and the idle release. */
  readonly backendLimits?: PgSessionLimits;
}

/** How the session reaches provider APIs. */
export interface ApiOptions {
  readonly transport: TransportOptions;
  readonly auth: AuthConfig;
  /** Pages per call at most; 0 = all. */
  readonly pageLimit: number;
}

/** Builds a session: registry, catalog and an (initially unopened) store: SQLite, or PostgreSQL by `sqlBackend`. */
export function createSession(options: SessionOptions): Session {
  const reporter = options.reporter ?? silentReporter;
  const registry = new ProviderRegistry(options.registry, {
    reporter,
    fetcher: options.fetcher,
    noAutoPull: options.readonly,
  });
  const catalog = new Catalog(registry, options.pins);
  let transport: Transport | undefined;
  let rowSource = options.rowSource;
  let sender: ProviderSender | undefined;
  if (options.api) {
    transport = createTransport(options.api.transport);
    sender = new ProviderSender({ catalog, send: transport, auth: options.api.auth });
  }
  if (!rowSource && options.api && transport) {
    rowSource = new HttpRowSource({
      catalog,
      send: transport,
      auth: options.api.auth,
      pageLimit: options.api.pageLimit,
      warn: (m) => reporter.message(m),
      sender,
    });
  }
  const timeoutMs = options.statementTimeoutMs ?? 0;
  const backend = options.sqlBackend ?? SQLITE_BACKEND;
  // PostgreSQL cancels its own statements; SQLite queries need a killable runner process for that
  const results = options.resultMemory?.account();
  // one query never gets more than the whole budget: past it, RESULT_TOO_LARGE says what is wrong
  const maxResultBytes = options.resultMemory
    ? Math.min(options.maxResultBytes ?? Number.POSITIVE_INFINITY, options.resultMemory.limit)
    : options.maxResultBytes;
  const onSqlite = backend.engine === 'sqlite';
  const ownRunners =
    onSqlite && !options.runners && timeoutMs > 0 ? new SqlRunnerPool({ maxIdle: 1 }) : undefined;
  const runners = onSqlite ? (options.runners ?? ownRunners) : undefined;
  // without runner processes no one else opens the session's file (see SqliteStore)
  const sqlite = onSqlite
    ? new SqliteStore({ maxResultBytes, results, privateFile: runners === undefined })
    : undefined;
  const store =
    sqlite ??
    new PgStore(backend as Exclude<SqlBackendConfig, { engine: 'sqlite' }>, {
      maxResultBytes,
      results,
      ...options.backendLimits,
    });
  const read: LocalRead =
    sqlite && runners
      ? (sql, signal) => runners.read(sqlite.readTarget(), sql, signal, results)
      : sqlite
        ? async (sql) => sqlite.readSync(sql)
        : (sql, signal) => store.read(sql, signal);
  // in this process SQLite rows are stepped batch by batch; a runner or PostgreSQL answers whole
  const stream: LocalStream =
    sqlite && !runners
      ? async (sql, sink, signal) => pipeQuery(sqlite.readStream(sql, ROWS_PER_BATCH), sink, signal)
      : bufferedStream(read);
  return new Session(
    {
      registry,
      catalog,
      store,
      read,
      stream,
      reporter,
      includeNonPreferred: options.includeNonPreferred ?? false,
    },
    {
      rowSource: rowSource ?? noApiAccess,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      maxCalls: options.maxCalls ?? DEFAULT_MAX_CALLS,
      shard: options.shard,
      keepGoing: options.keepGoing ?? false,
      onBranchFailure: options.onBranchFailure,
      throttled: transport ? () => sumThrottled(transport) : undefined,
      // skyql's own tables (the org descent) call Google's APIs
      warmUp: sender
        ? (providers) => {
            for (const p of providers) sender.warmUp(p === BUILTIN_PROVIDER ? 'google' : p);
          }
        : undefined,
      quietNotices: options.quietNotices ?? false,
      cache: options.cache,
      readonly: options.readonly ?? false,
      viewDepthMax: options.viewDepthMax ?? DEFAULT_VIEW_DEPTH,
      maxStatementBytes: options.maxStatementBytes ?? DEFAULT_MAX_STATEMENT_BYTES,
      pageLimit: options.api?.pageLimit ?? 0,
      statementTimeoutMs: timeoutMs,
      runners,
      results,
      mutation: {
        send: sender ? (provider, request, signal) => sender.send(provider, request, signal) : undefined,
        await: { ...DEFAULT_AWAIT, ...options.await },
      },
      close: async () => {
        results?.close();
        if (sqlite?.isOpen) runners?.forget(sqlite.file);
        await ownRunners?.close();
        await transport?.close();
      },
    },
  );
}

/** Rate-limit answers over every lane of the transport. */
function sumThrottled(transport: Transport): number {
  return transport.rateStats().reduce((n, lane) => n + lane.throttled, 0);
}
