/**
 * The one-line summary of each HTTP attempt that `--http.log.enabled` prints to stderr. Every
 * secret is redacted: the URL goes through {@link redactUrl}, and no headers or bodies are printed.
 */

import { redactText, redactUrl } from './redact.js';

/** What is known about one attempt when it ends. */
export interface AttemptRecord {
  readonly method: string;
  readonly url: string;
  /** HTTP status, or undefined when the attempt failed without a response. */
  readonly status?: number;
  /** The failure (code and reason) when there was no response. */
  readonly error?: string;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly durationMs: number;
  /** Response body bytes (after decompression). */
  readonly bytes?: number;
  /** Request body bytes. */
  readonly sentBytes?: number;
  /** The wait before the next attempt, when there is one. */
  readonly retryInMs?: number;
  /** A rate-limit answer: the request is repeated without using up an attempt. */
  readonly throttled?: boolean;
}

/**
 * `HTTP GET https://host/path?key=REDACTED -> 200 attempt 1/5 12 ms 345 B`, with
 * `sent N B` for request bodies, `rate-limited` for a rate-limit answer (which uses up no attempt)
 * and `retry in N ms` when another attempt follows.
 */
export function formatAttemptLine(r: AttemptRecord): string {
  const outcome =
    r.status !== undefined ? String(r.status) : `failed: ${redactText(r.error ?? 'unknown error')}`;
  const parts = [
    `HTTP ${r.method} ${redactUrl(r.url)} -> ${outcome}`,
    `attempt ${r.attempt}/${r.maxAttempts}`,
    `${Math.round(r.durationMs)} ms`,
  ];
  if (r.sentBytes) parts.push(`sent ${r.sentBytes} B`);
  if (r.bytes !== undefined) parts.push(`${r.bytes} B`);
  if (r.throttled) parts.push('rate-limited');
  if (r.retryInMs !== undefined) parts.push(`retry in ${r.retryInMs} ms`);
  return parts.join(' ');
}
