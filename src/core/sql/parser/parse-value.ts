import { closestNames } from '../../../base/util/did-you-mean.js';
import type {
  LiteralValue,
  MutationHint,
  ReturningClause,
  ValueExpr,
  WhereParam,
} from '../ast/mutation-statement.js';
import { describeToken, isKeyword, isNameToken, isSymbol, nameOf, type Token } from '../lexer/token.js';
import { syntaxError } from './parse-error.js';
import type { TokenCursor } from './token-cursor.js';

const LITERAL_WORDS: Record<string, LiteralValue> = { TRUE: true, FALSE: false, NULL: null };

/**
 * The value of a token run that is exactly one literal (`'a'`, `1`, `-2.5`, `TRUE`, `NULL`), maybe
 * in one pair of parentheses (`(-2.5)`: how a wire client's numeric parameter is written in).
 */
export function literalOf(tokens: readonly Token[]): { value: LiteralValue } | undefined {
  if (
    (tokens.length === 3 || tokens.length === 4) &&
    isSymbol(tokens[0], '(') &&
    isSymbol(tokens[tokens.length - 1], ')')
  )
    return literalOf(tokens.slice(1, -1));
  const [a, b] = tokens;
  if (tokens.length === 1) {
    if (a.kind === 'string') return { value: a.value };
    if (a.kind === 'number') return { value: Number(a.value) };
    if (a.kind === 'keyword' && a.value in LITERAL_WORDS) return { value: LITERAL_WORDS[a.value] };
  }
  if (tokens.length === 2 && (isSymbol(a, '-') || isSymbol(a, '+')) && b.kind === 'number') {
    return { value: isSymbol(a, '-') ? -Number(b.value) : Number(b.value) };
  }
  return undefined;
}

/**
 * Reads an expression up to a top-level token for which `stop` holds, a `)` closing an outer
 * group, or the end. Fails with `expected <what>` when the expression is empty.
 */
export function parseValueExpr(c: TokenCursor, stop: (tok: Token) => boolean, what: string): ValueExpr {
  const tokens: Token[] = [];
  let depth = 0;
  for (let t = c.peek(); t.kind !== 'eof'; t = c.peek()) {
    if (depth === 0 && stop(t)) break;
    if (isSymbol(t, '(')) depth++;
    else if (isSymbol(t, ')')) {
      if (depth === 0) break;
      depth--;
    }
    tokens.push(c.next());
  }
  if (tokens.length === 0) c.fail(what);
  const start = tokens[0].start;
  const end = tokens[tokens.length - 1].end;
  const literal = literalOf(tokens);
  return { text: c.slice(start, end), start, end, ...(literal ? { literal } : {}) };
}

/** A column name (identifier, quoted identifier, or a keyword used as a name, but not TRUE/FALSE/NULL). */
export function parseColumnName(c: TokenCursor, what: string, hint?: string): string {
  const tok = c.peek();
  if (!isNameToken(tok) || (tok.kind === 'keyword' && tok.value in LITERAL_WORDS)) c.fail(what, hint);
  c.next();
  return nameOf(tok);
}

const WHERE_HINT =
  "mutations take WHERE terms 'column = literal' or 'column IN (literal, ...)' joined by AND, e.g. WHERE project = 'p' AND zone IN ('a', 'b')";

/** How many tokens the literal at the cursor spans: `1`, `'a'`, `-1`, `(1)` or `(-1)`; 0 when none starts there. */
function literalLength(c: TokenCursor): number {
  const open = isSymbol(c.peek(), '(') ? 1 : 0;
  const sign = isSymbol(c.peek(open), '-') || isSymbol(c.peek(open), '+') ? 1 : 0;
  const n = open * 2 + sign + 1;
  const tokens = Array.from({ length: n }, (_, k) => c.peek(k));
  return literalOf(tokens) ? n : 0;
}

function whereLiteral(c: TokenCursor): Exclude<LiteralValue, null> {
  const first = c.peek();
  const n = literalLength(c);
  const tokens = n > 0 ? Array.from({ length: n }, (_, k) => c.peek(k)) : [first];
  const lit = literalOf(tokens);
  if (!lit || lit.value === null) c.fail('a literal value', WHERE_HINT);
  for (const _ of tokens) c.next();
  return lit.value;
}

/**
 * Parses the terms of a mutation's WHERE (the cursor is after WHERE), up to RETURNING or the end:
 * `col = lit`, `lit = col` or `col IN (lit, ...)` joined by AND. Anything else is a PARSE_ERROR.
 */
export function parseWhereParams(c: TokenCursor): WhereParam[] {
  const out: WhereParam[] = [];
  do {
    const first = c.peek();
    let column: string;
    let values: Exclude<LiteralValue, null>[];
    if (literalOf([first]) !== undefined || isSymbol(first, '-') || literalLength(c) > 0) {
      const value = whereLiteral(c);
      if (!c.acceptSymbol('=') && !c.acceptSymbol('=='))
        c.fail(`'=' after ${describeToken(first)}`, WHERE_HINT);
      column = parseColumnName(c, 'a column name', WHERE_HINT);
      values = [value];
    } else {
      column = parseColumnName(c, 'a column name in WHERE', WHERE_HINT);
      if (c.acceptSymbol('=') || c.acceptSymbol('==')) values = [whereLiteral(c)];
      else if (c.acceptKeyword('IN')) {
        if (!c.acceptSymbol('(')) c.fail("'(' after IN", WHERE_HINT);
        values = [whereLiteral(c)];
        while (c.acceptSymbol(',')) values.push(whereLiteral(c));
        if (!c.acceptSymbol(')')) c.fail("',' or ')' in the IN list", WHERE_HINT);
      } else c.fail(`'=' or IN after ${column}`, WHERE_HINT);
    }
    const end = c.previous().end;
    out.push({ column, values, text: c.slice(first.start, end), start: first.start, end });
  } while (c.acceptKeyword('AND'));
  if (!c.atEnd() && !isKeyword(c.peek(), 'RETURNING'))
    c.fail('AND, RETURNING or end of statement', WHERE_HINT);
  return out;
}

/** `[RETURNING * | col, ...]` then the end of the statement. */
export function parseReturning(c: TokenCursor, after: string): ReturningClause | undefined {
  if (!c.acceptKeyword('RETURNING')) {
    c.expectEnd(after);
    return undefined;
  }
  const usage = 'write RETURNING * or RETURNING col1, col2';
  if (c.acceptSymbol('*')) {
    c.expectEnd('RETURNING *', usage);
    return { star: true, columns: [] };
  }
  const columns = [parseColumnName(c, 'a column name or * after RETURNING', usage)];
  while (c.acceptSymbol(',')) columns.push(parseColumnName(c, 'a column name after ,', usage));
  c.expectEnd('the RETURNING list', usage);
  return { star: false, columns };
}

/**
 * The hints of a `/*+ ... *\/` comment directly after the verb (consumed), checked against the
 * ones `verb` accepts; an unknown hint is a PARSE_ERROR with a suggestion.
 */
export function parseMutationHints(
  c: TokenCursor,
  verb: string,
  allowed: readonly MutationHint[],
): MutationHint[] {
  const tok = c.peek();
  if (tok.kind !== 'hint') return [];
  c.next();
  for (const h of tok.value) {
    if (!(allowed as readonly string[]).includes(h)) {
      const close = closestNames(h, allowed, 1);
      throw syntaxError(
        tok,
        `unknown hint '${h}' for ${verb}`,
        `${close.length > 0 ? `did you mean ${close[0]}? ` : ''}${verb} takes ${allowed.join(', ')}`,
      );
    }
  }
  return tok.value as MutationHint[];
}
