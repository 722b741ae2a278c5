import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { TextMemo } from '../../../base/util/text-memo.js';
import type { SqlDialect } from '../dialect.js';
import { KEYWORDS } from './keywords.js';
import { LineMap, type SourceOrigin, START_OF_SOURCE } from './line-map.js';
import {
  CONTINUED_STRING_HINT,
  dollarTagAt,
  isPgOpChar,
  scanDollarParam,
  scanDollarQuoted,
  scanEscapeString,
  scanNestedComment,
  scanPgOperator,
  stringContinuesAt,
  unescapeEString,
} from './pg-scanners.js';
import {
  hintNames,
  isAsciiDigit,
  PUNCTUATION,
  scanBlockComment,
  scanLineComment,
  scanNumber,
  scanOperator,
  scanQuoted,
  scanWord,
  unquote,
} from './scanners.js';
import type { Token, TokenKind } from './token.js';

/** Options for {@link Lexer}. */
export interface LexerOptions {
  /** Where the text starts in the whole source; defaults to line 1, column 1, offset 0. */
  readonly origin?: SourceOrigin;
  /**
   * Never throw: an unterminated literal or comment runs to the end of the text and an unexpected
   * character becomes a one-character `punct` token. Used by the statement splitter, so that a bad
   * statement is reported by the parser rather than hiding the rest of the script. Default false.
   */
  readonly tolerant?: boolean;
  /**
   * Whose syntax the text is in (default SQLite's). With `postgres` the lexer also knows
   * PostgreSQL's operators (`@>`, `#>>`, `?|`, `~*`…), `[ ]` and a lone `:` (subscripts, slices),
   * `$$…$$`/`$tag$…$tag$` and `E'…'` strings, nested comments and `$1` parameters.
   */
  readonly dialect?: SqlDialect;
}

const UNTERMINATED = {
  "'": ['string literal', "close it with ' (write '' for a quote inside a string)"],
  '"': ['quoted identifier', 'close it with " (write "" for a quote inside the name)'],
  '`': ['quoted identifier', 'close it with ` (write `` for a backtick inside the name)'],
  '/*': ['block comment', 'close it with */'],
  E: ['string literal', "close it with ' (write \\' or '' for a quote inside an E'...' string)"],
  $: ['dollar-quoted string', 'close it with the tag that opened it ($$ or $tag$)'],
} as const;

/**
 * A pull lexer over SQL text. Whitespace and comments are skipped (`/*+ ... *\/` hints are tokens);
 * token offsets and line/column refer to the whole source via `origin`, so a later rewrite can
 * splice the original text. After the text is consumed, `next()` keeps returning an `eof` token.
 * Throws a PARSE_ERROR {@link SkyqlError} on unterminated literals/comments and unknown characters.
 */
export class Lexer {
  private pos = 0;
  private prev: Token | undefined;
  private readonly lines: LineMap;
  private readonly origin: SourceOrigin;
  private readonly tolerant: boolean;
  private readonly pg: boolean;
  /** The line of the last token made, where the next one's line is looked for first. */
  private lineIndex = 0;

  constructor(
    private readonly text: string,
    options: LexerOptions = {},
  ) {
    this.origin = options.origin ?? START_OF_SOURCE;
    this.tolerant = options.tolerant ?? false;
    this.pg = options.dialect === 'postgres';
    this.lines = new LineMap(text, this.origin);
  }

  /** Reads the next token. */
  next(): Token {
    this.skipTrivia();
    const tok = this.pos >= this.text.length ? this.make('eof', this.pos, '') : this.readToken();
    this.prev = tok;
    return tok;
  }

  private skipTrivia(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '-' && t[this.pos + 1] === '-') this.pos = scanLineComment(t, this.pos, this.pg);
      else if (c === '/' && t[this.pos + 1] === '*' && t[this.pos + 2] !== '+') {
        const end = this.pg ? scanNestedComment(t, this.pos) : scanBlockComment(t, this.pos);
        this.pos = this.closeOrFail(end, '/*');
      } else break;
    }
  }

  private readToken(): Token {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '/' && t.startsWith('/*+', start)) {
      const closed = scanBlockComment(t, start);
      return this.hint(start, this.closeOrFail(closed, '/*'), closed >= 0);
    }
    if (this.pg) {
      const tok = this.pgToken(start);
      if (tok) return tok;
    }
    if (c === "'" || c === '"' || c === '`') {
      const closed = scanQuoted(t, start, c);
      const end = this.closeOrFail(closed, c);
      return this.make(c === "'" ? 'string' : 'quotedIdent', end, unquote(t.slice(start, end), closed >= 0));
    }
    const afterDot = this.prev?.kind === 'punct' && this.prev.text === '.';
    const wordEnd = scanWord(t, start);
    if (wordEnd > start) {
      const word = t.slice(start, wordEnd);
      const upper = word.toUpperCase();
      if (!afterDot && KEYWORDS.has(upper)) return this.make('keyword', wordEnd, upper);
      return this.make('ident', wordEnd);
    }
    if (this.startsNumber(start)) {
      const end = scanNumber(t, start);
      return this.make('number', end);
    }
    if (c === '@') return this.param(start);
    if (PUNCTUATION.includes(c)) return this.make('punct', start + 1);
    const opEnd = scanOperator(t, start);
    if (opEnd > start) return this.make('operator', opEnd);
    return this.unexpected(start);
  }

  /** PostgreSQL's own tokens (see {@link LexerOptions.dialect}), or undefined for the shared ones. */
  private pgToken(start: number): Token | undefined {
    const t = this.text;
    const c = t[start];
    const escaped = (c === 'E' || c === 'e') && t[start + 1] === "'";
    if (escaped || c === "'") return this.pgString(start, escaped);
    if (c === '$') {
      const tag = dollarTagAt(t, start);
      if (tag) {
        const closed = scanDollarQuoted(t, start, tag);
        const end = this.closeOrFail(closed, '$');
        return this.make('string', end, t.slice(start + tag.length, closed >= 0 ? end - tag.length : end));
      }
      const end = scanDollarParam(t, start);
      return end > start ? this.make('param', end) : undefined;
    }
    if (c === '[' || c === ']') return this.make('punct', start + 1, c);
    if (c === ':' && t[start + 1] !== ':') return this.make('operator', start + 1, ':');
    // `@name` / `@@json` stay StackQL's EXEC parameters
    const nameAt = t[start + 1] === '@' ? start + 2 : start + 1;
    if (c === '@' && scanWord(t, nameAt) > nameAt) return undefined;
    if (!isPgOpChar(c)) return undefined;
    const end = scanPgOperator(t, start);
    return this.make('operator', end);
  }

  /**
   * A PostgreSQL `'…'` or `E'…'` string. PostgreSQL joins a string and a `'…'` part after a line
   * break into one string, quoted as the first part (see {@link stringContinuesAt}); skyql refuses
   * that form with a PARSE_ERROR, as the PostgreSQL guard does. Tolerant (the statement splitter),
   * the parts are one token, as PostgreSQL reads them, so a `;` inside splits nothing.
   */
  private pgString(start: number, escaped: boolean): Token {
    const t = this.text;
    const part = (open: number): number => (escaped ? scanEscapeString(t, open) : scanQuoted(t, open, "'"));
    const opener = escaped ? 'E' : "'";
    let closed = part(escaped ? start + 1 : start);
    let end = this.closeOrFail(closed, opener);
    const values = [t.slice(escaped ? start + 2 : start + 1, closed >= 0 ? end - 1 : end)];
    for (
      let next = closed >= 0 ? stringContinuesAt(t, end) : -1;
      next >= 0;
      next = stringContinuesAt(t, end)
    ) {
      if (!this.tolerant) {
        const pos = this.lines.positionAt(next);
        throw new SkyqlError(
          'PARSE_ERROR',
          `a string literal continued on a later line is not allowed (line ${pos.line}, column ${pos.column})`,
          { position: pos, hint: CONTINUED_STRING_HINT },
        );
      }
      closed = part(next);
      end = closed >= 0 ? closed : t.length;
      values.push(t.slice(next + 1, closed >= 0 ? end - 1 : end));
      if (closed < 0) break;
    }
    const value = values.join('');
    return this.make('string', end, escaped ? unescapeEString(value) : value.split("''").join("'"));
  }

  /** A digit starts a number; so does `.5`, unless the dot follows a name (`t.x`, `v1.0`). */
  private startsNumber(start: number): boolean {
    const t = this.text;
    if (isAsciiDigit(t.charCodeAt(start))) return true;
    if (t[start] !== '.' || !isAsciiDigit(t.charCodeAt(start + 1))) return false;
    const p = this.prev;
    const adjacent = p !== undefined && p.end === this.origin.offset + start;
    return !(
      adjacent &&
      (p.kind === 'ident' || p.kind === 'quotedIdent' || p.kind === 'keyword' || p.text === ')')
    );
  }

  private param(start: number): Token {
    const nameStart = this.text[start + 1] === '@' ? start + 2 : start + 1;
    const end = scanWord(this.text, nameStart);
    if (end === nameStart) return this.unexpected(start);
    return this.make('param', end, this.text.slice(start + 1, end));
  }

  private hint(start: number, end: number, terminated: boolean): Token {
    const text = this.text.slice(start, end);
    const pos = this.lines.positionAt(start);
    this.pos = end;
    return {
      kind: 'hint',
      text,
      value: hintNames(text, terminated),
      start: pos.offset,
      end: pos.offset + text.length,
      line: pos.line,
      column: pos.column,
    };
  }

  /** A token from the reading position to `end`; its value is its text unless given. */
  private make(kind: Exclude<TokenKind, 'hint'>, end: number, value?: string): Token {
    const start = this.pos;
    const lines = this.lines;
    const index = lines.lineIndexAt(start, this.lineIndex); // tokens come in order: no search per token
    this.lineIndex = index;
    const offset = lines.originOffset + start;
    this.pos = end;
    const text = this.text.slice(start, end);
    return {
      kind,
      text,
      value: value ?? text,
      start: offset,
      end: offset + (end - start),
      line: lines.lineAt(index),
      column: lines.columnAt(start, index),
    };
  }

  /** `end` when the construct was closed; otherwise throws, or (tolerant) runs to the end of text. */
  private closeOrFail(end: number, opener: keyof typeof UNTERMINATED): number {
    if (end >= 0) return end;
    if (this.tolerant) return this.text.length;
    const pos = this.lines.positionAt(this.pos);
    const [what, hint] = UNTERMINATED[opener];
    throw new SkyqlError(
      'PARSE_ERROR',
      `unterminated ${what} starting at line ${pos.line}, column ${pos.column}`,
      {
        position: pos,
        hint,
      },
    );
  }

  private unexpected(start: number): Token {
    const ch = String.fromCodePoint(this.text.codePointAt(start) ?? 0);
    if (this.tolerant) return this.make('punct', start + ch.length, ch);
    const pos = this.lines.positionAt(start);
    throw new SkyqlError(
      'PARSE_ERROR',
      `unexpected character '${ch}' at line ${pos.line}, column ${pos.column}`,
      { position: pos, hint: this.unexpectedHint(ch) },
    );
  }

  /** What to do about a character the dialect has no use for outside quotes. */
  private unexpectedHint(ch: string): string {
    if (this.pg)
      return 'write JSON and arrays as strings (\'{"a": 1}\', \'{a,b}\'), names in "double quotes"';
    const sqlite = 'need the PostgreSQL backend (--sqlBackend); on SQLite (the default)';
    if (ch === '[' || ch === ']')
      return `array subscripts and ARRAY[...] ${sqlite} use json_extract(col, '$[0]') or json_each(col)`;
    if (ch === '$') return `$$dollar-quoted$$ strings ${sqlite} write 'text' (double a ' inside)`;
    if (ch === '#' || ch === '?' || ch === '@')
      return `the JSON operators @>, <@, ?, ?|, ?&, #>, #>> ${sqlite} use json_extract(col, '$.key') or json_each(col)`;
    return 'quote names with "double quotes" and strings with \'single quotes\'';
  }
}

/**
 * All tokens of `text`, ending with one `eof` token. `origin` says where `text` starts in the whole
 * source (default: it is the whole source); `dialect` whose syntax it is (default SQLite's). Throws
 * PARSE_ERROR like {@link Lexer}.
 */
export function tokenize(
  text: string,
  origin: SourceOrigin = START_OF_SOURCE,
  dialect: SqlDialect = 'sqlite',
): readonly Token[] {
  return lexed.through(text, `${dialect} ${origin.line} ${origin.column} ${origin.offset}`, () => {
    const lexer = new Lexer(text, { origin, dialect });
    const tokens: Token[] = [];
    for (;;) {
      const tok = lexer.next();
      tokens.push(tok);
      if (tok.kind === 'eof') return tokens;
    }
  });
}

/** A statement's text is lexed by several stages (parse, analysis, column list): once per text. */
const lexed = new TextMemo<readonly Token[]>();
