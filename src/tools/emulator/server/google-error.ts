/**
 * Errors in Google's JSON shape: `{"error": {"code", "message", "status", "errors": [...]}}`.
 * Handlers throw {@link ApiError}; the server turns it into the response body.
 */

/** Google's canonical status per HTTP code, and the `errors[].reason` that goes with it. */
const STATUS: Readonly<Record<number, { status: string; reason: string }>> = {
  400: { status: 'INVALID_ARGUMENT', reason: 'badRequest' },
  401: { status: 'UNAUTHENTICATED', reason: 'authError' },
  403: { status: 'PERMISSION_DENIED', reason: 'forbidden' },
  404: { status: 'NOT_FOUND', reason: 'notFound' },
  405: { status: 'UNIMPLEMENTED', reason: 'methodNotAllowed' },
  409: { status: 'ALREADY_EXISTS', reason: 'alreadyExists' },
  412: { status: 'FAILED_PRECONDITION', reason: 'conditionNotMet' },
  413: { status: 'INVALID_ARGUMENT', reason: 'uploadTooLarge' },
  429: { status: 'RESOURCE_EXHAUSTED', reason: 'rateLimitExceeded' },
  500: { status: 'INTERNAL', reason: 'backendError' },
  501: { status: 'UNIMPLEMENTED', reason: 'notImplemented' },
  502: { status: 'UNAVAILABLE', reason: 'badGateway' },
  503: { status: 'UNAVAILABLE', reason: 'backendError' },
  504: { status: 'DEADLINE_EXCEEDED', reason: 'deadlineExceeded' },
};

/** The canonical status name for an HTTP code (`404` → `NOT_FOUND`). */
export function statusName(code: number): string {
  return STATUS[code]?.status ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

/** One entry of the legacy `errors[]` list of v1-style APIs. */
export interface LegacyErrorEntry {
  readonly message: string;
  readonly domain: string;
  readonly reason: string;
  readonly extendedHelp?: string;
}

/** Options of {@link ApiError} beyond code and message. */
export interface ApiErrorOptions {
  readonly status?: string;
  readonly reason?: string;
  readonly headers?: Record<string, string>;
  /** `details` (ErrorInfo, Help, LocalizedMessage…), as Google's newer error model sends them. */
  readonly details?: readonly Record<string, unknown>[];
  /** The legacy `errors[]` list: given entries, or `false` for none (APIs that send only `details`). */
  readonly errors?: readonly LegacyErrorEntry[] | false;
}

/** Google's error body: `code`, `message`, the legacy `errors[]` where the API sends it, `status`, `details`. */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors?: LegacyErrorEntry[];
    status: string;
    details?: Record<string, unknown>[];
  };
}

/** An error answered to the client in Google's JSON shape. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: string;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
  private readonly details: readonly Record<string, unknown>[] | undefined;
  private readonly errors: readonly LegacyErrorEntry[] | false | undefined;

  constructor(code: number, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? statusName(code);
    this.reason = options.reason ?? STATUS[code]?.reason ?? 'unknown';
    this.headers = options.headers ?? {};
    this.details = options.details;
    this.errors = options.errors;
  }

  /** The JSON body Google sends for this error. */
  body(): GoogleErrorBody {
    const errors =
      this.errors === false
        ? undefined
        : this.errors
          ? [...this.errors]
          : [{ message: this.message, domain: 'global', reason: this.reason }];
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(errors ? { errors } : {}),
        status: this.status,
        ...(this.details ? { details: [...this.details] } : {}),
      },
    };
  }
}

/** Builds Google's error body. */
export function errorBody(
  code: number,
  message: string,
  status = statusName(code),
  reason = STATUS[code]?.reason ?? 'unknown',
) {
  return { error: { code, message, status, errors: [{ message, domain: 'global', reason }] } };
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message: string) => new ApiError(404, message);
export const alreadyExists = (message: string) => new ApiError(409, message, { reason: 'alreadyExists' });
export const unauthenticated = (message: string) =>
  new ApiError(401, message, {
    reason: 'required',
    headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
  });
