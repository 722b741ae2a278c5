import { type Stats, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type AuthConfig, parseAuthConfig, parseAuthSpec } from '../base/config/auth-config.js';
import { parseRegistryConfig } from '../base/config/registry-config.js';
import { parseSqlBackendConfig } from '../base/config/sql-backend-config.js';
import { SkyqlError } from '../base/errors/skyql-error.js';
import type { Reporter } from '../base/util/reporter.js';
import type { SessionOptions } from '../core/engine/create-session.js';
import { ResponseCache } from '../core/execute/response-cache.js';
import { parseRateLimits } from '../core/http/rate-limiter.js';
import { connectionsFor, parseEndpointSpecs } from '../core/http/transport.js';
import type { FormatOptions } from '../front/output/formatters.js';
import { API_FLAGS, FLAGS, GLOBAL_FLAGS } from './flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from './flag-types.js';

/** Adds the flags every command accepts. */
export function addGlobalOptions(cmd: Command): Command {
  return addFlags(cmd, GLOBAL_FLAGS);
}

/** Adds the flags of commands that call APIs (exec, shell, srv). */
export function addApiOptions(cmd: Command): Command {
  return addFlags(addGlobalOptions(cmd), API_FLAGS);
}

/**
 * SessionOptions for API access from the flags and environment. `defaultTimeoutS` is the
 * command's `--execution.timeout` when the flag is not given (0: none).
 */
export function apiSessionOptions(
  flags: ParsedFlags,
  reporter: Reporter,
  defaultTimeoutS = 0,
): SessionOptions {
  const base = sessionOptions(flags, reporter);
  // later specs win: the command line overrides SKYQL_ENDPOINT for the same provider or service
  const endpointSpecs = [
    ...(process.env.SKYQL_ENDPOINT?.split(',').filter(Boolean) ?? []),
    ...(readFlag(flags, FLAGS.endpoint) ?? []),
  ];
  const waitNoticeMs = readFlag(flags, FLAGS.waitNotice) ?? 0;
  return {
    ...base,
    concurrency: readFlag(flags, FLAGS.concurrency),
    maxCalls: readFlag(flags, FLAGS.maxCalls),
    maxStatementBytes: readFlag(flags, FLAGS.maxStatementBytes),
    shard: readFlag(flags, FLAGS.shard),
    // accepting some failure classes only makes sense when a failure does not stop the statement
    keepGoing: readFlag(flags, FLAGS.keepGoing) === true || (readFlag(flags, FLAGS.skip) ?? []).length > 0,
    quietNotices: readFlag(flags, FLAGS.quietNotices) === true,
    statementTimeoutMs: readFlag(flags, FLAGS.executionTimeout) ?? defaultTimeoutS * 1000,
    sqlBackend: parseSqlBackendConfig(readFlag(flags, FLAGS.sqlBackend) ?? process.env.SKYQL_SQL_BACKEND),
    await: {
      timeoutMs: readFlag(flags, FLAGS.awaitTimeout),
      initialDelayMs: readFlag(flags, FLAGS.awaitInterval),
      maxDelayMs: readFlag(flags, FLAGS.awaitMaxInterval),
    },
    api: {
      auth: authFromFlags(flags, reporter),
      pageLimit: readFlag(flags, FLAGS.pageLimit),
      transport: {
        endpoints: parseEndpointSpecs(endpointSpecs),
        // as many connections per host as calls in flight, so a wide fan-out does not queue
        connections: connectionsFor(readFlag(flags, FLAGS.concurrency)),
        timeoutMs: readFlag(flags, FLAGS.requestTimeout),
        connectTimeoutMs: readFlag(flags, FLAGS.connectTimeout),
        maxAttempts: readFlag(flags, FLAGS.maxAttempts),
        baseDelayMs: readFlag(flags, FLAGS.baseDelay),
        maxElapsedMs: readFlag(flags, FLAGS.maxElapsed),
        rateLimits: parseRateLimits(readFlag(flags, FLAGS.rateLimit) ?? []),
        allowInsecure: readFlag(flags, FLAGS.allowInsecure) === true,
        caBundle: readFlag(flags, FLAGS.caBundle),
        log: readFlag(flags, FLAGS.httpLog) ? (line: string) => reporter.message(line) : undefined,
        // "waiting for HOST (5 s)…" where the reporter can show and erase a status line
        waitNotice:
          waitNoticeMs > 0 && reporter.status
            ? (text: string | undefined) => reporter.status?.(text)
            : undefined,
        waitNoticeAfterMs: waitNoticeMs,
      },
    },
  };
}

/**
 * `--auth` (else SKYQL_AUTH), plus `--keyfilepath`: StackQL's older flag for a google service
 * account key, kept as an alias with a notice. It replaces a google entry of SKYQL_AUTH (the command
 * line wins) but clashes with one given in `--auth`.
 */
function authFromFlags(flags: ParsedFlags, reporter: Reporter): AuthConfig {
  const flag = readFlag(flags, FLAGS.auth);
  const config = flag !== undefined ? parseAuthConfig(flag) : parseAuthConfig(process.env.SKYQL_AUTH, 'env');
  const keyFile = readFlag(flags, FLAGS.keyfilepath);
  if (keyFile === undefined) return config;
  const entry = { type: 'service_account', credentialsfilepath: keyFile };
  const instead = `--auth '${JSON.stringify({ google: entry })}'`;
  if (flag !== undefined && config.has('google'))
    throw new SkyqlError(
      'BAD_FLAG',
      '--keyfilepath and the google entry of --auth both give google credentials',
      {
        hint: `keep one: ${instead}`,
      },
    );
  reporter.message(`--keyfilepath is deprecated; use ${instead}`);
  return new Map([...config, ['google', parseAuthSpec('google', entry, 'keyfilepath')]]);
}

/** How results are printed: `-H`, `-d` and `--max-col-width`. */
export function outputOptions(flags: ParsedFlags): FormatOptions {
  return {
    hideHeaders: readFlag(flags, FLAGS.hideHeaders) === true,
    delimiter: readFlag(flags, FLAGS.delimiter),
    maxColumnWidth: readFlag(flags, FLAGS.maxColWidth),
  };
}

/** The response cache `--cache.ttl` asks for (shell and srv). */
export function cacheFromFlags(flags: ParsedFlags): ResponseCache {
  return new ResponseCache({ ttlMs: readFlag(flags, FLAGS.cacheTtl) });
}

/** The app root: --approot, SKYQL_APPROOT, else ~/.skyql (see {@link assertOwnAppRoot}). */
export function appRoot(flags: ParsedFlags): string {
  const root = resolve(
    readFlag(flags, FLAGS.approot) ?? process.env.SKYQL_APPROOT ?? join(homedir(), '.skyql'),
  );
  assertOwnAppRoot(root);
  return root;
}

/**
 * Refuses an app root that another user owns, or that anyone may write (without the sticky bit),
 * as git refuses a repository of dubious ownership: it holds what skyql trusts and writes to
 * (providers, caches, the MCP audit log, shell history), so its owner could lead this user, or root,
 * to read planted documents or to write and delete through links. A missing one is made, as this
 * user's, when first needed.
 */
function assertOwnAppRoot(root: string): void {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  let st: Stats;
  try {
    st = statSync(root);
  } catch {
    return; // not there yet
  }
  const uid = process.getuid();
  const othersWrite = (st.mode & 0o002) !== 0 && (st.mode & 0o1000) === 0;
  if (st.uid === uid && !othersWrite) return;
  throw new SkyqlError(
    'UNSAFE_APPROOT',
    st.uid !== uid
      ? `app root ${root} belongs to another user (uid ${st.uid}), not to this one (uid ${uid})`
      : `app root ${root} may be written by anyone (mode ${(st.mode & 0o7777).toString(8)})`,
    {
      hint: 'skyql keeps providers, caches and logs there and trusts them: use a folder of your own (--approot or SKYQL_APPROOT), or fix its owner and mode (chmod 700)',
    },
  );
}

function parsePins(pins: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pin of pins) {
    const m = /^([^=]+)=(.+)$/.exec(pin.trim());
    if (!m)
      throw new SkyqlError('BAD_FLAG', `--pin expects provider=version, got '${pin}'`, {
        hint: '--pin google=v1.0.4',
      });
    map.set(m[1], m[2]);
  }
  return map;
}

/** SessionOptions from the flags and environment. */
export function sessionOptions(flags: ParsedFlags, reporter: Reporter): SessionOptions {
  return {
    registry: parseRegistryConfig(
      readFlag(flags, FLAGS.registry) ?? process.env.SKYQL_REGISTRY,
      appRoot(flags),
    ),
    reporter,
    pins: parsePins(readFlag(flags, FLAGS.pin) ?? []),
    includeNonPreferred: readFlag(flags, FLAGS.nonPreferred) === true,
  };
}
