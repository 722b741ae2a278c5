import { type SkyqlError, toSkyqlError } from '../../../base/errors/skyql-error.js';
import type { Statement } from '../ast/statement.js';
import type { SqlDialect } from '../dialect.js';
import { splitStatements } from '../split-statements.js';
import { DEFAULT_MAX_STATEMENT_BYTES } from '../statement-size.js';
import { parseStatement } from './parse-statement.js';

/** The outcome of parsing one statement of a script. */
export type ScriptEntry =
  | { readonly ok: true; readonly statement: Statement }
  | {
      readonly ok: false;
      /** The PARSE_ERROR, positioned in the whole script. */
      readonly error: SkyqlError;
      /** The statement's source text. */
      readonly text: string;
      /** Offset of `text` in the whole script. */
      readonly start: number;
    };

/**
 * Splits `source` into statements and parses each one. A statement that fails to parse yields an
 * `{ok: false}` entry instead of throwing, so a caller can run the others and report the bad one.
 * Entries are in source order; empty and comment-only statements are skipped. `dialect`: the
 * local SQL's (PostgreSQL's operators, `[ ]` and `$$` strings pass with `postgres`). A statement
 * over `maxStatementBytes` is a STATEMENT_TOO_LARGE entry, refused before it is lexed.
 */
export function parseScript(
  source: string,
  dialect: SqlDialect = 'sqlite',
  maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES,
): ScriptEntry[] {
  return splitStatements(source, dialect).map((piece): ScriptEntry => {
    try {
      return { ok: true, statement: parseStatement(piece, undefined, dialect, maxStatementBytes) };
    } catch (err) {
      return { ok: false, error: toSkyqlError(err), text: piece.text, start: piece.start };
    }
  });
}
