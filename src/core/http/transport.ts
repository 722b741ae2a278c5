/**
 * The HTTP transport: sends one {@link HttpRequest} with endpoint rewriting, a keep-alive pool,
 * per-attempt timeouts, retries (exponential backoff with full jitter, `Retry-After` honoured),
 * cancellation and a redacted one-line log per attempt.
 *
 * Non-2xx responses are returned (after retries) for callers to judge; connection failures that
 * outlast the retries throw NETWORK_ERROR, a timeout throws HTTP_TIMEOUT, an abort CANCELLED.
 */

import { STATUS_CODES } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { createDispatcherFactory } from './dispatcher.js';
import { type Endpoints, rewriteUrl } from './endpoints.js';
import { formatAttemptLine } from './http-log.js';
import type { HttpRequest, HttpResponse, SendRequest } from './http-types.js';
import { redactUrl } from './redact.js';
import {
  backoffDelay,
  classifyNetworkError,
  DEFAULT_RETRY_STATUSES,
  isIdempotentMethod,
  isRejectedBeforeProcessing,
  type NetworkFailure,
  parseRetryAfter,
} from './retry-policy.js';

export { proxyUrlFromParts } from './dispatcher.js';
export { type Endpoints, parseEndpointSpecs, rewriteUrl } from './endpoints.js';
export { httpErrorFromResponse } from './http-error.js';
export { redactBody, redactHeaders, redactUrl } from './redact.js';

/** Default per-attempt timeout (`--apirequesttimeout` 45 s). */
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

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** Per-attempt timeout in ms (headers and body); 0 = none. Default 45 000. */
  readonly timeoutMs?: number;
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
  /** URL rewriting (`--endpoint`). */
  readonly endpoints?: Endpoints;
  /** Keep-alive connections per origin (default 16). */
  readonly connections?: number;
  /** Receives one redacted line per attempt (`--http.log.enabled`). */
  readonly log?: (line: string) => void;
  /** User-Agent header (default `skyql (gzip)`; Google compresses only for a UA naming gzip). */
  readonly userAgent?: string;
  /** Ask for gzip/deflate responses and decompress them (default true). */
  readonly compression?: boolean;
}

/** Per-call options: cancellation, and whether this request may be repeated safely. */
export interface SendOptions {
  readonly signal?: AbortSignal;
  /** Overrides the method-based idempotency guess (e.g. a POST that only reads). */
  readonly idempotent?: boolean;
}

/** A {@link SendRequest} that also releases its pooled connections. */
export interface Transport extends SendRequest {
  (request: HttpRequest, options?: SendOptions): Promise<HttpResponse>;
  /** Closes pooled connections; the transport must not be used afterwards. */
  close(): Promise<void>;
}

const unzip = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** Default sleep: resolves after `ms`, rejects when `signal` aborts. */
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : undefined);
}

const ABSOLUTE_URL_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^#]*)/i;

/** Splits a URL into undici's origin and path without normalising the path. */
function splitUrl(url: string): { origin: string; host: string; path: string } {
  const m = ABSOLUTE_URL_RE.exec(url);
  if (!m) throw new SkyqlError('BAD_PARAMETER', `not an absolute URL: ${redactUrl(url)}`);
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  const rest = m[3];
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  return { origin: `${m[1].toLowerCase()}${authority}`, host: authority, path };
}

function joinHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || body.length === 0) return body;
  const e = encoding.trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return unzip.gzip(body);
  if (e === 'deflate') return unzip.deflate(body);
  if (e === 'br') return unzip.br(body);
  return body;
}

function byteLength(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function cancelled(method: string, url: string, cause?: unknown): SkyqlError {
  return new SkyqlError('CANCELLED', `request cancelled: ${method} ${redactUrl(url)}`, { cause });
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Creates the transport. Options are validated now (a bad CA bundle or proxy fails here); the
 * connection pool is created on the first request.
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (!(timeoutMs >= 0)) throw new SkyqlError('BAD_FLAG', `request timeout must be >= 0, got ${timeoutMs}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new SkyqlError('BAD_FLAG', `attempts must be a positive integer, got ${maxAttempts}`);
  const retryStatuses = new Set(options.retryStatuses ?? DEFAULT_RETRY_STATUSES);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const log = options.log;
  const compression = options.compression ?? true;
  const userAgent = options.userAgent ?? 'skyql (gzip)';
  const pool = createDispatcherFactory({
    connections: options.connections,
    allowInsecure: options.allowInsecure,
    caBundle: options.caBundle,
    proxy: options.proxy,
    env: options.env,
  });

  async function attemptOnce(
    dispatcher: Dispatcher,
    method: string,
    target: { origin: string; path: string },
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    signal: AbortSignal | undefined,
    onTimeout: () => void,
  ): Promise<RawResponse> {
    const ac = timeoutMs > 0 || signal ? new AbortController() : undefined;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            onTimeout();
            ac?.abort(new Error(`timeout after ${timeoutMs} ms`));
          }, timeoutMs)
        : undefined;
    const onAbort = () => ac?.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body === undefined ? null : body,
        signal: ac?.signal,
      });
      const raw = Buffer.from(await res.body.arrayBuffer());
      const resHeaders = joinHeaders(res.headers);
      const decoded = compression ? await decode(raw, resHeaders['content-encoding']) : raw;
      return { status: res.statusCode, headers: resHeaders, body: decoded };
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function send(request: HttpRequest, sendOptions: SendOptions = {}): Promise<HttpResponse> {
    const { signal } = sendOptions;
    const method = request.method.toUpperCase();
    const url = rewriteUrl(request.url, options.endpoints);
    const target = splitUrl(url);
    const headers: Record<string, string> = { 'user-agent': userAgent };
    if (compression) headers['accept-encoding'] = 'gzip, deflate';
    if (request.headers) for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const idempotent = sendOptions.idempotent ?? (options.retryNonIdempotent || isIdempotentMethod(method));
    const sentBytes = byteLength(request.body);
    if (signal?.aborted) throw cancelled(method, url, signal.reason);
    const dispatcher = await pool.get();

    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let timedOut = false;
      let raw: RawResponse | undefined;
      let failure: NetworkFailure | undefined;
      try {
        raw = await attemptOnce(dispatcher, method, target, headers, request.body, signal, () => {
          timedOut = true;
        });
      } catch (err) {
        const durationMs = performance.now() - started;
        if (signal?.aborted) {
          log?.(
            formatAttemptLine({
              method,
              url,
              error: 'cancelled',
              attempt,
              maxAttempts,
              durationMs,
              sentBytes,
            }),
          );
          throw cancelled(method, url, err);
        }
        if (timedOut) {
          log?.(
            formatAttemptLine({
              method,
              url,
              error: `timeout after ${timeoutMs} ms`,
              attempt,
              maxAttempts,
              durationMs,
              sentBytes,
            }),
          );
          throw new SkyqlError(
            'HTTP_TIMEOUT',
            `${method} ${redactUrl(url)} timed out after ${formatSeconds(timeoutMs)} (request timeout)`,
            {
              hint: 'raise the limit with --apirequesttimeout=<seconds> (0 = none)',
              cause: err,
            },
          );
        }
        if (err instanceof SkyqlError) throw err;
        failure = classifyNetworkError(err);
        const retry = failure.retryable && attempt < maxAttempts && (idempotent || failure.notConnected);
        const retryInMs = retry ? backoffDelay(attempt, { baseDelayMs, maxDelayMs, random }) : undefined;
        log?.(
          formatAttemptLine({
            method,
            url,
            error: failure.reason,
            attempt,
            maxAttempts,
            durationMs,
            sentBytes,
            retryInMs,
          }),
        );
        if (retryInMs === undefined) throw networkError(failure, target.host, request.url, url, attempt, err);
        await wait(retryInMs, signal, method, url);
        continue;
      }
      const durationMs = performance.now() - started;
      const retryable =
        retryStatuses.has(raw.status) &&
        attempt < maxAttempts &&
        (idempotent || isRejectedBeforeProcessing(raw.status));
      let retryInMs: number | undefined;
      if (retryable) {
        const after = parseRetryAfter(raw.headers['retry-after'], now());
        retryInMs = Math.min(maxDelayMs, after ?? backoffDelay(attempt, { baseDelayMs, maxDelayMs, random }));
      }
      log?.(
        formatAttemptLine({
          method,
          url,
          status: raw.status,
          attempt,
          maxAttempts,
          durationMs,
          sentBytes,
          bytes: raw.body.length,
          retryInMs,
        }),
      );
      if (retryInMs === undefined) {
        return {
          status: raw.status,
          statusText: STATUS_CODES[raw.status] ?? '',
          headers: raw.headers,
          body: raw.body,
          url,
          attempts: attempt,
        };
      }
      await wait(retryInMs, signal, method, url);
    }
  }

  async function wait(
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

  return Object.assign(send, { close: () => pool.close() });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function networkError(
  failure: NetworkFailure,
  host: string,
  originalUrl: string,
  url: string,
  attempts: number,
  cause: unknown,
): SkyqlError {
  const original = splitOriginalHost(originalUrl);
  const where = original && original !== host ? `${host} (for ${original})` : host;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const hint = failure.tls
    ? 'trust the server with --tls.CABundle=<pem file>, or skip verification with --tls.allowInsecure=true'
    : `request was ${redactUrl(url)}; check the network, proxy settings (HTTPS_PROXY/NO_PROXY) and --endpoint`;
  return new SkyqlError('NETWORK_ERROR', `cannot reach ${where}: ${failure.reason}${tries}`, { hint, cause });
}

function splitOriginalHost(url: string): string | undefined {
  const m = ABSOLUTE_URL_RE.exec(url);
  return m ? m[2].slice(m[2].lastIndexOf('@') + 1) : undefined;
}
