import { columnRef, fullQualifierAt, isLiteralWord } from './parse-conjuncts.js';
import type { ColumnRef, SelectItem } from './select-model.js';
import type { TokenWalker } from './token-walker.js';

/** Keywords that are operators or expression syntax, never column names inside a term. */
const OPERATOR_WORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'IS',
  'BETWEEN',
  'EXISTS',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'AS',
  'DISTINCT',
  'BY',
  'ASC',
  'DESC',
]);

/**
 * The column references in [lo, hi) outside subqueries: `col`, `q.col`, `p.s.r.col`, including
 * arguments of function calls (`lower(zone)`), but not function names, CAST types or the words of
 * `ORDER BY`/`PARTITION BY` in a window. It over-approximates (an unknown word is a candidate);
 * callers keep the names they know, such as a table's parameters.
 */
export function columnRefsIn(w: TokenWalker, lo: number, hi: number): ColumnRef[] {
  const out: ColumnRef[] = [];
  for (let i = lo; i < hi; i++) {
    if (w.is(i, '(') && (w.word(i + 1) === 'SELECT' || w.word(i + 1) === 'WITH')) {
      i = Math.max(i, w.match[i]);
      continue;
    }
    if (!w.isName(i) || w.is(i - 1, '.') || isLiteralWord(w, i) || w.word(i - 1) === 'AS') continue;
    if (w.isKeyword(i) && OPERATOR_WORDS.has(w.word(i))) continue;
    let end = i + 1;
    if (fullQualifierAt(w, i)) end = i + 7;
    else if (w.is(i + 1, '.') && w.isName(i + 2)) end = i + 3;
    const skip = w.is(end, '(') || w.is(end, '.') || w.word(end) === 'BY';
    const ref = skip ? undefined : columnRef(w, i, end);
    if (ref) out.push(ref);
    i = end - 1;
  }
  return out;
}

/** Word before an implicit alias that cannot end an expression (`x COLLATE nocase`). */
const NOT_BEFORE_ALIAS = new Set(['COLLATE', 'ESCAPE']);

/** True when token i can end an expression that an implicit alias follows (`f(x) n`, `'a' n`, `c n`). */
function endsExpression(w: TokenWalker, i: number): boolean {
  const t = w.tokens[i];
  if (!t) return false;
  if (w.is(i, ')')) return true;
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'quotedIdent') return true;
  if (t.kind === 'ident') return !NOT_BEFORE_ALIAS.has(w.word(i));
  return t.kind === 'keyword' && ['END', 'NULL', 'TRUE', 'FALSE'].includes(w.word(i));
}

/** The items of the select list [lo, hi) (after SELECT, before FROM or the first clause). */
export function selectItems(w: TokenWalker, lo: number, hi: number): SelectItem[] {
  let from = lo;
  while (from < hi && (w.word(from) === 'DISTINCT' || w.word(from) === 'ALL')) from++;
  // PostgreSQL's DISTINCT ON (…) is no item
  if (from > lo && w.word(from) === 'ON' && w.is(from + 1, '(')) from = w.skip(from + 1);
  const items: SelectItem[] = [];
  for (const cut of [...w.topLevel(from, hi, (k) => w.is(k, ',')), hi]) {
    const [a, b] = [from, cut];
    from = cut + 1;
    if (b <= a) continue;
    const column = columnRef(w, a, b);
    const star = w.is(b - 1, '*') && (b - a === 1 || w.is(b - 2, '.'));
    const alias =
      b - a >= 2 &&
      (w.tokens[b - 1].kind === 'ident' ||
        w.tokens[b - 1].kind === 'quotedIdent' ||
        w.word(b - 2) === 'AS') &&
      (w.word(b - 2) === 'AS' || (!w.is(b - 2, '.') && endsExpression(w, b - 2)));
    items.push({
      start: w.start(a),
      end: w.end(b - 1),
      named: star || alias || column !== undefined,
      column,
    });
  }
  return items;
}
