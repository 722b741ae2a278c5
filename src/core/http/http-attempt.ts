/**
 * One HTTP attempt: a single request on the pool with the response timeout and the caller's
 * AbortSignal, its body read and decompressed. The response timeout starts once the request is on
 * a connected socket (the pool's connect timeout covers the time before), so an expiry says the
 * server accepted the request and did not answer. The outcome says what happened; the transport
 * decides whether to retry.
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { onAbort } from '../../base/util/abort-fanout.js';
import type { RequestPool } from './pool-types.js';
import { redactUrl } from './redact.js';
import { RequestCancel } from './request-cancel.js';
import { classifyNetworkError, type NetworkFailure } from './retry-policy.js';

/** A response as received: status, lower-cased headers, decompressed body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** How one attempt ended. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly raw: RawResponse }
  | { readonly kind: 'cancelled'; readonly cause: unknown }
  | { readonly kind: 'timeout'; readonly cause: unknown }
  | { readonly kind: 'failed'; readonly failure: NetworkFailure; readonly cause: unknown };

/** What {@link attemptOnce} sends. */
export interface AttemptRequest {
  readonly method: string;
  readonly target: { readonly origin: string; readonly path: string };
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
  /** Response timeout (headers and body, from the moment the request is on a connection); 0 = none. */
  readonly timeoutMs: number;
  /** Decompress gzip/deflate/br bodies. */
  readonly decompress: boolean;
}

/** Decompresses with node:zlib, loaded on the first compressed body rather than at start-up. */
function unzip(kind: 'gunzip' | 'inflate' | 'brotliDecompress', body: Buffer): Promise<Buffer> {
  const zlib = process.getBuiltinModule('node:zlib');
  return new Promise((resolve, reject) => zlib[kind](body, (err, out) => (err ? reject(err) : resolve(out))));
}

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || body.length === 0) return body;
  const e = encoding.trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return unzip('gunzip', body);
  if (e === 'deflate') return unzip('inflate', body);
  if (e === 'br') return unzip('brotliDecompress', body);
  return body;
}

function joinHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Sends one attempt. Never throws for network trouble, timeouts or cancellation (they are
 * outcomes); a SkyqlError raised below (e.g. by the dispatcher) is passed on.
 */
export async function attemptOnce(pool: RequestPool, a: AttemptRequest): Promise<AttemptOutcome> {
  const cancel = a.timeoutMs > 0 || a.signal ? new RequestCancel() : undefined;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const startResponseTimer = () => {
    if (a.timeoutMs <= 0 || timer !== undefined) return;
    timer = setTimeout(() => {
      timedOut = true;
      cancel?.cancel(new Error(`timeout after ${a.timeoutMs} ms`));
    }, a.timeoutMs);
  };
  // one listener per shared signal, not per request (see abort-fanout)
  const forget = a.signal ? onAbort(a.signal, () => cancel?.cancel(a.signal?.reason)) : undefined;
  try {
    const res = await pool.request({
      origin: a.target.origin,
      path: a.target.path,
      method: a.method,
      headers: a.headers,
      body: a.body === undefined ? null : a.body,
      cancel,
      onConnected: startResponseTimer,
    });
    const raw = res.body;
    const headers = joinHeaders(res.headers);
    const body = a.decompress ? await decode(raw, headers['content-encoding']) : raw;
    return { kind: 'response', raw: { status: res.statusCode, headers, body } };
  } catch (err) {
    if (a.signal?.aborted) return { kind: 'cancelled', cause: err };
    if (timedOut) return { kind: 'timeout', cause: err };
    if (err instanceof SkyqlError) throw err;
    return { kind: 'failed', failure: classifyNetworkError(err), cause: err };
  } finally {
    if (timer) clearTimeout(timer);
    forget?.();
  }
}

const ABSOLUTE_URL_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^#]*)/i;

/** The host (with port) of an absolute URL, without user info; undefined for other text. */
export function urlHost(url: string): string | undefined {
  const m = ABSOLUTE_URL_RE.exec(url);
  return m ? m[2].slice(m[2].lastIndexOf('@') + 1) : undefined;
}

/** Splits a URL into undici's origin and path without normalising the path. */
export function splitUrl(url: string): { origin: string; host: string; path: string } {
  const m = ABSOLUTE_URL_RE.exec(url);
  if (!m) throw new SkyqlError('BAD_PARAMETER', `not an absolute URL: ${redactUrl(url)}`);
  const host = m[2].slice(m[2].lastIndexOf('@') + 1);
  const rest = m[3];
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  return { origin: `${m[1].toLowerCase()}${host}`, host, path };
}
