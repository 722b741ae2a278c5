import { type SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { backend } from './protocol/backend-messages.js';

/** An ErrorResponse for any error: SkyqlErrors carry their SQLSTATE, message, hint and position. */
export function errorResponse(err: unknown, severity: 'ERROR' | 'FATAL' = 'ERROR'): Buffer {
  const e: SkyqlError = toSkyqlError(err);
  return backend.errorResponse({
    severity,
    code: e.sqlstate,
    message: e.message,
    hint: e.hint,
    position: e.position ? e.position.offset + 1 : undefined,
  });
}
