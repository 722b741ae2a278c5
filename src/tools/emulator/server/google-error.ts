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

/** An error answered to the client in Google's JSON shape. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: string;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: number,
    message: string,
    options: { status?: string; reason?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? statusName(code);
    this.reason = options.reason ?? STATUS[code]?.reason ?? 'unknown';
    this.headers = options.headers ?? {};
  }

  /** The JSON body Google sends for this error. */
  body(): {
    error: {
      code: number;
      message: string;
      status: string;
      errors: { message: string; domain: string; reason: string }[];
    };
  } {
    return errorBody(this.code, this.message, this.status, this.reason);
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
