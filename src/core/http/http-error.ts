/**
 * Turns a non-2xx response into the error a statement fails with, carrying Google's status and
 * message, e.g. `google.storage.buckets.list: HTTP 404 NOT_FOUND: The specified bucket does not exist.`
 */

import { STATUS_CODES } from 'node:http';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { HttpResponse } from './http-types.js';
import { redactBody, redactText } from './redact.js';

/** What the failing call was, for the message. */
export interface HttpErrorContext {
  /** SQL verb (`select`, `insert`, …) or another label such as `exec`. */
  readonly verb: string;
  /** `provider.service.resource`. */
  readonly resourceFqn?: string;
  readonly methodName?: string;
}

/** google.rpc.Code names by HTTP status, for error bodies without a `status` field. */
const CANONICAL_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const EXCERPT_CHARS = 300;

/** Google's error fields from a JSON error body, if it is one. */
interface GoogleError {
  readonly status?: string;
  readonly message?: string;
}

function googleError(body: Buffer): GoogleError | undefined {
  const text = body.toString('utf8').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (!parsed || typeof parsed !== 'object') return undefined;
  const err = (parsed as { error?: unknown }).error;
  if (typeof err === 'string') {
    // OAuth style: {"error": "invalid_grant", "error_description": "..."}
    const desc = (parsed as { error_description?: unknown }).error_description;
    return { status: err, message: typeof desc === 'string' ? desc : undefined };
  }
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; message?: unknown; errors?: unknown };
    let message = typeof e.message === 'string' ? e.message : undefined;
    if (message === undefined && Array.isArray(e.errors)) {
      const first = e.errors[0] as { message?: unknown } | undefined;
      if (first && typeof first.message === 'string') message = first.message;
    }
    return { status: typeof e.status === 'string' ? e.status : undefined, message };
  }
  const message = (parsed as { message?: unknown }).message;
  return typeof message === 'string' ? { message } : undefined;
}

function excerpt(body: Buffer): string {
  const text = redactBody(body).replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

function hintFor(status: number, ctx: HttpErrorContext): string | undefined {
  if (status === 401) return 'check the credentials given with --auth (or Application Default Credentials)';
  if (status === 403) return 'the credentials lack permission, or the API is not enabled for the project';
  if (status === 404 && ctx.resourceFqn)
    return `check the parameter values; SHOW METHODS IN ${ctx.resourceFqn} lists what each method needs`;
  if (status === 429)
    return 'quota or rate limit exceeded; retry later or lower --execution.concurrency.limit';
  return undefined;
}

/**
 * The SkyqlError (HTTP_ERROR) for a failed response: `<fqn>.<method>: HTTP <code> <STATUS>: <message>`
 * from Google's JSON error body, or a short redacted excerpt of any other body.
 */
export function httpErrorFromResponse(res: HttpResponse, context: HttpErrorContext): SkyqlError {
  const label = context.resourceFqn
    ? context.methodName
      ? `${context.resourceFqn}.${context.methodName}`
      : context.resourceFqn
    : `${context.verb} over HTTP`;
  const g = googleError(res.body);
  const statusName =
    g?.status ?? CANONICAL_STATUS[res.status] ?? (res.statusText || STATUS_CODES[res.status] || '');
  const head = `${label}: HTTP ${res.status}${statusName ? ` ${statusName}` : ''}`;
  let detail: string;
  if (g?.message) detail = redactText(g.message);
  else if (res.body.length > 0) detail = excerpt(res.body);
  else detail = '';
  const attempts = res.attempts > 1 ? ` (after ${res.attempts} attempts)` : '';
  const message = `${head}${detail ? `: ${detail}` : ''}${attempts}`;
  return new SkyqlError('HTTP_ERROR', message, { hint: hintFor(res.status, context) });
}
