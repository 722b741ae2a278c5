import { type SkyqlError, toSkyqlError } from '../../../base/errors/skyql-error.js';
import type { Statement } from '../ast/statement.js';
import { splitStatements } from '../split-statements.js';
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
 * Entries are in source order; empty and comment-only statements are skipped.
 */
export function parseScript(source: string): ScriptEntry[] {
  return splitStatements(source).map((piece): ScriptEntry => {
    try {
      return { ok: true, statement: parseStatement(piece) };
    } catch (err) {
      return { ok: false, error: toSkyqlError(err), text: piece.text, start: piece.start };
    }
  });
}
