import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { TokenWalker } from '../select/token-walker.js';
import type { ConflictClause } from './local-statement.js';

const CONFLICTS = new Set(['ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE']);

/** Reads a dotted name at i: its parts and the index after it. */
export function dottedName(w: TokenWalker, i: number): { parts: string[]; after: number } {
  const parts: string[] = [];
  if (!w.isName(i)) return { parts, after: i };
  parts.push(w.name(i));
  i++;
  while (w.is(i, '.') && w.isName(i + 1)) {
    parts.push(w.name(i + 1));
    i += 2;
  }
  return { parts, after: i };
}

/** `OR <conflict>` at i: the clause and the index after it. */
export function conflictAt(w: TokenWalker, i: number): { conflict?: ConflictClause; after: number } {
  if (w.word(i) === 'OR' && CONFLICTS.has(w.word(i + 1)))
    return { conflict: w.word(i + 1) as ConflictClause, after: i + 2 };
  return { after: i };
}

/** First depth-0 index from `lo` that starts a clause in `words` (FROM not after DISTINCT), or the length. */
export function clauseAt(w: TokenWalker, lo: number, words: ReadonlySet<string>): number {
  const starts = (i: number) =>
    words.has(w.word(i)) && !(w.word(i) === 'FROM' && w.word(i - 1) === 'DISTINCT');
  return w.topLevel(lo, w.length, starts)[0] ?? w.length;
}

/** The text of tokens [lo, hi), '' when empty. */
export function textOf(w: TokenWalker, text: string, lo: number, hi: number): string {
  return lo < hi ? text.slice(w.start(lo), w.end(hi - 1)) : '';
}

/** PARSE_ERROR for a malformed session statement. */
export function bad(
  text: string,
  expected: string,
  hint = 'CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS SELECT ...',
): SkyqlError {
  return new SkyqlError('PARSE_ERROR', `expected ${expected} in '${text.slice(0, 60)}'`, { hint });
}

/** UNSUPPORTED_STATEMENT for a clause local tables do not take. */
export function unsupported(what: string, hint: string): SkyqlError {
  return new SkyqlError('UNSUPPORTED_STATEMENT', `${what} is not supported on local tables`, { hint });
}
