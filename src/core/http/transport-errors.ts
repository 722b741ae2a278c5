/**
 * The errors a request ends with when there is no response, each saying what happened and the fix
 * that fits it: the host name did not resolve, nothing accepted the connection, TLS failed, no
 * connection within the connect timeout (HTTP_CONNECT_TIMEOUT: a network problem), or a server that
 * accepted the request and did not answer within the response timeout (HTTP_TIMEOUT: maybe just a
 * slow API). `sendFailureOf` reads them back for callers with their own wording (auth).
 */

import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import { urlHost } from './http-attempt.js';
import { redactUrl } from './redact.js';
import { classifyNetworkError, type NetworkFailure, type NetworkFailureKind } from './retry-policy.js';

/** `150 ms`, `45 s`. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The host a request went to, and the one it was meant for when `--endpoint` rewrote it:
 * `compute.googleapis.com`, `127.0.0.1:8080 (for compute.googleapis.com)`.
 */
export function targetHost(url: string, originalUrl: string): string {
  const host = urlHost(url) ?? redactUrl(url);
  const original = urlHost(originalUrl);
  return original && original !== host ? `${host} (for ${original})` : host;
}

/** `host:port` of an absolute URL, the scheme's default port filled in. */
export function hostAndPort(url: string): string {
  const host = urlHost(url) ?? '';
  if (/:\d+$/.test(host)) return host;
  return `${host}:${/^https:/i.test(url) ? 443 : 80}`;
}

function tries(attempts: number, each: boolean): string {
  if (attempts <= 1) return '';
  return each ? ` in each of ${attempts} attempts` : ` after ${attempts} attempts`;
}

/** The server accepted the request and sent no complete answer within `timeoutMs`. */
export function responseTimeoutError(
  method: string,
  url: string,
  timeoutMs: number,
  attempts: number,
  cause: unknown,
): SkyqlError {
  return new SkyqlError(
    'HTTP_TIMEOUT',
    `${method} ${redactUrl(url)}: the server accepted the request but did not answer within ${formatDuration(timeoutMs)} (response timeout)${tries(attempts, true)}`,
    {
      hint: 'if the API is just slow, raise the limit with --apirequesttimeout=<seconds> (0 = none)',
      cause,
    },
  );
}

/** Why a request got no response, as the error to throw. */
export function networkError(
  failure: NetworkFailure,
  call: { readonly url: string; readonly originalUrl: string; readonly connectTimeoutMs: number },
  attempts: number,
  cause: unknown,
): SkyqlError {
  const target = targetHost(call.url, call.originalUrl);
  const rewritten = target.includes(' (for ');
  const proxy = 'proxy settings (HTTPS_PROXY/NO_PROXY)';
  if (failure.kind === 'connect-timeout') {
    return new SkyqlError(
      'HTTP_CONNECT_TIMEOUT',
      `cannot connect to ${target}: no connection within ${formatDuration(call.connectTimeoutMs)} (connect timeout)${tries(attempts, true)}`,
      {
        hint: `the host did not accept a connection: check that it is reachable from here (firewall, VPN, ${proxy}${rewritten ? ', --endpoint' : ''}); --http.connectTimeout=<seconds> sets the limit`,
        cause,
      },
    );
  }
  const hints: Record<NetworkFailureKind, string> = {
    dns: `the host name could not be resolved: check it${rewritten ? ' (--endpoint)' : ''}, the network's DNS and ${proxy}`,
    refused: `nothing accepts connections at ${hostAndPort(call.url)}: check the address and port${rewritten ? ' (--endpoint; is the emulator running?)' : ''} and ${proxy}`,
    tls: 'trust the server with --tls.CABundle=<pem file> (or NODE_EXTRA_CA_CERTS), or skip verification with --tls.allowInsecure=true',
    'connect-timeout': '',
    other: `request was ${redactUrl(call.url)}; check the network, ${proxy} and --endpoint`,
  };
  return new SkyqlError(
    'NETWORK_ERROR',
    `cannot reach ${target}: ${failure.reason}${tries(attempts, false)}`,
    {
      hint: hints[failure.kind],
      cause,
    },
  );
}

/** Why a send ended without a response: the failure's kind (or a response timeout) and its one-line text. */
export interface SendFailure {
  readonly kind: NetworkFailureKind | 'response-timeout';
  readonly text: string;
}

/**
 * Reads a failed send back: the transport's own errors, or the raw error of another sender (a
 * fetch in tests), described the transport's way; undefined for other skyql errors (a cancel, a
 * bad URL). `url` is the URL that was sent.
 */
export function sendFailureOf(err: unknown, url: string): SendFailure | undefined {
  if (isSkyqlError(err, 'HTTP_TIMEOUT')) return { kind: 'response-timeout', text: err.message };
  if (isSkyqlError(err, 'HTTP_CONNECT_TIMEOUT')) return { kind: 'connect-timeout', text: err.message };
  if (isSkyqlError(err, 'NETWORK_ERROR'))
    return { kind: classifyNetworkError(err.cause).kind, text: err.message };
  if (isSkyqlError(err)) return undefined;
  const failure = classifyNetworkError(err);
  return { kind: failure.kind, text: `cannot reach ${urlHost(url) ?? redactUrl(url)}: ${failure.reason}` };
}
