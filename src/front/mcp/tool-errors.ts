import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { excerpt } from '../../core/sql/error-excerpt.js';

/** Codes of failed credentials: the hint adds that reload_credentials re-reads them. */
const AUTH_CODES = new Set([
  'AUTH_ERROR',
  'BAD_AUTH_CONFIG',
  'TOKEN_REJECTED',
  'TOKEN_BAD_RESPONSE',
  'TOKEN_HOST_NOT_FOUND',
  'TOKEN_CONNECTION_REFUSED',
]);

/**
 * A failure as a tool result (`isError: true`): the CLI's one-line message, the line with a caret for
 * parse errors, and the hint; never a stack trace. Auth failures point at reload_credentials.
 */
export function errorResult(err: unknown, sql?: string): CallToolResult {
  const e = toSkyqlError(err);
  return {
    isError: true,
    content: [{ type: 'text', text: errorText(e, sql) }],
  };
}

/** The text of {@link errorResult}. */
export function errorText(e: SkyqlError, sql?: string): string {
  const lines = [e.message];
  if (e.position && sql !== undefined) {
    const caret = excerpt(sql, e.position);
    if (caret) lines.push(caret);
  }
  if (e.hint) lines.push(`hint: ${e.hint}`);
  if (isAuthFailure(e))
    lines.push(
      'hint: after fixing the credentials (key file, --env.file), call reload_credentials and retry',
    );
  lines.push(`(error code ${e.code})`);
  return lines.join('\n');
}

function isAuthFailure(e: SkyqlError): boolean {
  if (AUTH_CODES.has(e.code)) return true;
  return e.code === 'HTTP_ERROR' && /\b401\b|UNAUTHENTICATED/.test(e.message);
}
