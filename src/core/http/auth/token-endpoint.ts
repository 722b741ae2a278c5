import { isSkyqlError, type SkyqlError } from '../../../base/errors/skyql-error.js';
import type { HttpRequest, HttpResponse, SendRequest } from '../http-types.js';
import type { AccessToken } from './authenticator.js';
import {
  contactedUrl,
  redact,
  type TokenErrorContext,
  tokenAnswerError,
  tokenSendError,
  tokenStatusError,
} from './token-errors.js';

/**
 * Shared plumbing for talking to token endpoints (OAuth token URL, iamcredentials, metadata
 * server): sending through the injected transport and reading token responses. Failures become
 * the typed errors of token-errors.ts, which name the credential source and never contain a secret.
 */

/** Context for one credential's HTTP calls. */
export interface AuthCallContext extends TokenErrorContext {
  readonly send: SendRequest;
  /** Send to the URL as it is, never through `--endpoint` (the metadata server). */
  readonly direct?: boolean;
}

/** Sends `request` through the transport; a failure becomes the token error saying why (token-errors.ts). */
export async function sendAuthRequest(
  ctx: AuthCallContext,
  request: HttpRequest,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  // Token requests are safe to repeat (each mints a token), so a transport that honours
  // `idempotent` may retry them like GETs; others ignore the extra field.
  const options = {
    idempotent: true,
    ...(signal === undefined ? {} : { signal }),
    ...(ctx.direct ? { direct: true } : {}),
  };
  try {
    return await ctx.send(request, options);
  } catch (err) {
    if (isSkyqlError(err, 'CANCELLED')) throw err;
    throw tokenSendError(ctx, request.url, err);
  }
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
  if (typeof token !== 'string' || token === '')
    throw tokenAnswerError(
      ctx,
      url,
      `token endpoint ${contactedUrl(url, res.url)} answered ${res.status} without an access_token`,
      res.url,
    );
  const expiresIn = Number(body?.expires_in);
  return {
    token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : now + 3600_000,
  };
}

/** The error for a non-2xx answer: status plus the endpoint's own error and description. */
export function endpointError(ctx: AuthCallContext, url: string, res: HttpResponse): SkyqlError {
  // secrets are scrubbed from the whole body before it is cut short (a cut secret would not match)
  return tokenStatusError(
    ctx,
    url,
    res,
    errorDetail(res, (text) => redact(text, ctx.secrets)),
  );
}

/** `invalid_grant: Invalid JWT Signature.`, `PERMISSION_DENIED: ...`, or the start of the body. */
export function errorDetail(res: HttpResponse, scrub: (text: string) => string = (t) => t): string {
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
  const text = scrub(res.body.toString('utf8')).replace(/\s+/g, ' ').trim();
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
