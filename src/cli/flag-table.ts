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
import { DEFAULT_MAX_STATEMENT_BYTES } from '../core/sql/statement-size.js';
import { type Flag, integer, list, oneOf, seconds, text, toggle } from './flag-types.js';
import { SERVER_FLAGS } from './server-flags.js';
import type { ProgressMode } from './stderr-reporter.js';
import { TOOL_FLAGS } from './tool-flags.js';

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
  maxStatementBytes: {
    syntax: '--execution.maxStatementBytes <n>',
    help: "bytes one statement's text may hold; a longer one is refused (STATEMENT_TOO_LARGE) before it is parsed",
    type: integer(1),
    default: DEFAULT_MAX_STATEMENT_BYTES,
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

  ...SERVER_FLAGS,
  ...TOOL_FLAGS,
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
  FLAGS.maxStatementBytes,
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
