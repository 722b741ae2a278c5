import type { ResultSet } from '../../base/result/result-set.js';
import type { SqlDialect } from '../../core/sql/dialect.js';
import { TokenWalker } from '../../core/sql/select/token-walker.js';

/**
 * PostgreSQL's names for output columns nobody named (its FigureColname): a function call is named
 * after the function (`count(*)` → `count`), a cast after what it casts or else the type
 * (`'1'::int` → `int4`), `CASE` → `case`, `EXISTS (...)` → `exists`, `ARRAY[...]` → `array`,
 * `true` → `bool` (PostgreSQL 14), `current_date` → `current_date`, a scalar subquery after its column, and every
 * other expression `?column?`. Aliases and column references keep the engine's names. Only the
 * wire server uses these: skyql's own outputs name columns as StackQL does (on both backends).
 */

const CLAUSE_END = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'WINDOW',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'INTO',
  'FETCH',
  'FOR',
]);
/** Words that make an expression an operation (`?column?`), like operators. */
const OPERATOR_WORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IS',
  'IN',
  'LIKE',
  'ILIKE',
  'BETWEEN',
  'SIMILAR',
  'GLOB',
  'REGEXP',
  'MATCH',
  'ISNULL',
  'NOTNULL',
  'ESCAPE',
  'COLLATE',
]);
/** SQL constructs that look like calls, named like them. */
const SPECIAL_FUNCTIONS: Readonly<Record<string, string>> = {
  COALESCE: 'coalesce',
  GREATEST: 'greatest',
  LEAST: 'least',
  NULLIF: 'nullif',
  EXISTS: 'exists',
  ARRAY: 'array',
  ROW: 'row',
};
const VALUE_FUNCTIONS = new Set([
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'CURRENT_USER',
  'CURRENT_ROLE',
  'SESSION_USER',
  'USER',
  'CURRENT_CATALOG',
  'CURRENT_SCHEMA',
]);
/** PostgreSQL's internal names of the SQL type spellings (`integer` → `int4`). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'int4',
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  real: 'float4',
  float: 'float8',
  double: 'float8',
  boolean: 'bool',
  decimal: 'numeric',
  dec: 'numeric',
  character: 'bpchar',
  char: 'bpchar',
  varying: 'varchar',
};

/** A name the engine already gives (alias or column), or PostgreSQL's. */
type Figured =
  | { readonly keep: true; readonly name?: string }
  /** `weak`: a cast around it names it after the type instead (`CASE ... END::text` → `text`). */
  | { readonly keep: false; readonly name: string; readonly weak?: boolean };

const NO_NAME: Figured = { keep: false, name: '?column?', weak: true };

/** A cast's name: what it casts, unless that has no name or a weak one; then the type's. */
function castName(inner: Figured, type: string): Figured {
  return inner.keep || !inner.weak ? inner : { keep: false, name: type, weak: true };
}

/** Index of the END closing the CASE at `lo` (depth 0), or -1. */
function caseEnd(t: Tokens, lo: number, hi: number): number {
  let depth = 0;
  for (let k = lo; k < hi; k = t.skip(k)) {
    if (t.word(k) === 'CASE') depth++;
    else if (t.word(k) === 'END' && --depth === 0) return k;
  }
  return -1;
}

/** The statement's tokens, with PostgreSQL's spelling of names. */
class Tokens extends TokenWalker {
  /** A name as PostgreSQL stores it: unquoted folded to lower case. */
  folded(i: number): string {
    const t = this.tokens[i];
    return t.kind === 'quotedIdent' ? this.name(i) : t.text.toLowerCase();
  }

  kind(i: number): string | undefined {
    return this.tokens[i]?.kind;
  }
}

/** Where the select list of the statement's first SELECT is: [start, end) token indexes. */
function selectList(t: Tokens, lo: number, hi: number): [number, number] | undefined {
  let i = lo;
  while (t.is(i, '(') && i < hi) i++;
  if (t.word(i) === 'WITH') {
    i++;
    if (t.word(i) === 'RECURSIVE') i++;
    for (;;) {
      i++; // the name
      if (t.is(i, '(')) i = t.skip(i); // its column list
      while (i < hi && !t.is(i, '(')) i++; // AS [NOT] MATERIALIZED
      if (i >= hi) return undefined;
      i = t.skip(i); // its query
      if (!t.is(i, ',')) break;
      i++;
    }
    while (t.is(i, '(') && i < hi) i++;
  }
  if (t.word(i) !== 'SELECT') return undefined;
  i++;
  if (t.word(i) === 'ALL') i++;
  else if (t.word(i) === 'DISTINCT') {
    i++;
    if (t.word(i) === 'ON') i = t.skip(i + 1);
  }
  const end = t.topLevel(i, hi, (k) => CLAUSE_END.has(t.word(k)) || t.is(k, ')') || t.is(k, ';'))[0] ?? hi;
  return [i, end];
}

/** End of the type name starting at `i` (`int`, `pg_catalog.regclass`, `double precision`, `varchar(3)`…). */
function typeEnd(t: Tokens, i: number): number {
  while (t.isName(i) && t.is(i + 1, '.')) i += 2;
  if (!t.isName(i)) return i;
  const first = t.word(i++);
  if (first === 'DOUBLE' && t.word(i) === 'PRECISION') i++;
  if ((first === 'CHARACTER' || first === 'CHAR') && t.word(i) === 'VARYING') i++;
  if (t.is(i, '(')) i = t.skip(i);
  if ((first === 'TIMESTAMP' || first === 'TIME') && (t.word(i) === 'WITH' || t.word(i) === 'WITHOUT'))
    i += t.word(i + 1) === 'TIME' && t.word(i + 2) === 'ZONE' ? 3 : 0;
  return i;
}

function castType(t: Tokens, lo: number, hi: number): string {
  const names = t.topLevel(lo, hi, (k) => t.isName(k) && !t.is(k + 1, '.'));
  if (names.length === 0) return '?column?';
  const first = t.folded(names[0]);
  const last = t.folded(names[names.length - 1]);
  if (first === 'timestamp' || first === 'time')
    return names.some((k) => t.word(k) === 'ZONE') && t.word(names[1]) === 'WITH' ? `${first}tz` : first;
  return TYPE_NAMES[first === 'character' || first === 'char' ? last : first] ?? TYPE_NAMES[last] ?? last;
}

/** The name of the first column of the subquery in [lo, hi). */
function subqueryName(t: Tokens, lo: number, hi: number): string {
  const list = selectList(t, lo, hi);
  if (!list) return '?column?';
  const [first] = splitItems(t, list[0], list[1]);
  if (!first) return '?column?';
  const f = figureItem(t, first[0], first[1]);
  if (!f.keep) return f.name;
  return f.name ?? '?column?';
}

/** PostgreSQL's name of the expression in [lo, hi). */
function figureExpr(t: Tokens, lo: number, hi: number): Figured {
  if (hi <= lo) return NO_NAME;
  const w = t.word(lo);
  if (w === 'CASE') {
    const end = caseEnd(t, lo, hi);
    if (end === hi - 1) return { keep: false, name: 'case', weak: true };
    if (end > 0 && t.is(end + 1, '::') && typeEnd(t, end + 2) === hi)
      return castName({ keep: false, name: 'case', weak: true }, castType(t, end + 2, hi));
    return NO_NAME;
  }
  // `::` binds tighter than any operator: `a + b::int` is an operation, `(a + b)::int` a cast
  const operators = t.topLevel(
    lo,
    hi,
    (k) =>
      (t.kind(k) === 'operator' && !t.is(k, '::')) ||
      (t.kind(k) === 'keyword' && OPERATOR_WORDS.has(t.word(k))),
  );
  if (operators.length > 0) return NO_NAME;
  const casts = t.topLevel(lo, hi, (k) => t.is(k, '::'));
  if (casts.length > 0) {
    const last = casts[casts.length - 1];
    return castName(figureExpr(t, lo, last), castType(t, last + 1, hi));
  }
  if (t.is(lo, '(') && t.match[lo] === hi - 1) {
    if (t.word(lo + 1) === 'SELECT' || t.word(lo + 1) === 'WITH')
      return { keep: false, name: subqueryName(t, lo + 1, hi - 1) };
    return figureExpr(t, lo + 1, hi - 1);
  }
  if (hi - lo === 1) {
    const kind = t.kind(lo);
    if (w === 'TRUE' || w === 'FALSE') return { keep: false, name: 'bool', weak: true };
    if (VALUE_FUNCTIONS.has(w)) return { keep: false, name: w.toLowerCase() };
    if (kind === 'ident' || kind === 'quotedIdent') return { keep: true };
    return NO_NAME;
  }
  // a dotted name, maybe called: t.col, schema.func(...)
  let i = lo;
  while (t.isName(i) && t.is(i + 1, '.') && i + 2 < hi) i += 2;
  if (!t.isName(i)) return NO_NAME;
  if (i + 1 === hi) return { keep: true };
  if (w === 'CAST' && t.is(lo + 1, '(') && t.match[lo + 1] === hi - 1) {
    const as = t.topLevel(lo + 2, hi - 1, (k) => t.word(k) === 'AS').pop();
    if (as === undefined) return NO_NAME;
    return castName(figureExpr(t, lo + 2, as), castType(t, as + 1, hi - 1));
  }
  if (t.is(i + 1, '(')) {
    const special = i === lo ? SPECIAL_FUNCTIONS[w] : undefined;
    return { keep: false, name: special ?? t.folded(i) };
  }
  return NO_NAME;
}

/** Figures one select-list item: its alias, a column reference, or PostgreSQL's name. */
function figureItem(t: Tokens, lo: number, hi: number): Figured {
  if (hi - lo >= 2 && t.isName(hi - 1) && t.word(hi - 2) === 'AS')
    return { keep: true, name: t.name(hi - 1) };
  const last = t.kind(hi - 1);
  const cast = t.topLevel(lo, hi, (k) => t.is(k, '::')).pop();
  // with a cast, an alias is what follows the type (`x::double precision`: no alias)
  const exprEnd = cast === undefined ? hi - 1 : typeEnd(t, cast + 1);
  if (
    exprEnd === hi - 1 &&
    hi - lo >= 2 &&
    (last === 'ident' || last === 'quotedIdent') &&
    t.kind(hi - 2) !== 'operator' &&
    !t.is(hi - 2, '.') &&
    !OPERATOR_WORDS.has(t.word(hi - 2))
  )
    return { keep: true, name: t.name(hi - 1) };
  const f = figureExpr(t, lo, hi);
  if (f.keep && f.name === undefined) return { keep: true, name: t.name(hi - 1) };
  return f;
}

function splitItems(t: Tokens, lo: number, hi: number): [number, number][] {
  const commas = t.topLevel(lo, hi, (k) => t.is(k, ','));
  return [lo, ...commas.map((c) => c + 1)].map((start, k) => [start, commas[k] ?? hi]);
}

function isStar(t: Tokens, lo: number, hi: number): boolean {
  return t.is(hi - 1, '*') && (hi - lo === 1 || t.is(hi - 2, '.'));
}

/**
 * PostgreSQL's name per output column of a SELECT (undefined where the engine's name stands), or
 * undefined when `sql` is not a SELECT. Items after a `*` are matched from the end.
 */
export function pgColumnNames(
  sql: string,
  columnCount: number,
  dialect: SqlDialect = 'sqlite',
): (string | undefined)[] | undefined {
  let t: Tokens;
  try {
    t = new Tokens(sql, dialect);
  } catch {
    return undefined; // not SQL skyql reads; it fails to run anyway
  }
  const list = selectList(t, 0, t.length);
  if (!list) return undefined;
  const items = splitItems(t, list[0], list[1]);
  const stars = items.map(([lo, hi]) => isStar(t, lo, hi));
  const firstStar = stars.indexOf(true);
  const lastStar = stars.lastIndexOf(true);
  if (firstStar < 0 && items.length !== columnCount) return undefined;
  const out: (string | undefined)[] = Array.from({ length: columnCount }, () => undefined);
  items.forEach(([lo, hi], k) => {
    const at = firstStar < 0 || k < firstStar ? k : k > lastStar ? columnCount - (items.length - k) : -1;
    if (at < 0 || at >= columnCount) return;
    const f = figureItem(t, lo, hi);
    if (!f.keep) out[at] = f.name;
  });
  return out;
}

/** The result with PostgreSQL's names for its unnamed expression columns. */
export function withPgColumnNames(
  sql: string,
  result: ResultSet | undefined,
  dialect: SqlDialect = 'sqlite',
): ResultSet | undefined {
  if (!result || result.columns.length === 0) return result;
  const names = pgColumnNames(sql, result.columns.length, dialect);
  if (!names?.some((n) => n !== undefined)) return result;
  return { ...result, columns: result.columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) };
}
