/**
 * Turns a non-2xx response into the error a statement fails with, carrying Google's status and
 * message, e.g. `google.storage.buckets.list: HTTP 404 NOT_FOUND: The specified bucket does not exist.`
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { parseGoogleError } from './google-error.js';
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

function excerpt(body: Buffer): string {
  const text = redactBody(body).replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Across many projects, how to let the statement finish without the ones that fail so. */
const SKIP_ACROSS = (cls: string) =>
  `; across many projects, --execution.keepGoing --execution.skip ${cls} leaves such projects out`;

function hintFor(status: number, ctx: HttpErrorContext, reasons: readonly string[]): string | undefined {
  if (status === 401) return 'check the credentials given with --auth (or Application Default Credentials)';
  if (status === 403 && (reasons.includes('SERVICE_DISABLED') || reasons.includes('accessNotConfigured')))
    return `the API is not enabled for the project: enable it there${SKIP_ACROSS('disabled')}`;
  if (status === 403)
    return `the credentials lack permission, or the API is not enabled for the project${SKIP_ACROSS('denied,disabled')}`;
  if (status === 404 && ctx.resourceFqn)
    return `check the parameter values; SHOW METHODS IN ${ctx.resourceFqn} lists what each method needs`;
  if (status === 429)
    return 'quota or rate limit exceeded past --http.retry.maxElapsed; raise it, or set --http.rateLimit HOST=N/s below the quota';
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
  const g = parseGoogleError(res.body);
  const statusName =
    g?.status ??
    CANONICAL_STATUS[res.status] ??
    (res.statusText || process.getBuiltinModule('node:http').STATUS_CODES[res.status] || '');
  const head = `${label}: HTTP ${res.status}${statusName ? ` ${statusName}` : ''}`;
  let detail: string;
  if (g?.message) detail = redactText(g.message);
  else if (res.body.length > 0) detail = excerpt(res.body);
  else detail = '';
  const attempts = res.attempts > 1 ? ` (after ${res.attempts} attempts)` : '';
  const message = `${head}${detail ? `: ${detail}` : ''}${attempts}`;
  const failure = new ApiFailure(res.status, statusName, g?.reasons ?? [], message);
  return new SkyqlError('HTTP_ERROR', message, {
    hint: hintFor(res.status, context, g?.reasons ?? []),
    cause: failure,
  });
}

/**
 * What an API answered, kept as the cause of its HTTP_ERROR so callers can judge the failure
 * (a fan-out classifies its failed branches) without parsing the message.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    /** `PERMISSION_DENIED`, `NOT_FOUND`, … */
    readonly statusName: string,
    /** Google's machine-readable reasons (`SERVICE_DISABLED`, `accessNotConfigured`, …). */
    readonly reasons: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** The {@link ApiFailure} behind `err` (searched along its causes), if any. */
export function apiFailureOf(err: unknown): ApiFailure | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth++) {
    if (e instanceof ApiFailure) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
