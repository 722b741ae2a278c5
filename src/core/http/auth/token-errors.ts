import type { ErrorCode } from '../../../base/errors/error-codes.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { REDACTED, redactBody } from '../redact.js';
import { sendFailureOf } from '../transport-errors.js';

/**
 * Why a credential got no token, as a typed error that names the credential source and never holds
 * a secret: the endpoint was never reached (host name not found, connection refused, TLS, connect
 * timeout, another network failure), it did not answer in time, it refused the credentials (4xx,
 * with its own error text), the token service failed (5xx), or the answer held no token. Only a
 * refusal blames the credentials; each error's hint fits what happened.
 */

/** Who asked for a token, for messages. */
export interface TokenErrorContext {
  /** The credential source: `service account sa@p.iam.gserviceaccount.com from /k.json`. */
  readonly source: string;
  /** Strings that must never appear in an error message (assertions, refresh tokens, client secrets...). */
  readonly secrets: readonly string[];
  /** What the URL is, for hints: `the key's "token_uri"`, `GCE_METADATA_HOST`. */
  readonly endpoint?: string;
  /** How to fix a refusal by the endpoint (4xx), shown as the error's hint. */
  readonly hint?: string;
}

/**
 * Replaces every secret in `text`, raw or percent- or JSON-encoded, with `[redacted]`; also secret
 * form parameters and JSON fields by name (`refresh_token=...`), bearer tokens, JWTs and keys.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    // as sent (form bodies percent-encode `1//...` refresh tokens) and as a JSON string would carry it
    for (const form of new Set([
      s,
      encodeURIComponent(s),
      new URLSearchParams({ s }).toString().slice(2),
      JSON.stringify(s).slice(1, -1),
    ]))
      out = out.split(form).join('[redacted]');
  }
  const scrubbed = out
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/\bya29\.[A-Za-z0-9._-]+/g, '[redacted]')
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted]');
  // then secret form parameters and JSON fields by name, in this function's marker
  return redactBody(scrubbed).replaceAll(REDACTED, '[redacted]');
}

/** An error of `code` about `ctx.source`, scrubbed of secrets. */
function credentialError(
  code: ErrorCode,
  ctx: Pick<TokenErrorContext, 'source' | 'secrets'>,
  message: string,
  hint: string | undefined,
  cause?: unknown,
): SkyqlError {
  return new SkyqlError(code, redact(`${ctx.source}: ${message}`, ctx.secrets), {
    hint: hint === undefined ? undefined : redact(hint, ctx.secrets),
    cause,
  });
}

/** An AUTH_ERROR about `ctx.source` (unusable credentials), scrubbed of secrets. */
export function authError(
  ctx: Pick<TokenErrorContext, 'source' | 'secrets'>,
  message: string,
  hint?: string,
): SkyqlError {
  return credentialError('AUTH_ERROR', ctx, message, hint);
}

/** `url` without its query. */
export function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

const PROXY = 'proxy settings (HTTPS_PROXY/NO_PROXY)';

/** The error for a token request that got no response (`err` from the transport, or a raw one). */
export function tokenSendError(ctx: TokenErrorContext, url: string, err: unknown): SkyqlError {
  const failure = sendFailureOf(err, url);
  const where = `${ctx.endpoint ?? 'the token URL'} (${stripQuery(url)})`;
  if (failure === undefined) {
    const text = err instanceof Error ? err.message : String(err);
    return credentialError(
      'AUTH_ERROR',
      ctx,
      `request to ${stripQuery(url)} failed: ${text}`,
      undefined,
      err,
    );
  }
  const never = 'the token endpoint was never reached';
  const [code, hint]: [ErrorCode, string] = (() => {
    switch (failure.kind) {
      case 'dns':
        return ['TOKEN_HOST_NOT_FOUND', `${never}: check ${where}, the network's DNS and ${PROXY}`];
      case 'refused':
        return ['TOKEN_CONNECTION_REFUSED', `${never}: check ${where}, --endpoint and ${PROXY}`];
      case 'tls':
        return [
          'TOKEN_TLS_FAILED',
          'the certificate of the token endpoint (or of a proxy inspecting TLS) is not trusted: add its CA with --tls.CABundle=<pem file> or NODE_EXTRA_CA_CERTS=<pem file>',
        ];
      case 'connect-timeout':
        return [
          'TOKEN_TIMEOUT',
          `${never}: check that ${where} is reachable from here (firewall, VPN, HTTPS_PROXY/NO_PROXY)`,
        ];
      case 'response-timeout':
        return [
          'TOKEN_TIMEOUT',
          'the token endpoint accepted the request but did not answer: retry; if it is just slow, raise --apirequesttimeout',
        ];
      case 'other':
        return [
          'TOKEN_NETWORK_ERROR',
          `the connection to ${where} failed: check the network and ${PROXY}, then retry`,
        ];
    }
  })();
  return credentialError(code, ctx, `no access token: ${failure.text}`, hint, err);
}

/**
 * The URL really contacted (`sentUrl`, after `--endpoint`), saying so when `--endpoint` moved it
 * from `url`, without queries.
 */
export function contactedUrl(url: string, sentUrl: string | undefined): string {
  const sent = stripQuery(sentUrl ?? url);
  const meant = stripQuery(url);
  return sent === meant ? sent : `${sent} (--endpoint for ${meant})`;
}

/**
 * The error for a token endpoint's non-2xx answer: `detail` is its own error text, `answer.url`
 * the URL really contacted. A 404 says the URL is wrong (no token endpoint there), not the key.
 */
export function tokenStatusError(
  ctx: TokenErrorContext,
  url: string,
  answer: { readonly status: number; readonly attempts: number; readonly url?: string },
  detail: string,
): SkyqlError {
  const tries = answer.attempts > 1 ? ` (after ${answer.attempts} attempts)` : '';
  const target = contactedUrl(url, answer.url);
  const message = `token endpoint ${target} said ${answer.status} ${detail}${tries}`;
  if (answer.status === 404) {
    const moved = target.includes(' (--endpoint for ') ? ' and --endpoint' : '';
    return credentialError(
      'TOKEN_BAD_RESPONSE',
      ctx,
      message,
      `no token endpoint at that URL: the URL is wrong, not the credentials: check ${ctx.endpoint ?? 'the token URL'}${moved}`,
    );
  }
  if (answer.status >= 400 && answer.status < 500)
    return credentialError('TOKEN_REJECTED', ctx, message, ctx.hint);
  if (answer.status >= 500)
    return credentialError(
      'TOKEN_SERVICE_FAILED',
      ctx,
      message,
      'the token service failed, not the credentials: retry in a moment',
    );
  return tokenAnswerError(ctx, url, message, answer.url);
}

/** The error for an answer that holds no token (`message` says what it was). */
export function tokenAnswerError(
  ctx: TokenErrorContext,
  url: string,
  message: string,
  sentUrl?: string,
): SkyqlError {
  const where = `${ctx.endpoint ?? 'the token URL'} (${contactedUrl(url, sentUrl)})`;
  return credentialError(
    'TOKEN_BAD_RESPONSE',
    ctx,
    message,
    `${where} does not answer like a token endpoint: check it`,
  );
}
