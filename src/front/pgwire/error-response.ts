import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { backend } from './protocol/backend-messages.js';

/** Errors whose message names the SQL backend's host, port, database or role. */
const BACKEND_DETAIL = new Set(['SQL_BACKEND_UNAVAILABLE', 'BAD_SQL_BACKEND']);

/**
 * An ErrorResponse for any error: SkyqlErrors carry their SQLSTATE, message, hint and position.
 * Where the SQL backend is (host, port, database, role) is the operator's business, not the
 * clients': such errors reach clients as "the SQL backend is unavailable" and `log` (the
 * server's log) gets the detail.
 */
export function errorResponse(
  err: unknown,
  severity: 'ERROR' | 'FATAL' = 'ERROR',
  log?: (line: string) => void,
): Buffer {
  let e: SkyqlError = toSkyqlError(err);
  if (BACKEND_DETAIL.has(e.code)) {
    log?.(`SQL backend: ${e.message}`);
    e = new SkyqlError(e.code, 'the SQL backend is unavailable', {
      hint: "try again shortly; the server's log says why",
    });
  }
  return backend.errorResponse({
    severity,
    code: e.sqlstate,
    message: e.message,
    hint: e.hint,
    position: e.position ? e.position.offset + 1 : undefined,
  });
}
