/**
 * Reading Google's JSON error bodies: the canonical status, the message and the machine-readable
 * reasons (legacy `errors[].reason` of the v1 APIs and `details[]` ErrorInfo reasons), so the
 * transport can tell a rate-limit answer from a permission error and fan-outs can classify a
 * failed branch (API not enabled, permission denied, …).
 */

/** Google's error fields from a JSON error body. */
export interface GoogleError {
  /** `RESOURCE_EXHAUSTED`, `PERMISSION_DENIED`, or an OAuth error code. */
  readonly status?: string;
  readonly message?: string;
  /** `rateLimitExceeded`, `accessNotConfigured`, `SERVICE_DISABLED`, `RATE_LIMIT_EXCEEDED`, … */
  readonly reasons: readonly string[];
}

/** Reasons that mean "slow down": the v1 family's 403 variants and ErrorInfo RATE_LIMIT_EXCEEDED. */
const RATE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'RATE_LIMIT_EXCEEDED',
]);

function reasonsOf(e: { errors?: unknown; details?: unknown }): string[] {
  const out: string[] = [];
  for (const list of [e.errors, e.details]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const reason = (item as { reason?: unknown } | null)?.reason;
      if (typeof reason === 'string' && !out.includes(reason)) out.push(reason);
    }
  }
  return out;
}

/** Google's error fields from a response body, or undefined when it is not a JSON error. */
export function parseGoogleError(body: Buffer): GoogleError | undefined {
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
    return { status: err, message: typeof desc === 'string' ? desc : undefined, reasons: [] };
  }
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; message?: unknown; errors?: unknown; details?: unknown };
    let message = typeof e.message === 'string' ? e.message : undefined;
    if (message === undefined && Array.isArray(e.errors)) {
      const first = e.errors[0] as { message?: unknown } | undefined;
      if (first && typeof first.message === 'string') message = first.message;
    }
    return { status: typeof e.status === 'string' ? e.status : undefined, message, reasons: reasonsOf(e) };
  }
  const message = (parsed as { message?: unknown }).message;
  return typeof message === 'string' ? { message, reasons: [] } : undefined;
}

/**
 * True for Google's "slow down" answers: any 429, and a 403 whose reasons say a rate limit or
 * quota was exceeded (rateLimitExceeded, userRateLimitExceeded, quotaExceeded, RATE_LIMIT_EXCEEDED).
 */
export function isRateLimitAnswer(status: number, body: Buffer): boolean {
  if (status === 429) return true;
  if (status !== 403 || body.length > 64 * 1024) return false;
  return parseGoogleError(body)?.reasons.some((r) => RATE_LIMIT_REASONS.has(r)) ?? false;
}

/** True when one of `reasons` says a rate limit or quota was exceeded. */
export function hasRateLimitReason(reasons: readonly string[]): boolean {
  return reasons.some((r) => RATE_LIMIT_REASONS.has(r));
}
