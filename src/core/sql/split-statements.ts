import type { SqlDialect } from './dialect.js';
import { Lexer } from './lexer/lexer.js';
import type { Token } from './lexer/token.js';

/** One statement cut from a script, with where it starts in the script. */
export interface StatementSource {
  /** The statement's text: from its first token to its last, without the `;` and surrounding comments. */
  readonly text: string;
  /** Offset of `text` in the whole script. */
  readonly start: number;
  /** 1-based line of `start` in the whole script. */
  readonly line: number;
  /** 1-based column of `start` in the whole script. */
  readonly column: number;
}

/**
 * Splits a script on the `;` tokens that are outside string literals, quoted identifiers and
 * comments (so `'a;b'` does not split, unlike StackQL's splitter). Statements that are empty or hold
 * only comments are dropped. Offsets and lines are those of the whole script, so an error in the
 * third statement reports its real line. Never throws: an unterminated literal or comment makes the
 * rest of the script one statement, which the parser then reports. `dialect`: whose strings and
 * comments (PostgreSQL's `$$…$$`) hide a `;`.
 */
export function splitStatements(source: string, dialect: SqlDialect = 'sqlite'): StatementSource[] {
  const lexer = new Lexer(source, { tolerant: true, dialect });
  const out: StatementSource[] = [];
  let first: Token | undefined;
  let last: Token | undefined;
  const flush = (): void => {
    if (first && last) {
      out.push({
        text: source.slice(first.start, last.end),
        start: first.start,
        line: first.line,
        column: first.column,
      });
    }
    first = undefined;
    last = undefined;
  };
  for (;;) {
    const tok = lexer.next();
    if (tok.kind === 'eof') break;
    if (tok.kind === 'punct' && tok.text === ';') {
      flush();
      continue;
    }
    first ??= tok;
    last = tok;
  }
  flush();
  return out;
}
