import type { ColumnRef, JoinEquality, Literal, ParamConjunct } from './select-model.js';
import type { TokenWalker } from './token-walker.js';

/** [lo, hi) ranges of the top-level AND terms of an expression (`BETWEEN a AND b` stays whole). */
export function splitAnd(w: TokenWalker, lo: number, hi: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = lo;
  let between = false;
  for (let i = lo; i < hi; i = w.skip(i)) {
    const word = w.word(i);
    if (word === 'BETWEEN') between = true;
    else if (word === 'AND') {
      if (between) between = false;
      else {
        parts.push([from, i]);
        from = i + 1;
      }
    }
  }
  parts.push([from, hi]);
  return parts.filter(([a, b]) => b > a);
}

/** A column reference spanning exactly [lo, hi): `col` or `q.col`. */
function columnRef(w: TokenWalker, lo: number, hi: number): ColumnRef | undefined {
  if (hi - lo === 1 && w.isName(lo) && !isLiteralWord(w, lo)) {
    return { qualifier: undefined, column: w.name(lo), start: w.start(lo), end: w.end(lo) };
  }
  if (hi - lo === 3 && w.isName(lo) && w.is(lo + 1, '.') && w.isName(lo + 2)) {
    return { qualifier: w.name(lo), column: w.name(lo + 2), start: w.start(lo), end: w.end(lo + 2) };
  }
  return undefined;
}

function isLiteralWord(w: TokenWalker, i: number): boolean {
  const word = w.word(i);
  return word === 'TRUE' || word === 'FALSE' || word === 'NULL';
}

/** A literal spanning exactly [lo, hi): string, number, -number, TRUE/FALSE. */
function literal(w: TokenWalker, lo: number, hi: number): { value: Literal } | undefined {
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

/** `col = lit`, `lit = col` or `col IN (lit, …)` spanning exactly [lo, hi). */
export function paramConjunct(w: TokenWalker, lo: number, hi: number): ParamConjunct | undefined {
  const span = { start: w.start(lo), end: w.end(hi - 1) };
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
