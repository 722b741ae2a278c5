import { isSkyqlError, SkyqlError } from '../../../base/errors/skyql-error.js';
import type { HttpRequest, HttpResponse, SendRequest } from '../http-types.js';
import type { AccessToken } from './authenticator.js';

/**
 * Shared plumbing for talking to token endpoints (OAuth token URL, iamcredentials, metadata
 * server): sending through the injected transport, reading token responses, and turning failures
 * into AUTH_ERRORs that name the credential source and never contain a secret.
 */

/** Context for one credential's HTTP calls. */
export interface AuthCallContext {
  readonly send: SendRequest;
  /** The credential source, for messages: `service account sa@p.iam.gserviceaccount.com from /k.json`. */
  readonly source: string;
  /** Strings that must never appear in an error message (assertions, refresh tokens, client secrets...). */
  readonly secrets: readonly string[];
  /** How to fix a rejection by the endpoint, shown as the error's hint. */
  readonly hint?: string;
}

/** Replaces every secret in `text` (and bearer tokens / JWT-looking strings) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted]')
    .replace(/\bya29\.[A-Za-z0-9._-]+/g, '[redacted]')
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted]');
}

/** An AUTH_ERROR about `ctx.source`, scrubbed of secrets. */
export function authError(
  ctx: Pick<AuthCallContext, 'source' | 'secrets'>,
  message: string,
  hint?: string,
): SkyqlError {
  return new SkyqlError('AUTH_ERROR', redact(`${ctx.source}: ${message}`, ctx.secrets), {
    hint: hint === undefined ? undefined : redact(hint, ctx.secrets),
  });
}

/** Sends `request` through the transport; transport failures become AUTH_ERRORs naming the URL. */
export async function sendAuthRequest(
  ctx: AuthCallContext,
  request: HttpRequest,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  // Token requests are safe to repeat (each mints a token), so a transport that honours
  // `idempotent` may retry them like GETs; others ignore the extra field.
  const options: { signal?: AbortSignal; idempotent: boolean } = { idempotent: true };
  if (signal !== undefined) options.signal = signal;
  try {
    return await ctx.send(request, options);
  } catch (err) {
    if (isSkyqlError(err, 'CANCELLED')) throw err;
    throw authError(ctx, `request to ${stripQuery(request.url)} failed: ${errorMessage(err)}`, ctx.hint);
  }
}

/** An error's message plus its cause's code (fetch says only "fetch failed"; the cause says ECONNREFUSED). */
export function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause =
    err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

/** POSTs an application/x-www-form-urlencoded body. */
export function postForm(
  ctx: AuthCallContext,
  url: string,
  form: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  return sendAuthRequest(
    ctx,
    {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
    signal,
  );
}

/** Reads a standard OAuth token response (`access_token`, `expires_in`), or throws why it failed. */
export function readOAuthToken(
  ctx: AuthCallContext,
  url: string,
  res: HttpResponse,
  now: number,
): AccessToken {
  if (res.status < 200 || res.status >= 300) throw endpointError(ctx, url, res);
  const body = parseJsonBody(res);
  const token = body?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw authError(
      ctx,
      `token endpoint ${stripQuery(url)} answered ${res.status} without an access_token`,
      ctx.hint,
    );
  }
  const expiresIn = Number(body?.expires_in);
  return {
    token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : now + 3600_000,
  };
}

/** The AUTH_ERROR for a non-2xx answer: status plus the endpoint's own error and description. */
export function endpointError(ctx: AuthCallContext, url: string, res: HttpResponse): SkyqlError {
  return authError(ctx, `token endpoint ${stripQuery(url)} said ${res.status} ${errorDetail(res)}`, ctx.hint);
}

/** `invalid_grant: Invalid JWT Signature.`, `PERMISSION_DENIED: ...`, or the start of the body. */
export function errorDetail(res: HttpResponse): string {
  const body = parseJsonBody(res);
  if (body !== undefined) {
    const e = body.error;
    if (typeof e === 'string') {
      const d = body.error_description;
      return typeof d === 'string' && d !== '' ? `${e}: ${d}` : e;
    }
    if (typeof e === 'object' && e !== null) {
      const ge = e as Record<string, unknown>;
      const status = typeof ge.status === 'string' ? ge.status : '';
      const message = typeof ge.message === 'string' ? ge.message : '';
      if (status || message) return [status, message].filter(Boolean).join(': ');
    }
  }
  const text = res.body.toString('utf8').replace(/\s+/g, ' ').trim();
  if (text === '') return res.statusText || '(empty body)';
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** The response body as a JSON object, or undefined when it is not one. */
export function parseJsonBody(res: HttpResponse): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(res.body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}
