import type { StatementBase } from '../ast/statement-base.js';
import { describeToken, isKeyword, isSymbol, type Token, type ValueToken } from '../lexer/token.js';
import { syntaxError } from './parse-error.js';

/**
 * A read position over one statement's tokens (which end with `eof`), with helpers that throw
 * PARSE_ERRORs naming what was expected and what was found.
 */
export class TokenCursor {
  private index = 0;

  /**
   * @param tokens the statement's tokens, ending with `eof`
   * @param base the statement's text and start offset (copied into every node)
   */
  constructor(
    private readonly tokens: readonly Token[],
    readonly base: StatementBase,
  ) {}

  /** The token `ahead` places after the current one (the `eof` token past the end). */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  /** Returns the current token and moves past it (never past `eof`). */
  next(): Token {
    const tok = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return tok;
  }

  /** The token consumed last (the first token when nothing was consumed yet). */
  previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)];
  }

  /** True when only `eof` is left. */
  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Consumes and returns the current token when it is one of the keywords `words`. */
  acceptKeyword(...words: string[]): ValueToken | undefined {
    const tok = this.peek();
    if (tok.kind !== 'keyword' || !words.includes(tok.value)) return undefined;
    this.next();
    return tok;
  }

  /**
   * Like {@link acceptKeyword}, but only when the keyword is a modifier rather than the start of a
   * name: it must be followed by something other than `.` or the end (`DESCRIBE method.x.y` is a
   * name; `DESCRIBE METHOD google...` is the modifier).
   */
  acceptModifier(word: string): boolean {
    const after = this.peek(1);
    if (!isKeyword(this.peek(), word) || after.kind === 'eof' || isSymbol(after, '.')) return false;
    this.next();
    return true;
  }

  /** Consumes the current token when it is the punctuation/operator `symbol`. */
  acceptSymbol(symbol: string): boolean {
    if (!isSymbol(this.peek(), symbol)) return false;
    this.next();
    return true;
  }

  /** Throws `expected <expected>, found <current token>` at the current token. */
  fail(expected: string, hint?: string): never {
    const tok = this.peek();
    throw syntaxError(tok, `expected ${expected}, found ${describeToken(tok)}`, hint);
  }

  /** Throws unless only `eof` is left; `after` names what was parsed, e.g. `the LIKE pattern`. */
  expectEnd(after: string, hint?: string): void {
    if (!this.atEnd()) this.fail(`end of statement after ${after}`, hint);
  }

  /** A cursor over the tokens from the current one on, as a statement of its own (EXPLAIN's). */
  rest(): TokenCursor {
    const first = this.peek();
    const text = this.slice(first.start, this.base.start + this.base.text.length);
    return new TokenCursor(this.tokens.slice(this.index), { text, start: first.start });
  }

  /** The source text from offset `start` to `end` (both in the full source). */
  slice(start: number, end: number): string {
    return this.base.text.slice(start - this.base.start, end - this.base.start);
  }
}
