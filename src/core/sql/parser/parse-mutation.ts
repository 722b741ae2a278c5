import type {
  DeleteStatement,
  InsertSource,
  InsertStatement,
  MutationHint,
  SetItem,
  UpdateStatement,
  ValueExpr,
} from '../ast/mutation-statement.js';
import type { QualifiedName } from '../ast/qualified-name.js';
import { isKeyword, isNameToken, isSymbol, type Token } from '../lexer/token.js';
import { syntaxError } from './parse-error.js';
import { parseQualifiedName } from './parse-qualified-name.js';
import {
  parseColumnName,
  parseMutationHints,
  parseReturning,
  parseValueExpr,
  parseWhereParams,
} from './parse-value.js';
import type { TokenCursor } from './token-cursor.js';

const DML_HINTS: readonly MutationHint[] = ['AWAIT', 'NOSTATUS'];
const SHAPE = '<provider>.<service>.<resource>';

/**
 * True when the INSERT/UPDATE/REPLACE/DELETE at the cursor targets a provider resource (a
 * three-part name); statements on local tables (one or two parts) are left to the local engine.
 */
export function targetsProviderResource(c: TokenCursor): boolean {
  let k = 1;
  if (c.peek(k).kind === 'hint') k++;
  while (isKeyword(c.peek(k), 'IGNORE') || isKeyword(c.peek(k), 'INTO') || isKeyword(c.peek(k), 'FROM')) k++;
  for (let part = 0; part < 3; part++) {
    if (!isNameToken(c.peek(k))) return false;
    k++;
    if (part < 2 && !isSymbol(c.peek(k++), '.')) return false;
  }
  return !isSymbol(c.peek(k), '.');
}

function target(c: TokenCursor, label: string, usage: string): QualifiedName {
  const first = c.peek();
  const name = parseQualifiedName(c, `${SHAPE} after ${label}`, usage);
  if (name.parts.length !== 3)
    throw syntaxError(first, `${label} needs ${SHAPE}, got ${c.slice(name.start, name.end)}`, usage);
  return name;
}

function valuesRow(c: TokenCursor, width: number): ValueExpr[] {
  const open = c.peek();
  if (!c.acceptSymbol('(')) c.fail("'(' to start a VALUES row");
  const row = [parseValueExpr(c, (t) => isSymbol(t, ','), 'a value')];
  while (c.acceptSymbol(',')) row.push(parseValueExpr(c, (t) => isSymbol(t, ','), 'a value after ,'));
  if (!c.acceptSymbol(')')) c.fail("',' or ')' in the VALUES row");
  if (row.length !== width)
    throw syntaxError(open, `the VALUES row has ${row.length} values for ${width} columns`);
  return row;
}

/** Words that make a SELECT more than one row of values. */
const QUERY_WORDS = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'DISTINCT',
]);

const itemEnd = (t: Token) => isSymbol(t, ',') || isKeyword(t, 'RETURNING');

/** True when the cursor is on `SELECT v1, v2, ...` with no FROM, WHERE, UNION... (looking ahead only). */
function isPlainSelect(c: TokenCursor): boolean {
  if (!isKeyword(c.peek(), 'SELECT')) return false;
  let depth = 0;
  for (let k = 1; ; k++) {
    const t = c.peek(k);
    if (t.kind === 'eof' || (depth === 0 && isKeyword(t, 'RETURNING'))) return k > 1;
    if (isSymbol(t, '(')) depth++;
    else if (isSymbol(t, ')')) depth--;
    else if (
      depth === 0 &&
      (t.kind === 'keyword' || t.kind === 'ident') &&
      QUERY_WORDS.has(t.text.toUpperCase())
    )
      return false;
  }
}

function insertSource(c: TokenCursor, width: number): InsertSource {
  if (c.acceptKeyword('VALUES')) {
    const rows = [valuesRow(c, width)];
    while (c.acceptSymbol(',')) rows.push(valuesRow(c, width));
    return { kind: 'values', rows };
  }
  const first = c.peek();
  if (isPlainSelect(c)) {
    // `SELECT v1, v2` without FROM is one row, kept literal (booleans stay booleans)
    const open = c.next();
    const row = [parseValueExpr(c, itemEnd, 'a value after SELECT')];
    while (c.acceptSymbol(',')) row.push(parseValueExpr(c, itemEnd, 'a value after ,'));
    if (row.length !== width)
      throw syntaxError(open, `the SELECT has ${row.length} values for ${width} columns`);
    return { kind: 'values', rows: [row] };
  }
  if (!isKeyword(first, 'SELECT') && !isKeyword(first, 'WITH'))
    c.fail('VALUES or SELECT after the column list', "e.g. INSERT INTO p.s.r (a, b) VALUES ('x', 1)");
  const select = parseValueExpr(c, (t) => isKeyword(t, 'RETURNING'), 'a SELECT');
  return { kind: 'select', select: { text: select.text, start: select.start, end: select.end } };
}

/** Parses `INSERT ... INTO <fqn> (cols) {VALUES ... | SELECT ...} [RETURNING ...]` (cursor on INSERT). */
export function parseInsert(c: TokenCursor): InsertStatement {
  c.next();
  const hints = parseMutationHints(c, 'INSERT', DML_HINTS);
  const ignore = c.acceptKeyword('IGNORE') !== undefined;
  c.acceptKeyword('INTO');
  const usage = `write INSERT INTO ${SHAPE} (col1, col2) VALUES (v1, v2) or ... SELECT v1, v2`;
  const name = target(c, 'INSERT INTO', usage);
  if (!c.acceptSymbol('(')) c.fail('a column list in parentheses after the resource', usage);
  const columns = [parseColumnName(c, 'a column name', usage)];
  while (c.acceptSymbol(',')) columns.push(parseColumnName(c, 'a column name after ,', usage));
  if (!c.acceptSymbol(')')) c.fail("',' or ')' in the column list", usage);
  const source = insertSource(c, columns.length);
  const returning = parseReturning(c, 'the INSERT source');
  return {
    kind: 'insert',
    hints,
    ignore,
    target: name,
    columns,
    source,
    ...(returning ? { returning } : {}),
    ...c.base,
  };
}

/** Parses `{UPDATE | REPLACE} <fqn> SET c = v, ... [WHERE ...] [RETURNING ...]` (cursor on the verb). */
export function parseUpdate(c: TokenCursor, verb: 'UPDATE' | 'REPLACE'): UpdateStatement {
  c.next();
  const hints = parseMutationHints(c, verb, DML_HINTS);
  const usage = `write ${verb} ${SHAPE} SET data__field = value WHERE param = 'value'`;
  const name = target(c, verb, usage);
  if (!c.acceptKeyword('SET')) c.fail(`SET after ${verb} ${c.slice(name.start, name.end)}`, usage);
  const set: SetItem[] = [];
  const stop = (t: Token) => isSymbol(t, ',') || isKeyword(t, 'WHERE') || isKeyword(t, 'RETURNING');
  do {
    const column = parseColumnName(c, 'a column name in SET', usage);
    if (!c.acceptSymbol('=')) c.fail(`'=' after ${column}`, usage);
    set.push({ column, value: parseValueExpr(c, stop, `a value for ${column}`) });
  } while (c.acceptSymbol(','));
  const where = c.acceptKeyword('WHERE') ? parseWhereParams(c) : [];
  const returning = parseReturning(c, 'the SET list');
  return {
    kind: 'update',
    verb,
    hints,
    target: name,
    set,
    where,
    ...(returning ? { returning } : {}),
    ...c.base,
  };
}

/** Parses `DELETE FROM <fqn> [WHERE ...] [RETURNING ...]` (cursor on DELETE). */
export function parseDelete(c: TokenCursor): DeleteStatement {
  c.next();
  const hints = parseMutationHints(c, 'DELETE', DML_HINTS);
  const usage = `write DELETE FROM ${SHAPE} WHERE param = 'value'`;
  if (!c.acceptKeyword('FROM')) c.fail('FROM after DELETE', usage);
  const name = target(c, 'DELETE FROM', usage);
  const where = c.acceptKeyword('WHERE') ? parseWhereParams(c) : [];
  const returning = parseReturning(c, `DELETE FROM ${c.slice(name.start, name.end)}`);
  return { kind: 'delete', hints, target: name, where, ...(returning ? { returning } : {}), ...c.base };
}
