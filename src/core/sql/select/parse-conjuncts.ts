import { appendAll } from '../../../base/util/append-all.js';
import type { ColumnRef, JoinEquality, Literal, ParamConjunct } from './select-model.js';
import type { TokenWalker } from './token-walker.js';

/** Index after the CASE … END starting at i (nested CASEs and parentheses skipped whole). */
function skipCase(w: TokenWalker, i: number, hi: number): number {
  let depth = 0;
  for (let k = i; k < hi; k = w.skip(k)) {
    const word = w.word(k);
    if (word === 'CASE') depth++;
    else if (word === 'END' && --depth === 0) return k + 1;
  }
  return hi;
}

/** True when [lo, hi) is one parenthesised expression (not a subquery). */
function wrapped(w: TokenWalker, lo: number, hi: number): boolean {
  const inner = w.word(lo + 1);
  return w.is(lo, '(') && w.match[lo] === hi - 1 && inner !== 'SELECT' && inner !== 'WITH';
}

/**
 * [lo, hi) ranges of the AND terms of an expression: its top-level AND operands, descending into
 * operands that are themselves parenthesised (`(a = 1) AND (b = 2 AND c = 3)` gives three terms).
 * An expression with a top-level OR is one term, since AND binds tighter (`a AND b OR c` is
 * `(a AND b) OR c`). `BETWEEN x AND y` and `CASE … END` stay whole.
 */
export function splitAnd(w: TokenWalker, lo: number, hi: number): Array<[number, number]> {
  while (hi - lo > 2 && wrapped(w, lo, hi)) {
    lo++;
    hi--;
  }
  const cuts: number[] = [];
  let between = false;
  for (let i = lo; i < hi; ) {
    const word = w.word(i);
    if (word === 'CASE') {
      i = skipCase(w, i, hi);
      continue;
    }
    if (word === 'OR') return hi > lo ? [[lo, hi]] : [];
    if (word === 'BETWEEN') between = true;
    else if (word === 'AND') {
      if (between) between = false;
      else cuts.push(i);
    }
    i = w.skip(i);
  }
  if (cuts.length === 0) return hi > lo ? [[lo, hi]] : [];
  const parts: Array<[number, number]> = [];
  let from = lo;
  for (const cut of [...cuts, hi]) {
    if (cut > from) appendAll(parts, splitAnd(w, from, cut));
    from = cut + 1;
  }
  return parts;
}

/** The three names of `p.s.r.col` starting at token i (not itself after a dot), else undefined. */
export function fullQualifierAt(w: TokenWalker, i: number): [string, string, string] | undefined {
  if (w.is(i - 1, '.')) return undefined;
  for (let k = 0; k < 7; k += 2) if (!w.isName(i + k) || (k < 6 && !w.is(i + k + 1, '.'))) return undefined;
  return [w.name(i), w.name(i + 2), w.name(i + 4)];
}

/** A column reference spanning exactly [lo, hi): `col`, `q.col` or `p.s.r.col`. */
export function columnRef(w: TokenWalker, lo: number, hi: number): ColumnRef | undefined {
  const ref = (qualifier: string | undefined, at: number): ColumnRef => ({
    qualifier,
    column: w.name(at),
    start: w.start(lo),
    end: w.end(at),
    ...(w.tokens[at].kind === 'quotedIdent' ? {} : { bareAt: w.start(at) }),
  });
  if (hi - lo === 1 && w.isName(lo) && !isLiteralWord(w, lo)) return ref(undefined, lo);
  if (hi - lo === 3 && w.isName(lo) && w.is(lo + 1, '.') && w.isName(lo + 2)) return ref(w.name(lo), lo + 2);
  const full = fullQualifierAt(w, lo);
  if (hi - lo === 7 && full) return ref(full.join('.'), lo + 6);
  return undefined;
}

export function isLiteralWord(w: TokenWalker, i: number): boolean {
  const word = w.word(i);
  return word === 'TRUE' || word === 'FALSE' || word === 'NULL';
}

/** A literal spanning exactly [lo, hi): string, number, -number, TRUE/FALSE, maybe in parentheses (`(-5)`). */
function literal(w: TokenWalker, lo: number, hi: number): { value: Literal } | undefined {
  if (hi - lo > 2 && w.is(lo, '(') && w.match[lo] === hi - 1) return literal(w, lo + 1, hi - 1);
  const t = w.tokens[lo];
  if (hi - lo === 1) {
    if (t.kind === 'string') return { value: t.value as string };
    if (t.kind === 'number') return { value: Number(t.value) };
    if (w.word(lo) === 'TRUE') return { value: true };
    if (w.word(lo) === 'FALSE') return { value: false };
  }
  if (hi - lo === 2 && w.is(lo, '-') && w.tokens[lo + 1].kind === 'number')
    return { value: -Number(w.tokens[lo + 1].value) };
  return undefined;
}

/** The same column written the same way (`i.zone` twice, not `i.zone` and `zone`). */
function sameColumn(a: ColumnRef, b: ColumnRef): boolean {
  return a.qualifier === b.qualifier && a.column === b.column;
}

/**
 * `a OR b OR …` spanning [lo, hi) where every operand (parenthesised or not) is a parameter term
 * on one column: the union of their values, as an IN list would give (`zone = 'a' OR zone IN
 * ('b', 'c')`, `((zone = 'a') OR (zone = 'b'))`). Anything else in an operand (another column, an
 * AND, LIKE…) and the disjunction binds nothing.
 */
function disjunction(
  w: TokenWalker,
  lo: number,
  hi: number,
  ors: readonly number[],
  clause: ParamConjunct['clause'],
): ParamConjunct | undefined {
  let column: ColumnRef | undefined;
  const values: Literal[] = [];
  let from = lo;
  for (const cut of [...ors, hi]) {
    let a = from;
    let b = cut;
    while (b - a > 2 && wrapped(w, a, b)) {
      a++;
      b--;
    }
    const operand = b > a ? paramConjunct(w, a, b, clause) : undefined;
    if (!operand || (column && !sameColumn(column, operand.column))) return undefined;
    column ??= operand.column;
    appendAll(values, operand.values);
    from = cut + 1;
  }
  return column ? { start: w.start(lo), end: w.end(hi - 1), clause, column, values } : undefined;
}

/**
 * `col = lit`, `lit = col`, `col IN (lit, …)` or an OR of those on one column, spanning exactly
 * [lo, hi), a term of `clause`.
 */
export function paramConjunct(
  w: TokenWalker,
  lo: number,
  hi: number,
  clause: ParamConjunct['clause'],
): ParamConjunct | undefined {
  const ors = w.topLevel(lo, hi, (i) => w.word(i) === 'OR');
  if (ors.length > 0) return disjunction(w, lo, hi, ors, clause);
  const span = { start: w.start(lo), end: w.end(hi - 1), clause };
  const eq = w.topLevel(lo, hi, (i) => w.is(i, '=') || w.is(i, '=='));
  if (eq.length === 1) {
    const at = eq[0];
    const left = columnRef(w, lo, at);
    const right = literal(w, at + 1, hi);
    if (left && right) return { ...span, column: left, values: [right.value] };
    const l2 = literal(w, lo, at);
    const r2 = columnRef(w, at + 1, hi);
    if (l2 && r2) return { ...span, column: r2, values: [l2.value] };
    return undefined;
  }
  const inAt = w.topLevel(lo, hi, (i) => w.word(i) === 'IN');
  if (inAt.length !== 1) return undefined;
  const col = columnRef(w, lo, inAt[0]);
  const open = inAt[0] + 1;
  if (!col || !w.is(open, '(') || w.match[open] !== hi - 1) return undefined;
  const values: Literal[] = [];
  let from = open + 1;
  for (const comma of [...w.topLevel(open + 1, hi - 1, (i) => w.is(i, ',')), hi - 1]) {
    const lit = literal(w, from, comma);
    if (!lit) return undefined;
    values.push(lit.value);
    from = comma + 1;
  }
  return values.length > 0 ? { ...span, column: col, values } : undefined;
}

/** `a.x = b.y` spanning exactly [lo, hi). */
export function joinEquality(w: TokenWalker, lo: number, hi: number): JoinEquality | undefined {
  const eq = w.topLevel(lo, hi, (i) => w.is(i, '=') || w.is(i, '=='));
  if (eq.length !== 1) return undefined;
  const left = columnRef(w, lo, eq[0]);
  const right = columnRef(w, eq[0] + 1, hi);
  if (!left || !right) return undefined;
  return { start: w.start(lo), end: w.end(hi - 1), left, right };
}
