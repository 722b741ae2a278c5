/**
 * The HTTP transport: sends one {@link HttpRequest} with endpoint rewriting, a keep-alive pool,
 * per-attempt timeouts, retries (exponential backoff with full jitter, `Retry-After` honoured),
 * cancellation and a redacted one-line log per attempt.
 *
 * Non-2xx responses are returned (after retries) for callers to judge; connection failures that
 * outlast the retries throw NETWORK_ERROR, connect timeouts HTTP_CONNECT_TIMEOUT, response timeouts
 * HTTP_TIMEOUT, an abort CANCELLED (see transport-errors.ts). A connect timeout is retried like a
 * refused connection, even for a POST (nothing was sent); after a response timeout only idempotent
 * requests are, within the same attempt budget (the server may have acted on a POST).
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { sleepUnlessAborted } from '../../base/util/abort-fanout.js';
import { monotonicMs } from '../../base/util/monotonic-clock.js';
import { createDispatcherFactory, DEFAULT_CONNECT_TIMEOUT_MS } from './dispatcher.js';
import { type EndpointTable, rewriteUrl } from './endpoints.js';
import { isRateLimitAnswer } from './google-error.js';
import { type AttemptOutcome, attemptOnce, splitUrl } from './http-attempt.js';
import { type AttemptRecord, formatAttemptLine } from './http-log.js';
import type { HttpRequest, HttpResponse, SendOptions } from './http-types.js';
import { type LaneStats, type LaneTarget, RateLimiter } from './rate-limiter.js';
import { redactUrl } from './redact.js';
import {
  backoffDelay,
  DEFAULT_RETRY_STATUSES,
  isIdempotentMethod,
  isRejectedBeforeProcessing,
  parseRetryAfter,
} from './retry-policy.js';
import { networkError, responseTimeoutError, targetHost } from './transport-errors.js';
import { createWaitNotices, type WaitNoticeSink } from './wait-notice.js';

export { connectionsFor, DEFAULT_CONNECT_TIMEOUT_MS, proxyUrlFromParts } from './dispatcher.js';
export { type Endpoints, type EndpointTable, parseEndpointSpecs, rewriteUrl } from './endpoints.js';
export { httpErrorFromResponse } from './http-error.js';
export { redactBody, redactHeaders, redactUrl } from './redact.js';

/** Default response timeout per attempt (`--apirequesttimeout` 45 s). */
export const DEFAULT_TIMEOUT_MS = 45_000;
/** Default attempts in all (1 + 4 retries). */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Default first backoff ceiling. */
export const DEFAULT_BASE_DELAY_MS = 500;
/**
 * Default cap of any one wait (backoff or Retry-After): 4 waits of at most 5 s keep a call that
 * keeps failing within about 20 s in all.
 */
export const DEFAULT_MAX_DELAY_MS = 5_000;
/** Default time budget of one call's waits after rate-limit answers (`--http.retry.maxElapsed`). */
export const DEFAULT_MAX_ELAPSED_MS = 120_000;

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /**
   * Response timeout per attempt in ms (headers and body, counted once connected); 0 = none.
   * Default 45 000.
   */
  readonly timeoutMs?: number;
  /** Time to connect (DNS, TCP, TLS) per attempt in ms; 0 = none. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Attempts in all, including the first (default 5; 1 = no retries). */
  readonly maxAttempts?: number;
  /** Ceiling of the first backoff wait (default 500 ms); doubles each retry. */
  readonly baseDelayMs?: number;
  /** Cap of any single wait, backoff or Retry-After (default 5 000 ms). */
  readonly maxDelayMs?: number;
  /** Statuses to retry (default 429, 500, 502, 503, 504). */
  readonly retryStatuses?: readonly number[];
  /**
   * Retry POST/PATCH like idempotent methods. By default they are retried only when the server
   * certainly did not act (429, 503, connection refused), so an INSERT is never sent twice.
   */
  readonly retryNonIdempotent?: boolean;
  /** Waits `ms` (injectable for tests); must reject or return early when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform random in [0, 1) for jitter (injectable for tests). */
  readonly random?: () => number;
  /** Clock for Retry-After dates (injectable for tests). */
  readonly now?: () => number;
  /** Skip TLS certificate verification (`--tls.allowInsecure`). */
  readonly allowInsecure?: boolean;
  /** PEM file of extra trusted CAs (`--tls.CABundle`). */
  readonly caBundle?: string;
  /** Explicit proxy URL; default from HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY. */
  readonly proxy?: string;
  /** Environment for the proxy variables (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** URL rewriting per provider (`--endpoint`), applied to calls that name their provider. */
  readonly endpoints?: EndpointTable;
  /** Keep-alive connections per origin (default 16). */
  readonly connections?: number;
  /** Receives one redacted line per attempt (`--http.log.enabled`). */
  readonly log?: (line: string) => void;
  /** User-Agent header (default `skyql (gzip)`; Google compresses only for a UA naming gzip). */
  readonly userAgent?: string;
  /** Ask for gzip/deflate responses and decompress them (default true). */
  readonly compression?: boolean;
  /** Receives "waiting for HOST (N s)…" while a request is outstanding, undefined to erase it. */
  readonly waitNotice?: WaitNoticeSink;
  /** How long a request waits before {@link TransportOptions.waitNotice} hears of it (default 5 s). */
  readonly waitNoticeAfterMs?: number;
  /**
   * How long one call may keep retrying after rate-limit answers (429, 403 rateLimitExceeded…),
   * counted from the first such answer; these retries do not use up `maxAttempts`. Default 120 s.
   */
  readonly maxElapsedMs?: number;
  /** Fixed requests a second per API host (`--http.rateLimit`), on top of the adaptive pace. */
  readonly rateLimits?: ReadonlyMap<string, number>;
  /** Replaces the pacing (tests); by default one is made from `rateLimits`, pacing in real time. */
  readonly rateLimiter?: RateLimiter;
}

export type { SendOptions } from './http-types.js';

/** Sends requests with retries; also releases its pooled connections. */
export interface Transport {
  (request: HttpRequest, options?: SendOptions): Promise<HttpResponse>;
  /** Closes pooled connections; the transport must not be used afterwards. */
  close(): Promise<void>;
  /** The pace of each (API host, quota project) lane: rate, requests sent, rate-limit answers. */
  rateStats(): LaneStats[];
}

/** Default sleep: resolves after `ms`, rejects when `signal` aborts (one listener per signal). */
const defaultSleep = sleepUnlessAborted;

function byteLength(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function cancelled(method: string, url: string, cause?: unknown): SkyqlError {
  return new SkyqlError('CANCELLED', `request cancelled: ${method} ${redactUrl(url)}`, { cause });
}

/** The retry settings, validated, with defaults filled in. */
interface RetrySettings {
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly retryStatuses: ReadonlySet<number>;
  readonly random: () => number;
  readonly now: () => number;
  readonly maxElapsedMs: number;
}

function retrySettings(options: TransportOptions): RetrySettings {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!(timeoutMs >= 0)) throw new SkyqlError('BAD_FLAG', `request timeout must be >= 0, got ${timeoutMs}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new SkyqlError('BAD_FLAG', `attempts must be a positive integer, got ${maxAttempts}`);
  return {
    timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    retryStatuses: new Set(options.retryStatuses ?? DEFAULT_RETRY_STATUSES),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    maxElapsedMs: options.maxElapsedMs ?? DEFAULT_MAX_ELAPSED_MS,
  };
}

/**
 * The wait before sending again after the `throttles`-th rate-limit answer of a call, or undefined
 * when it would end past the time budget: `Retry-After` when given (uncapped: the budget bounds
 * it), else backoff with jitter; `elapsedMs` counts from the call's first rate-limit answer.
 */
function rateLimitDelay(
  s: RetrySettings,
  headers: Record<string, string>,
  throttles: number,
  elapsedMs: number,
): number | undefined {
  const wait = parseRetryAfter(headers['retry-after'], s.now()) ?? backoffDelay(throttles, s);
  return elapsedMs + wait > s.maxElapsedMs ? undefined : wait;
}

/**
 * The wait before another attempt after `outcome`, or undefined when there is none: the budget is
 * spent, the call was cancelled, or repeating it could act twice (`idempotent` false).
 */
function retryDelay(
  s: RetrySettings,
  outcome: AttemptOutcome,
  attempt: number,
  idempotent: boolean,
): number | undefined {
  if (attempt >= s.maxAttempts) return undefined;
  const backoff = () => backoffDelay(attempt, s);
  switch (outcome.kind) {
    case 'response': {
      const { status, headers } = outcome.raw;
      if (!s.retryStatuses.has(status) || !(idempotent || isRejectedBeforeProcessing(status)))
        return undefined;
      return Math.min(s.maxDelayMs, parseRetryAfter(headers['retry-after'], s.now()) ?? backoff());
    }
    case 'timeout':
      return idempotent ? backoff() : undefined;
    case 'failed':
      return outcome.failure.retryable && (idempotent || outcome.failure.notConnected)
        ? backoff()
        : undefined;
    case 'cancelled':
      return undefined;
  }
}

/** The outcome part of an attempt's log line. */
function outcomeRecord(
  outcome: AttemptOutcome,
  timeoutMs: number,
): Pick<AttemptRecord, 'status' | 'bytes' | 'error'> {
  switch (outcome.kind) {
    case 'response':
      return { status: outcome.raw.status, bytes: outcome.raw.body.length };
    case 'cancelled':
      return { error: 'cancelled' };
    case 'timeout':
      return { error: `response timeout after ${timeoutMs} ms` };
    case 'failed':
      return { error: outcome.failure.reason };
  }
}

/**
 * Creates the transport. Options are validated now (a bad CA bundle or proxy fails here); the
 * connection pool is created on the first request.
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const settings = retrySettings(options);
  const { timeoutMs, connectTimeoutMs, maxAttempts } = settings;
  const sleep = options.sleep ?? defaultSleep;
  const compression = options.compression ?? true;
  const userAgent = options.userAgent ?? 'skyql (gzip)';
  const pool = createDispatcherFactory({
    connections: options.connections,
    allowInsecure: options.allowInsecure,
    caBundle: options.caBundle,
    proxy: options.proxy,
    env: options.env,
    connectTimeoutMs,
  });
  const waits = options.waitNotice && createWaitNotices(options.waitNotice, options.waitNoticeAfterMs);
  const limiter = options.rateLimiter ?? new RateLimiter({ limits: options.rateLimits, sleep: defaultSleep });

  async function send(request: HttpRequest, sendOptions: SendOptions = {}): Promise<HttpResponse> {
    const { signal, provider } = sendOptions;
    const method = request.method.toUpperCase();
    const url =
      provider === undefined || sendOptions.direct
        ? request.url
        : rewriteUrl(request.url, options.endpoints?.get(provider));
    const target = splitUrl(url);
    const headers: Record<string, string> = { 'user-agent': userAgent };
    if (compression) headers['accept-encoding'] = 'gzip, deflate';
    if (request.headers) for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const idempotent = sendOptions.idempotent ?? (options.retryNonIdempotent || isIdempotentMethod(method));
    const sentBytes = byteLength(request.body);
    if (signal?.aborted) throw cancelled(method, url, signal.reason);
    const dispatcher = await pool.get();
    const attempt = {
      method,
      target,
      headers,
      body: request.body,
      signal,
      timeoutMs,
      decompress: compression,
    };

    const call = { method, url, originalUrl: request.url, timeoutMs, connectTimeoutMs };
    const lane = laneTarget(request.url, headers);
    const done = waits?.start(targetHost(url, request.url));
    try {
      // n: requests sent; tries: those that count against maxAttempts (rate-limit answers do not)
      let tries = 0;
      let throttles = 0;
      let firstThrottle = 0;
      for (let n = 1; ; n++) {
        const ticket = await paced(limiter, lane, signal, method, url);
        const started = monotonicMs();
        const outcome = await attemptOnce(dispatcher, attempt);
        const throttled =
          outcome.kind === 'response' && isRateLimitAnswer(outcome.raw.status, outcome.raw.body);
        let retryInMs: number | undefined;
        if (throttled) {
          limiter.throttled(lane, ticket);
          if (throttles++ === 0) firstThrottle = monotonicMs();
          retryInMs = rateLimitDelay(settings, outcome.raw.headers, throttles, monotonicMs() - firstThrottle);
        } else {
          if (outcome.kind === 'response') limiter.succeeded(lane);
          retryInMs = retryDelay(settings, outcome, ++tries, idempotent);
        }
        options.log?.(
          formatAttemptLine({
            method,
            url,
            attempt: throttled ? tries + 1 : tries,
            maxAttempts,
            durationMs: monotonicMs() - started,
            sentBytes,
            retryInMs,
            throttled,
            ...outcomeRecord(outcome, timeoutMs),
          }),
        );
        if (retryInMs === undefined) return settle(outcome, n, call);
        await waitOrCancel(sleep, retryInMs, signal, method, url);
      }
    } finally {
      done?.();
    }
  }

  return Object.assign(send, { close: () => pool.close(), rateStats: () => limiter.stats() });
}

/** The rate-limit lane of a request: Google's host and path (before `--endpoint`) and quota project. */
function laneTarget(originalUrl: string, headers: Record<string, string>): LaneTarget {
  const { host, path } = splitUrl(originalUrl);
  return { host: host.toLowerCase(), path, quotaProject: headers['x-goog-user-project'] };
}

/** Waits for the lane's next send slot; CANCELLED when `signal` aborts meanwhile. */
async function paced(
  limiter: RateLimiter,
  lane: LaneTarget,
  signal: AbortSignal | undefined,
  method: string,
  url: string,
): Promise<number> {
  try {
    return await limiter.acquire(lane, signal);
  } catch (err) {
    if (signal?.aborted) throw cancelled(method, url, err);
    throw err;
  }
}

/** Waits `ms` before the next attempt; CANCELLED when `signal` aborts meanwhile. */
async function waitOrCancel(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
  method: string,
  url: string,
): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (err) {
    if (signal?.aborted) throw cancelled(method, url, err);
    throw err;
  }
  if (signal?.aborted) throw cancelled(method, url, signal.reason);
}

/** The response of the last attempt, or the error saying why there is none. */
function settle(
  outcome: AttemptOutcome,
  attempts: number,
  call: {
    method: string;
    url: string;
    originalUrl: string;
    timeoutMs: number;
    connectTimeoutMs: number;
  },
): HttpResponse {
  const { method, url } = call;
  switch (outcome.kind) {
    case 'response': {
      const { status, headers, body } = outcome.raw;
      return {
        status,
        statusText: process.getBuiltinModule('node:http').STATUS_CODES[status] ?? '',
        headers,
        body,
        url,
        attempts,
      };
    }
    case 'cancelled':
      throw cancelled(method, url, outcome.cause);
    case 'timeout':
      throw responseTimeoutError(method, url, call.timeoutMs, attempts, outcome.cause);
    case 'failed':
      throw networkError(outcome.failure, call, attempts, outcome.cause);
  }
}
