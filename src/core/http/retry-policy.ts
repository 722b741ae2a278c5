/**
 * When and how long to wait before retrying a request: exponential backoff with full jitter,
 * `Retry-After` honoured (capped), and which failures are worth another attempt.
 */

/** Statuses retried by default: rate limiting and transient server errors. */
export const DEFAULT_RETRY_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** True for GET, HEAD, OPTIONS, PUT, DELETE and TRACE. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Statuses that say the server did not act on the request, so even a POST may be retried:
 * 429 (rate limited) and 503 (unavailable).
 */
export function isRejectedBeforeProcessing(status: number): boolean {
  return status === 429 || status === 503;
}

/** Parameters of the backoff curve. */
export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Uniform random number in [0, 1). */
  readonly random: () => number;
}

/**
 * The wait before retry number `retry` (1 = the first retry): full jitter over
 * `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined when
 * absent or unparseable. Dates in the past give 0.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Node/undici error codes of connection failures that another attempt may cure. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'Z_BUF_ERROR',
  'Z_DATA_ERROR',
]);

/** Codes that mean the connection was never established, so no request bytes reached a server. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'CONNECT_TIMEOUT',
]);

/**
 * What went wrong, for choosing the fix to suggest: the host name did not resolve, nothing accepted
 * the connection, TLS failed, no connection within the connect timeout, or anything else (reset,
 * truncated body...).
 */
export type NetworkFailureKind = 'dns' | 'refused' | 'tls' | 'connect-timeout' | 'other';

/** A low-level failure described for users: the code and a short reason. */
export interface NetworkFailure {
  readonly kind: NetworkFailureKind;
  readonly code: string;
  readonly reason: string;
  readonly retryable: boolean;
  /** The request certainly never reached a server (safe to retry even a POST). */
  readonly notConnected: boolean;
  /** A TLS certificate problem (hint at --tls.allowInsecure / --tls.CABundle). */
  readonly tls: boolean;
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR' && code !== 'ERR_INVALID_STATE') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorMessage(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg && !parts.includes(msg)) parts.push(msg);
    e = e && typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined;
  }
  return parts.join(': ');
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server (socket hang up)',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response body truncated',
  ERR_STREAM_PREMATURE_CLOSE: 'response body truncated',
  Z_BUF_ERROR: 'compressed response body truncated',
  Z_DATA_ERROR: 'corrupt compressed response body',
};

/** Classifies an error thrown while sending or reading a response. */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const code = errorCode(err) ?? 'UNKNOWN';
  const message = errorMessage(err);
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|certificate/i.test(`${code} ${message}`);
  const hangUp = /socket hang up|other side closed|terminated|premature close|aborted/i.test(message);
  const retryable = !tls && (RETRYABLE_NETWORK_CODES.has(code) || (code === 'UNKNOWN' && hangUp));
  const known = REASONS[code];
  const reason = known
    ? `${known} (${code})`
    : tls
      ? `TLS failed: ${message}${code === 'UNKNOWN' || message.includes(code) ? '' : ` (${code})`}`
      : message || code;
  return {
    kind: failureKind(code, tls),
    code,
    reason,
    retryable,
    notConnected: NOT_CONNECTED_CODES.has(code),
    tls,
  };
}

function failureKind(code: string, tls: boolean): NetworkFailureKind {
  if (tls) return 'tls';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL')
    return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'CONNECT_TIMEOUT') return 'connect-timeout';
  return 'other';
}
