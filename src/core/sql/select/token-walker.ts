import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { TextMemo } from '../../../base/util/text-memo.js';
import type { SqlDialect } from '../dialect.js';
import { tokenize } from '../lexer/lexer.js';
import { nameOf, type Token, type ValueToken } from '../lexer/token.js';

/**
 * Parentheses nested at most this deep in one statement (subqueries, expressions). The analysis
 * recurses per level, and SQLite refuses a few hundred nested subqueries anyway; a clear limit
 * here keeps a hostile statement from exhausting the stack.
 */
export const MAX_NESTING = 200;

function unbalanced(t: Token, what: string): SkyqlError {
  return new SkyqlError('PARSE_ERROR', `${what} at line ${t.line}, column ${t.column}`, {
    position: { line: t.line, column: t.column, offset: t.start },
    hint: 'every ( needs its ) and every [ its ]',
  });
}

/**
 * Tokens of one statement with matching parentheses precomputed, and the small predicates the
 * structural SELECT parser needs. Words are compared upper-cased whether the lexer called them
 * keywords or identifiers (INTERSECT, NATURAL… are not in its keyword set).
 */
export class TokenWalker {
  /** The walker of `text`, made once per text while remembered (it is read-only). */
  static of(text: string, dialect: SqlDialect = 'sqlite'): TokenWalker {
    return walkers.through(text, dialect, () => new TokenWalker(text, dialect));
  }

  readonly tokens: readonly Token[];
  /** For each `(` its `)` and vice versa (`[` and `]` likewise); -1 elsewhere. */
  readonly match: Int32Array;
  /** Each token's {@link word}, upper-cased once: the analysis asks for most several times. */
  private readonly words: string[];

  constructor(text: string, dialect: SqlDialect = 'sqlite') {
    this.tokens = tokenize(text, undefined, dialect).filter((t) => t.kind !== 'hint' && t.kind !== 'eof');
    this.match = new Int32Array(this.tokens.length).fill(-1);
    this.words = this.tokens.map((t) =>
      t.kind === 'keyword' ? t.value : t.kind === 'ident' ? t.value.toUpperCase() : '',
    );
    const stack: number[] = [];
    this.tokens.forEach((t, i) => {
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) {
        if (stack.push(i) > MAX_NESTING)
          throw new SkyqlError(
            'SQL_TOO_DEEP',
            `statement nests parentheses (subqueries, expressions) more than ${MAX_NESTING} deep, at line ${t.line}, column ${t.column}`,
            {
              position: { line: t.line, column: t.column, offset: t.start },
              hint: 'flatten it: name subqueries with WITH name AS (...) and join them',
            },
          );
      } else if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) {
        const open = stack.pop();
        const opener = t.text === ')' ? '(' : '[';
        if (open === undefined || this.tokens[open].text !== opener)
          throw unbalanced(t, `'${t.text}' without a matching '${opener}'`);
        this.match[open] = i;
        this.match[i] = open;
      }
    });
    // Every analysis step reads `match`: an unclosed `(` is a syntax error SQLite would report too.
    const unclosed = stack.pop();
    if (unclosed !== undefined)
      throw unbalanced(this.tokens[unclosed], `'${this.tokens[unclosed].text}' is never closed`);
  }

  get length(): number {
    return this.tokens.length;
  }

  /** Upper-cased word of a keyword/identifier token, '' otherwise. */
  word(i: number): string {
    return this.words[i] ?? '';
  }

  /** True when token i is the symbol `s` (punct or operator). */
  is(i: number, s: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && (t.kind === 'punct' || t.kind === 'operator') && t.text === s;
  }

  /** True when token i can be a name (identifier, quoted identifier or keyword used as a name). */
  isName(i: number): boolean {
    const t = this.tokens[i];
    return t !== undefined && (t.kind === 'ident' || t.kind === 'quotedIdent' || t.kind === 'keyword');
  }

  /**
   * The name a token spells: quoted identifiers unquoted, and a keyword used as a name as written
   * (`view`, not `VIEW`), so parameters named like SQL words (`view`, `order`) match.
   */
  name(i: number): string {
    return nameOf(this.tokens[i] as ValueToken);
  }

  /** True when token i is a bare keyword (not quoted, not an identifier). */
  isKeyword(i: number): boolean {
    return this.tokens[i]?.kind === 'keyword';
  }

  /** Index after the group starting at i (skips a whole parenthesised or bracketed group). */
  skip(i: number): number {
    return (this.is(i, '(') || this.is(i, '[')) && this.match[i] > i ? this.match[i] + 1 : i + 1;
  }

  /** Depth-0 indexes in [lo, hi) where `pred` holds. */
  topLevel(lo: number, hi: number, pred: (i: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = lo; i < hi; i = this.skip(i)) if (pred(i)) out.push(i);
    return out;
  }

  start(i: number): number {
    return this.tokens[i].start;
  }

  end(i: number): number {
    return this.tokens[i].end;
  }
}

/** Analysis, local statements and casts each walk a statement's tokens: one walker per text. */
const walkers = new TextMemo<TokenWalker>();
