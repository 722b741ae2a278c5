/** The kinds of token the SQL lexer produces. */
export type TokenKind =
  | 'keyword'
  | 'ident'
  | 'quotedIdent'
  | 'string'
  | 'number'
  | 'operator'
  | 'punct'
  | 'hint'
  | 'param'
  | 'eof';

/** Fields every token has. Offsets and line/column refer to the whole source (see `SourceOrigin`). */
interface TokenBase {
  /** The exact source slice, e.g. `'it''s'` for a string or `/*+ AWAIT *\/` for a hint. */
  readonly text: string;
  /** Offset of the first character (0-based, UTF-16 code units). */
  readonly start: number;
  /** Offset just past the last character, so `source.slice(start, end) === text`. */
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
  /** 1-based column of `start`. */
  readonly column: number;
}

/**
 * A token whose value is a string:
 * - `keyword`: the upper-cased word (`select` → `SELECT`);
 * - `ident`: the word as written (identifiers are case-sensitive);
 * - `quotedIdent`: the name inside `"..."` or `` `...` `` with doubled quotes unescaped;
 * - `string`: the contents of `'...'` with `''` unescaped to `'`;
 * - `number`, `operator`, `punct`: the text;
 * - `param`: the text without its first `@` (`@zone` → `zone`, `@@json` → `@json`);
 * - `eof`: the empty string.
 */
export interface ValueToken extends TokenBase {
  readonly kind: Exclude<TokenKind, 'hint'>;
  readonly value: string;
}

/** A `/*+ AWAIT, NOSTATUS *\/` comment; `value` is the upper-cased hint names (`['AWAIT', 'NOSTATUS']`). */
export interface HintToken extends TokenBase {
  readonly kind: 'hint';
  readonly value: readonly string[];
}

/** One lexical token. Narrow on `kind` to get a string or a hint-list `value`. */
export type Token = ValueToken | HintToken;

/** True when `token` is the keyword `word` (given upper-case). */
export function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'keyword' && token.value === word;
}

/** True when `token` is the punctuation or operator `symbol`. */
export function isSymbol(token: Token, symbol: string): boolean {
  return (token.kind === 'punct' || token.kind === 'operator') && token.text === symbol;
}

/** True for tokens that may serve as a name: identifiers, quoted identifiers and keywords. */
export function isNameToken(token: Token): token is ValueToken {
  return token.kind === 'ident' || token.kind === 'quotedIdent' || token.kind === 'keyword';
}

/**
 * The name a name-like token stands for: a keyword used as a name keeps its spelling
 * (`Instances`, not `INSTANCES`); quoted identifiers are unescaped.
 */
export function nameOf(token: ValueToken): string {
  return token.kind === 'keyword' ? token.text : token.value;
}

/** How a token is shown in error messages: `'google'`, `'abc'` for a string, `end of statement` for eof. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'end of statement';
  const text = token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text;
  // A string literal already shows its quotes.
  return token.kind === 'string' ? text : `'${text}'`;
}
