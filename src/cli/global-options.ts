import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseAuthConfig } from '../base/config/auth-config.js';
import { parseRegistryConfig } from '../base/config/registry-config.js';
import { SkyqlError } from '../base/errors/skyql-error.js';
import type { Reporter } from '../base/util/reporter.js';
import type { SessionOptions } from '../core/engine/create-session.js';
import { parseEndpointSpecs } from '../core/http/transport.js';

/** Options every command accepts (StackQL's flag names where they exist). */
export interface GlobalFlags {
  registry?: string;
  approot?: string;
  pin?: string[];
  usenonpreferredapis?: boolean;
  verbose?: boolean;
}

/** Options of commands that call APIs (exec, shell, srv). */
export interface ApiFlags extends GlobalFlags {
  auth?: string;
  endpoint?: string[];
  'http.log.enabled'?: boolean;
  'http.response.pageLimit'?: string;
  'http.retry.maxAttempts'?: string;
  'http.retry.baseDelayMs'?: string;
  'execution.concurrency.limit'?: string;
  'execution.keepGoing'?: boolean;
  'execution.timeout'?: string;
  apirequesttimeout?: string;
  'tls.allowInsecure'?: boolean | string;
  'tls.CABundle'?: string;
  'await.timeout'?: string;
  'await.interval'?: string;
  'await.maxInterval'?: string;
}

/** Adds the flags of commands that call APIs. */
export function addApiOptions(cmd: Command): Command {
  return addGlobalOptions(cmd)
    .option(
      '--auth <json>',
      'credentials per provider, e.g. {"google": {"type": "service_account", "credentialsfilepath": "key.json"}} (env SKYQL_AUTH)',
    )
    .option(
      '--endpoint <provider=url>',
      "send a provider's (or provider.service's) API calls to another base URL, e.g. an emulator (repeatable; env SKYQL_ENDPOINT)",
      collect,
      [],
    )
    .option('--http.log.enabled', 'log each request to stderr (method, URL, status, time; secrets redacted)')
    .option(
      '--http.response.pageLimit <n>',
      'pages per call at most (default: all, with a warning when cut)',
      '0',
    )
    .option('--http.retry.maxAttempts <n>', 'attempts per request including the first', '5')
    .option('--http.retry.baseDelayMs <ms>', 'first retry delay; doubles each retry (with jitter)', '500')
    .option('--execution.concurrency.limit <n>', 'concurrent API calls per fan-out (<= 0: unbounded)', '16')
    .option('--execution.keepGoing', 'when some calls of a fan-out fail, warn and keep the other rows')
    .option(
      '--execution.timeout <seconds>',
      `cancel a statement after this long, API calls and local SQL alike (0: never; default: srv ${SRV_STATEMENT_TIMEOUT_S}, exec and shell never)`,
    )
    .option('--apirequesttimeout <seconds>', 'timeout per request attempt (0: none)', '45')
    .option('--tls.allowInsecure [bool]', 'skip TLS certificate verification')
    .option('--tls.CABundle <file>', 'PEM file of extra trusted certificate authorities')
    .option(
      '--await.timeout <seconds>',
      'AWAIT: give up waiting for an operation after this long (0: never)',
      '3600',
    )
    .option('--await.interval <seconds>', 'AWAIT: wait before the first poll; grows 1.5x per poll', '1')
    .option('--await.maxInterval <seconds>', 'AWAIT: longest wait between polls', '10');
}

/** A non-negative number of seconds (fractions allowed, e.g. 0.5), returned in milliseconds. */
function secondsFlag(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new SkyqlError('BAD_FLAG', `--${name} must be a number of seconds >= 0, got '${value}'`);
  return Math.round(n * 1000);
}

function intFlag(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new SkyqlError('BAD_FLAG', `--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

/** `--execution.timeout` of `skyql srv` when not given: a wire client cannot hold a connection for ever. */
export const SRV_STATEMENT_TIMEOUT_S = 120;

/**
 * SessionOptions for API access from the flags and environment. `defaultTimeoutS` is the
 * command's `--execution.timeout` when the flag is not given (0: none).
 */
export function apiSessionOptions(flags: ApiFlags, reporter: Reporter, defaultTimeoutS = 0): SessionOptions {
  const base = sessionOptions(flags, reporter);
  // later specs win: the command line overrides SKYQL_ENDPOINT for the same provider or service
  const endpointSpecs = [
    ...(process.env.SKYQL_ENDPOINT?.split(',').filter(Boolean) ?? []),
    ...(flags.endpoint ?? []),
  ];
  const insecure = flags['tls.allowInsecure'];
  return {
    ...base,
    concurrency: intFlag('execution.concurrency.limit', flags['execution.concurrency.limit'], 16, -1),
    keepGoing: flags['execution.keepGoing'] === true,
    statementTimeoutMs: secondsFlag('execution.timeout', flags['execution.timeout'], defaultTimeoutS),
    await: {
      timeoutMs: secondsFlag('await.timeout', flags['await.timeout'], 3600),
      initialDelayMs: secondsFlag('await.interval', flags['await.interval'], 1),
      maxDelayMs: secondsFlag('await.maxInterval', flags['await.maxInterval'], 10),
    },
    api: {
      auth: parseAuthConfig(flags.auth ?? process.env.SKYQL_AUTH),
      pageLimit: intFlag('http.response.pageLimit', flags['http.response.pageLimit'], 0, -1),
      transport: {
        endpoints: parseEndpointSpecs(endpointSpecs),
        timeoutMs: secondsFlag('apirequesttimeout', flags.apirequesttimeout, 45),
        maxAttempts: intFlag('http.retry.maxAttempts', flags['http.retry.maxAttempts'], 5, 1),
        baseDelayMs: intFlag('http.retry.baseDelayMs', flags['http.retry.baseDelayMs'], 500, 0),
        allowInsecure: insecure === true || insecure === 'true',
        caBundle: flags['tls.CABundle'],
        log: flags['http.log.enabled'] ? (line: string) => reporter.message(line) : undefined,
      },
    },
  };
}

/** Adds the shared flags to a command. */
export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option(
      '--registry <json>',
      'registry config JSON {"url", "localDocRoot", "verifyConfig"} or a URL (env SKYQL_REGISTRY)',
    )
    .option('--approot <dir>', 'folder for pulled providers and caches (env SKYQL_APPROOT, default ~/.skyql)')
    .option(
      '--pin <provider=version>',
      'use this installed provider version instead of the newest (repeatable)',
      collect,
      [],
    )
    .option('--usenonpreferredapis', 'include services the provider marks non-preferred')
    .option('-v, --verbose', 'print stack traces with errors');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** The app root: --approot, SKYQL_APPROOT, else ~/.skyql. */
export function appRoot(flags: GlobalFlags): string {
  return resolve(flags.approot ?? process.env.SKYQL_APPROOT ?? join(homedir(), '.skyql'));
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
export function sessionOptions(flags: GlobalFlags, reporter: Reporter): SessionOptions {
  return {
    registry: parseRegistryConfig(flags.registry ?? process.env.SKYQL_REGISTRY, appRoot(flags)),
    reporter,
    pins: parsePins(flags.pin ?? []),
    includeNonPreferred: flags.usenonpreferredapis === true,
  };
}
