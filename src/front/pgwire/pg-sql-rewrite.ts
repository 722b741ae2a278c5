import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { SqlDialect } from '../../core/sql/dialect.js';
import { Lexer } from '../../core/sql/lexer/lexer.js';
import type { Token } from '../../core/sql/lexer/token.js';
import { isNumericOid, OID } from './type-oids.js';

/** A parameter as bound: its text (null for NULL) and type OID (0 = unspecified). */
export interface BoundParam {
  readonly text: string | null;
  readonly oid: number;
}

/**
 * A parameter's value as a SQL literal: quoted text, NULL, or for numeric types a number in
 * parentheses, `(-5)`, so it never joins the text around it into another token (`10-$1` with -5
 * must not become `10--5`, a comment; `1.$1` not `1.5`; `$1e5` not `5e5`) and stays one value, as
 * PostgreSQL's own parameter would, before `::text` or `^` (other numeric texts, `NaN` and
 * `Infinity` among them, are quoted).
 */
export function sqlLiteral(p: BoundParam): string {
  if (p.text === null) return 'NULL';
  if (isNumericOid(p.oid) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(p.text)) return `(${p.text})`;
  if (p.oid === OID.bool) return /^(t|true|1|y|yes|on)$/i.test(p.text) ? 'true' : 'false';
  return `'${p.text.replace(/'/g, "''")}'`;
}

/** Highest `$n` in the text (outside literals and comments): how many parameters it takes. */
export function parameterCount(sql: string, dialect: SqlDialect = 'sqlite'): number {
  let max = 0;
  for (const m of scan(sql, dialect)) if (m.kind === 'param') max = Math.max(max, m.index);
  return max;
}

type Piece =
  | { kind: 'param'; start: number; end: number; index: number }
  | { kind: 'cast'; start: number; end: number };

/**
 * `$n` placeholders and `::type` casts, found on tokens so literals and comments (PostgreSQL's
 * `$$…$$` strings too) are left alone. Casts only for SQLite, which does not have them.
 */
function* scan(sql: string, dialect: SqlDialect = 'sqlite'): Generator<Piece> {
  const tokens: Token[] = [];
  const lexer = new Lexer(sql, { tolerant: true, dialect });
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) tokens.push(t);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'param' && /^\$\d+$/.test(t.text)) {
      yield { kind: 'param', start: t.start, end: t.end, index: Number(t.text.slice(1)) };
    } else if (dialect === 'postgres') {
      // PostgreSQL runs the casts itself
    } else if (t.text === '$' && tokens[i + 1]?.kind === 'number' && tokens[i + 1].start === t.end) {
      yield { kind: 'param', start: t.start, end: tokens[i + 1].end, index: Number(tokens[i + 1].text) };
      i++;
    } else if (t.text === '::') {
      let j = i + 1;
      // a type name, maybe qualified (pg_catalog.regclass), maybe with (n), [] or a second word
      while (j < tokens.length && /^[A-Za-z_"]/.test(tokens[j].text)) {
        j++;
        if (tokens[j]?.text !== '.') break;
        j++;
      }
      if (tokens[j - 1]?.text.toLowerCase() === 'double' && tokens[j]?.text.toLowerCase() === 'precision')
        j++;
      if (tokens[j]?.text === '(') {
        while (j < tokens.length && tokens[j].text !== ')') j++;
        j++;
      }
      while (tokens[j]?.text === '[' && tokens[j + 1]?.text === ']') j += 2;
      yield { kind: 'cast', start: t.start, end: tokens[j - 1]?.end ?? t.end };
      i = j - 1;
    }
  }
}

/**
 * An inlined literal (a quoted string, NULL, true, false) with a space on each side that touches
 * other text (not a space, a bracket, a comma), so it never joins a token beside it: `E'a'$1` with `x\'` would otherwise be
 * `E'a''x\'`, one string running on past the value; `$1'b'` one string `x'b`.
 */
function spaced(literal: string, before: string | undefined, after: string | undefined): string {
  if (literal.startsWith('(')) return literal; // a number in parentheses joins nothing
  const lead = before === undefined || /[\s(,]/.test(before) ? '' : ' ';
  const trail = after === undefined || /[\s),;]/.test(after) ? '' : ' ';
  return `${lead}${literal}${trail}`;
}

/**
 * Prepares a statement from a PostgreSQL client for skyql: replaces `$n` with the bound values as
 * SQL literals (quoted and escaped, so a value can never become SQL) and drops PostgreSQL `::type`
 * casts, which SQLite does not have. Throws PGWIRE_PROTOCOL when a `$n` has no bound value.
 */
export function rewriteForSqlite(sql: string, params: readonly BoundParam[] = []): string {
  return rewriteStatement(sql, params, 'sqlite');
}

/**
 * A client's statement for a session of `dialect`: on SQLite as {@link rewriteForSqlite}; on
 * PostgreSQL only `$n` replaced (casts, `$$…$$` strings and the rest stay PostgreSQL's).
 */
export function rewriteStatement(sql: string, params: readonly BoundParam[], dialect: SqlDialect): string {
  let out = '';
  let pos = 0;
  for (const piece of scan(sql, dialect)) {
    out += sql.slice(pos, piece.start);
    if (piece.kind === 'param') {
      const p = params[piece.index - 1];
      if (!p) throw new SkyqlError('PGWIRE_PROTOCOL', `there is no parameter $${piece.index}`);
      out += spaced(sqlLiteral(p), sql[piece.start - 1], sql[piece.end]);
    }
    pos = piece.end;
  }
  return out + sql.slice(pos);
}
