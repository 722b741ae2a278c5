import { DEFAULT_MAX_CALLS } from '../core/execute/call-budget.js';
import { DEFAULT_CONCURRENCY } from '../core/execute/fetch-step.js';
import { DEFAULT_AWAIT } from '../core/execute/operations/await-operation.js';
import { DEFAULT_CACHE_TTL_MS } from '../core/execute/response-cache.js';
import { parseShard, type Shard } from '../core/execute/shard.js';
import { DEFAULT_PAGE_LIMIT } from '../core/http/pagination.js';
import {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_ELAPSED_MS,
  DEFAULT_TIMEOUT_MS,
} from '../core/http/transport.js';
import { DEFAULT_WAIT_NOTICE_AFTER_MS } from '../core/http/wait-notice.js';
import {
  DEFAULT_BACKEND_IDLE_MS,
  DEFAULT_MAX_BACKEND_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_RESULT_BYTES,
  DEFAULT_STARTUP_TIMEOUT_MS,
} from '../front/pgwire/server-limits.js';
import type { DocsLayout } from '../tools/docs/page-writer.js';
import { type Flag, integer, list, oneOf, seconds, text, toggle } from './flag-types.js';
import type { ProgressMode } from './stderr-reporter.js';

/** `--execution.timeout` of `skyql srv` when not given: a wire client cannot hold a connection for ever. */
export const SRV_STATEMENT_TIMEOUT_S = 120;

/**
 * Every flag of every command: syntax, help, how its value is read and its default. A default comes
 * from the module that uses it; literals are defaults of modules loaded only by their own command
 * (the wire server, the emulator), which a run of `exec` must not load. A new flag is one entry here
 * and one name in its command's list below.
 */
export const FLAGS = {
  // every command (StackQL's names where they exist)
  registry: {
    syntax: '--registry <json>',
    help: 'registry config JSON {"url", "localDocRoot", "verifyConfig"} or a URL (env SKYQL_REGISTRY)',
    type: text,
  },
  approot: {
    syntax: '--approot <dir>',
    help: 'folder for pulled providers and caches (env SKYQL_APPROOT, default ~/.skyql)',
    type: text,
  },
  pin: {
    syntax: '--pin <provider=version>',
    help: 'use this installed provider version instead of the newest (repeatable)',
    type: list(true),
  },
  nonPreferred: {
    syntax: '--usenonpreferredapis',
    help: 'include services the provider marks non-preferred',
    type: toggle,
  },
  verbose: { syntax: '-v, --verbose', help: 'print error codes and stack traces with errors', type: toggle },

  // commands that call APIs
  auth: {
    syntax: '--auth <json>',
    help: 'credentials per provider, e.g. {"google": {"type": "service_account", "credentialsfilepath": "key.json"}} (env SKYQL_AUTH)',
    type: text,
  },
  keyfilepath: {
    syntax: '--keyfilepath <file>',
    help: 'deprecated (StackQL\'s old flag): a google service account key file, as --auth \'{"google": {"type": "service_account", "credentialsfilepath": "<file>"}}\'',
    type: text,
  },
  sqlBackend: {
    syntax: '--sqlBackend <json>',
    help: 'where local SQL runs, StackQL\'s JSON: {"dbEngine": "sqlite"} (default, embedded) or {"dbEngine": "postgres_tcp", "sqlDialect": "postgres", "dsn": "postgres://user:pass@host:5432/db", "schemata": {"tableSchema": "public"}} (env SKYQL_SQL_BACKEND)',
    type: text,
  },
  endpoint: {
    syntax: '--endpoint <provider=url>',
    help: "send a provider's (or provider.service's) API calls to another base URL, e.g. an emulator (repeatable; env SKYQL_ENDPOINT)",
    type: list(true),
  },
  httpLog: {
    syntax: '--http.log.enabled',
    help: 'log each request to stderr (method, URL, status, time; secrets redacted)',
    type: toggle,
  },
  pageLimit: {
    syntax: '--http.response.pageLimit <n>',
    help: 'pages per call at most (default: all, with a warning when cut)',
    type: integer(-1),
    default: DEFAULT_PAGE_LIMIT,
  },
  maxAttempts: {
    syntax: '--http.retry.maxAttempts <n>',
    help: 'attempts per request including the first',
    type: integer(1),
    default: DEFAULT_MAX_ATTEMPTS,
  },
  baseDelay: {
    syntax: '--http.retry.baseDelayMs <ms>',
    help: 'first retry delay; doubles each retry (with jitter)',
    type: integer(0),
    default: DEFAULT_BASE_DELAY_MS,
  },
  maxElapsed: {
    syntax: '--http.retry.maxElapsed <seconds>',
    help: "time budget of one call's retries after Google's rate-limit answers (429, 403 rateLimitExceeded), which use up no attempts",
    type: seconds,
    default: DEFAULT_MAX_ELAPSED_MS,
  },
  rateLimit: {
    syntax: '--http.rateLimit <host=N/s>',
    help: 'requests a second (N/s) or a minute (N/min) at most to an API host, per quota project, e.g. compute.googleapis.com=20/s (repeatable; Cloud Resource Manager project listing defaults to 4/s)',
    type: list(false),
  },
  concurrency: {
    syntax: '--execution.concurrency.limit <n>',
    help: 'concurrent API calls per fan-out (<= 0: unbounded)',
    type: integer(-1),
    default: DEFAULT_CONCURRENCY,
  },
  maxCalls: {
    syntax: '--execution.maxCalls <n>',
    help: 'API calls one statement may make over all its tables (IN-list combinations and join values); more are refused',
    type: integer(1),
    default: DEFAULT_MAX_CALLS,
  },
  shard: {
    syntax: '--shard <K/N>',
    help: "make only this process's share of each statement's fan-out (calls whose parameter values hash to K modulo N), so N processes with K = 0..N-1 make every call once; into a table with a _shard column, INSERT … SELECT replaces this shard's rows",
    type: { read: (raw: unknown) => parseShard(String(raw)), show: (s: Shard) => `${s.index}/${s.count}` },
  },
  keepGoing: {
    syntax: '--execution.keepGoing',
    help: 'when some calls of a fan-out fail, keep the other rows and end with a summary of the failed calls; exit status 1 unless all were of --execution.skip classes',
    type: toggle,
  },
  skip: {
    syntax: '--execution.skip <classes>',
    help: 'failed calls of these classes are accepted (exit status 0): disabled (API not enabled), denied, notfound, ratelimited, other; implies --execution.keepGoing',
    type: list(true),
  },
  errorsOut: {
    syntax: '--errors-out <file>',
    help: 'write one JSON line per failed fan-out call (class, resource, params, status, message) to this file',
    type: text,
  },
  progress: {
    syntax: '--progress <when>',
    help: 'fan-out progress on stderr: auto (when stderr is a terminal), always, never',
    type: oneOf<ProgressMode>(['auto', 'always', 'never']),
    default: 'auto' as ProgressMode,
  },
  quietNotices: {
    syntax: '--quiet-notices',
    help: 'do not print notices, such as WHERE terms on parameters that skyql applies to the rows instead of passing them to the API',
    type: toggle,
  },
  executionTimeout: {
    syntax: '--execution.timeout <seconds>',
    help: `cancel a statement after this long, API calls and local SQL alike (0: never; default: srv and mcp ${SRV_STATEMENT_TIMEOUT_S}, exec and shell never)`,
    type: seconds,
  },
  requestTimeout: {
    syntax: '--apirequesttimeout <seconds>',
    help: 'response timeout per request attempt: how long a server that accepted the request may take to answer (0: none)',
    type: seconds,
    default: DEFAULT_TIMEOUT_MS,
  },
  connectTimeout: {
    syntax: '--http.connectTimeout <seconds>',
    help: 'connect timeout per request attempt (DNS, TCP, TLS); retried like other connection failures (0: none)',
    type: seconds,
    default: DEFAULT_CONNECT_TIMEOUT_MS,
  },
  waitNotice: {
    syntax: '--http.waitNotice <seconds>',
    help: 'on a terminal, say which host a request is still waiting for after this long (0: never)',
    type: seconds,
    default: DEFAULT_WAIT_NOTICE_AFTER_MS,
  },
  allowInsecure: {
    syntax: '--tls.allowInsecure [bool]',
    help: 'skip TLS certificate verification',
    type: toggle,
  },
  caBundle: {
    syntax: '--tls.CABundle <file>',
    help: 'PEM file of extra trusted certificate authorities',
    type: text,
  },
  awaitTimeout: {
    syntax: '--await.timeout <seconds>',
    help: 'AWAIT: give up waiting for an operation after this long (0: never)',
    type: seconds,
    default: DEFAULT_AWAIT.timeoutMs,
  },
  awaitInterval: {
    syntax: '--await.interval <seconds>',
    help: 'AWAIT: wait before the first poll; grows 1.5x per poll',
    type: seconds,
    default: DEFAULT_AWAIT.initialDelayMs,
  },
  awaitMaxInterval: {
    syntax: '--await.maxInterval <seconds>',
    help: 'AWAIT: longest wait between polls',
    type: seconds,
    default: DEFAULT_AWAIT.maxDelayMs,
  },

  // commands that print results
  output: {
    syntax: '-o, --output <format>',
    help: 'table, csv, text, json, jsonl (ndjson) or pptext',
    type: text,
    default: 'table',
  },
  hideHeaders: { syntax: '-H, --hideheaders', help: 'omit the header row (csv, text)', type: toggle },
  delimiter: { syntax: '-d, --delimiter <char>', help: 'csv delimiter', type: text, default: ',' },
  maxColWidth: {
    syntax: '--max-col-width <n>',
    help: 'truncate table cells wider than n characters',
    type: integer(4),
  },

  // shell and srv
  cacheTtl: {
    syntax: '--cache.ttl <seconds>',
    help: 'reuse API responses for repeated queries this long (0: off; /*+ NOCACHE */ bypasses)',
    type: seconds,
    default: DEFAULT_CACHE_TTL_MS,
  },

  // exec
  infile: {
    syntax: '-i, --infile <file>',
    help: 'read the statements from a file (- for stdin, also read when no query is given and stdin is not a terminal)',
    type: text,
  },
  outfile: { syntax: '-f, --outfile <file>', help: 'write results to a file instead of stdout', type: text },
  dryrun: {
    syntax: '--dryrun',
    help: 'run nothing: print the statements as rendered (templates filled in); EXPLAIN <statement> shows its HTTP requests',
    type: toggle,
  },
  iqldata: {
    syntax: '-q, --iqldata <file>',
    help: 'template data for the statements (.json, or .jsonnet evaluated with --var values as std.extVar)',
    type: text,
  },
  vars: {
    syntax: '--var <name=value>',
    help: 'template variable and Jsonnet external variable (repeatable, or comma-separated)',
    type: list(true),
  },

  // srv (defaults of the wire server, which only srv loads)
  pgAddress: {
    syntax: '--pgsrv.address <address>',
    help: 'address to bind (StackQL binds 0.0.0.0; skyql defaults to loopback)',
    type: text,
    default: '127.0.0.1',
  },
  pgPort: {
    syntax: '--pgsrv.port <port>',
    help: 'port to listen on',
    type: integer(0, 65535),
    default: 5466,
  },
  pgTls: {
    syntax: '--pgsrv.tls <json>',
    help: 'TLS: {"keyFilePath", "certFilePath", "clientCAs": [PEM or base64 PEM]} (clientCAs: mTLS)',
    type: text,
  },
  pgUser: { syntax: '--pgsrv.user <name>', help: 'the only user name accepted (default: any)', type: text },
  pgPassword: {
    syntax: '--pgsrv.password <password>',
    help: 'require this password, SCRAM-SHA-256 (env SKYQL_PGSRV_PASSWORD)',
    type: text,
  },
  pgMaxConnections: {
    syntax: '--pgsrv.maxConnections <n>',
    help: 'client connections at most',
    type: integer(1),
    default: DEFAULT_MAX_CONNECTIONS,
  },
  pgMaxBackendConnections: {
    syntax: '--pgsrv.maxBackendConnections <n>',
    help: 'with a PostgreSQL --sqlBackend: PostgreSQL connections at most, shared by the clients (keep it below max_connections); a client past it waits, then gets 53300',
    type: integer(1),
    default: DEFAULT_MAX_BACKEND_CONNECTIONS,
  },
  pgBackendIdleTimeout: {
    syntax: '--pgsrv.backendIdleTimeout <seconds>',
    help: "with a PostgreSQL --sqlBackend: close a client's PostgreSQL connection after this long unused, unless it holds TEMP tables (0: never)",
    type: seconds,
    default: DEFAULT_BACKEND_IDLE_MS,
  },
  pgStartupTimeout: {
    syntax: '--pgsrv.startupTimeout <seconds>',
    help: 'close connections that have not authenticated after this long',
    type: seconds,
    default: DEFAULT_STARTUP_TIMEOUT_MS,
  },
  pgMaxMessageBytes: {
    syntax: '--pgsrv.maxMessageBytes <n>',
    help: 'largest message after authentication (before it: 10000 bytes)',
    type: integer(1),
    default: DEFAULT_MAX_MESSAGE_BYTES,
  },
  pgMaxResultBytes: {
    syntax: '--pgsrv.maxResultBytes <n>',
    help: 'bytes of rows one query may produce (at most --pgsrv.resultMemory); past them it fails with RESULT_TOO_LARGE',
    type: integer(1),
    default: DEFAULT_MAX_RESULT_BYTES,
  },
  pgResultMemory: {
    syntax: '--pgsrv.resultMemory <MiB>',
    help: "MiB query results may hold in memory at once, over all clients (default: a quarter of Node's heap limit); a query whose rows do not fit fails with SERVER_BUSY (53200), and no query's result may be larger",
    type: integer(1),
  },
  readonly: {
    syntax: '--readonly',
    help: 'refuse INSERT/UPDATE/REPLACE/DELETE/EXEC on providers and REGISTRY PULL',
    type: toggle,
  },

  // mcp (literal defaults: the MCP modules load only with `skyql mcp`)
  mcpServerType: {
    syntax: '--mcp.server.type <type>',
    help: 'stdio (default) or http (Streamable HTTP, address from --mcp.config, default 127.0.0.1:9992)',
    type: oneOf(['stdio', 'http'] as const),
  },
  mcpConfig: {
    syntax: '--mcp.config <json>',
    help: 'StackQL\'s MCP config: {"server": {"transport", "address", "mode"}, "audit": {"disabled", "path", "strict"}, "limits": {"rowLimit", "maxBytes", "maxCellBytes", "maxQueryBytes", "approvalSeconds"}}',
    type: text,
  },
  mcpMode: {
    syntax: '--mcp.mode <mode>',
    help: 'safety mode: read_only, safe (changes need approval; default), delete_safe, full_access',
    type: oneOf(['read_only', 'safe', 'delete_safe', 'full_access'] as const),
  },
  mcpToken: {
    syntax: '--mcp.token <token>',
    help: 'bearer token HTTP clients must send (env SKYQL_MCP_TOKEN); required off loopback',
    type: text,
  },
  mcpMaxSessions: {
    syntax: '--mcp.maxSessions <n>',
    help: 'HTTP: MCP sessions at once (default 64); at the limit the least recently used idle one is closed',
    type: integer(1),
  },
  mcpSessionIdle: {
    syntax: '--mcp.sessionIdle <seconds>',
    help: 'HTTP: close a session with no request or open stream for this long (default 600; 0: never)',
    type: seconds,
  },
  envFile: {
    syntax: '--env.file <file>',
    help: 'KEY=VALUE lines set in the environment before auth is read (SKYQL_AUTH, key paths); re-read by reload_credentials',
    type: text,
  },

  // docs
  docsOut: {
    syntax: '--out <path>',
    help: 'a resource page: file or folder (default: stdout); a service or provider: folder',
    type: text,
  },
  docsLayout: {
    syntax: '--layout <layout>',
    help: 'flat: <service>/<resource>.md; nested: <service>/<resource>/index.md',
    type: oneOf<DocsLayout>(['flat', 'nested']),
    default: 'flat' as DocsLayout,
  },

  // emulator (defaults of the emulator, which only this command loads)
  emulatorPort: {
    syntax: '--port <n>',
    help: 'port to listen on; 0 picks a free one',
    type: integer(0, 65535),
    default: 8089,
  },
  emulatorHost: { syntax: '--host <address>', help: 'address to bind', type: text, default: '127.0.0.1' },
  emulatorProvider: {
    syntax: '--provider <name>',
    help: 'provider whose documents define the APIs',
    type: text,
    default: 'google',
  },
  seed: { syntax: '--seed <file>', help: 'seed data, JSON or YAML (repeatable)', type: list(false) },
  state: {
    syntax: '--state <file>',
    help: 'state file: loaded at start when present, saved on exit and by POST /_emulator/save',
    type: text,
  },
  stateDir: {
    syntax: '--state-dir <folder>',
    help: 'folder for named snapshots: POST /_emulator/save {"name": "x.json"} writes there (and nowhere else)',
    type: text,
  },
  sample: {
    syntax: '--sample',
    help: 'load the demo data set (project, healthcare DICOM study, compute instances, buckets, IAM policy)',
    type: toggle,
  },
  sampleOrg: {
    syntax: '--sample-org <n>',
    help: 'generate an organisation of n projects under folders, with instances, disks, networks, firewalls, buckets, service accounts and IAM policies; some projects have Compute disabled, some are denied (docs/emulator.md)',
    type: integer(1, 100_000),
  },
  orgSeed: {
    syntax: '--org-seed <n>',
    help: 'seed of --sample-org: the same seed gives the same organisation',
    type: integer(0, 2 ** 31 - 1),
    default: 1,
  },
  quota: {
    syntax: '--quota <rule>',
    help: "rate quota per consumer project and API, answered with Google's 429: SERVICE=N/s or N/min, options ,project=N/s ,answer=429|rateLimitExceeded|userRateLimitExceeded ,burst=N ,retryAfter=false (repeatable; e.g. compute.googleapis.com=50/s)",
    type: list(false),
  },
  emulatorAuth: { syntax: '--no-auth', help: 'accept API calls without a bearer token', type: toggle },
  trustKey: {
    syntax: '--trust-key <file>',
    help: 'trust a service-account key for the JWT-bearer grant: PEM public key, certificate or key JSON (repeatable)',
    type: list(false),
  },
  writeKey: {
    syntax: '--write-key <file>',
    help: 'write a throwaway service-account key file (token_uri = the emulator) and trust it',
    type: text,
  },
  operationPolls: {
    syntax: '--operation-polls <n>',
    help: 'GETs before an operation reports done (default 1)',
    type: integer(0),
  },
  pageSize: {
    syntax: '--page-size <n>',
    help: 'page size of lists that ask for none (default 100; --sample sets 5, so its 12 buckets come in 3 pages)',
    type: integer(1),
  },
  fault: {
    syntax: '--fault <json>',
    help: 'inject faults: {"id","match","method","status","message","rate","latencyMs","retryAfter","drop","truncate","times","failOperation"} (repeatable; docs/emulator.md)',
    type: list(false),
  },
  preload: {
    syntax: '--preload',
    help: "compile every service's routes at start instead of on first use",
    type: toggle,
  },
  requestLog: { syntax: '--log', help: 'print one line per request on stderr', type: toggle },
} satisfies Record<string, Flag<unknown>>;

/** Flags of every command. */
export const GLOBAL_FLAGS = [FLAGS.registry, FLAGS.approot, FLAGS.pin, FLAGS.nonPreferred, FLAGS.verbose];

/** Flags of the commands that call APIs (exec, shell, srv), after the global ones. */
export const API_FLAGS = [
  FLAGS.auth,
  FLAGS.sqlBackend,
  FLAGS.keyfilepath,
  FLAGS.endpoint,
  FLAGS.httpLog,
  FLAGS.pageLimit,
  FLAGS.maxAttempts,
  FLAGS.baseDelay,
  FLAGS.maxElapsed,
  FLAGS.rateLimit,
  FLAGS.concurrency,
  FLAGS.maxCalls,
  FLAGS.shard,
  FLAGS.keepGoing,
  FLAGS.skip,
  FLAGS.quietNotices,
  FLAGS.executionTimeout,
  FLAGS.requestTimeout,
  FLAGS.connectTimeout,
  FLAGS.waitNotice,
  FLAGS.allowInsecure,
  FLAGS.caBundle,
  FLAGS.awaitTimeout,
  FLAGS.awaitInterval,
  FLAGS.awaitMaxInterval,
];
