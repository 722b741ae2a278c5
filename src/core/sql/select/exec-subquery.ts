import type { SqlDialect } from '../dialect.js';
import { Lexer } from '../lexer/lexer.js';
import { isSymbol } from '../lexer/token.js';
import type { TokenWalker } from './token-walker.js';

/**
 * `FROM (EXEC p.s.r.m @k = 'v', ...) alias` (StackQL's EXEC subquery): the method's rows are a row
 * source like a table. The analysis only marks where the EXEC text is; execute/exec-source.ts
 * parses it, calls the method and materialises its rows.
 */

/** The EXEC statement inside the parentheses, as offsets into the statement (hints included). */
export interface ExecSpan {
  readonly start: number;
  readonly end: number;
}

/** True when the parenthesised FROM item at `i` is an EXEC. */
export function opensExec(w: TokenWalker, i: number): boolean {
  return w.is(i, '(') && w.word(i + 1) === 'EXEC';
}

/** The span of the EXEC text of the `(EXEC ...)` whose `(` is token `i`. */
export function execSpan(w: TokenWalker, i: number): ExecSpan {
  return { start: w.start(i + 1), end: w.start(w.match[i]) };
}

/**
 * True when a query reads an `(EXEC ...)` row source anywhere: it calls a method, and a method may
 * change resources (a read-only session refuses it; cached responses are stale after it).
 */
export function hasExecSubquery(text: string, dialect: SqlDialect = 'sqlite'): boolean {
  if (!/exec/i.test(text)) return false;
  const lexer = new Lexer(text, { tolerant: true, dialect });
  let open = false;
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) {
    if (t.kind === 'hint') continue;
    if (open && (t.kind === 'keyword' || t.kind === 'ident') && t.value.toUpperCase() === 'EXEC') return true;
    open = isSymbol(t, '(');
  }
  return false;
}
