import { SkyqlError, type SourcePosition } from '../../base/errors/skyql-error.js';

/**
 * Bytes (UTF-8) one statement's text may hold (`--execution.maxStatementBytes`, 1 MiB), checked
 * before it is lexed or parsed. Every stage after the split reads the whole text again (parse, the
 * guard, view expansion, planning, the final check), each at about a microsecond a token on a
 * loaded 2-core machine, and a 1 MiB `SELECT 1,1,1,…` is a million tokens; in `srv` all of that
 * runs on the thread every client shares. As large as a statement may grow once its views are
 * expanded (`VIEW_TOO_LARGE`, 1,000,000 characters).
 */
export const DEFAULT_MAX_STATEMENT_BYTES = 1024 * 1024;

/** UTF-8 bytes of `text`, counting only when the length in code units leaves it in doubt. */
function utf8Bytes(text: string, max: number): number {
  if (text.length * 3 <= max) return text.length; // at most 3 bytes a code unit: certainly under
  return Buffer.byteLength(text, 'utf8');
}

/** True when `text` is over `max` bytes (UTF-8). */
export function statementTooLarge(text: string, max: number): boolean {
  return text.length > max || utf8Bytes(text, max) > max;
}

/**
 * Throws STATEMENT_TOO_LARGE (54000) when `text` holds more than `max` bytes. `position`: where the
 * statement starts in the script, when known.
 */
export function assertStatementSize(text: string, max: number, position?: SourcePosition): void {
  if (!statementTooLarge(text, max)) return;
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  throw new SkyqlError(
    'STATEMENT_TOO_LARGE',
    `statement${where} is ${mib(Buffer.byteLength(text, 'utf8'))}, more than the ${mib(max)} a statement may hold`,
    {
      ...(position ? { position } : {}),
      hint: 'split it into several statements (an IN list into several queries, rows into several INSERTs), or raise --execution.maxStatementBytes',
    },
  );
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
