import { appendAll } from '../../../base/util/append-all.js';
import { TextMemo } from '../../../base/util/text-memo.js';
import type { SqlDialect } from '../dialect.js';
import { execSpan, opensExec } from './exec-subquery.js';
import { fullQualifierAt, joinEquality, paramConjunct, splitAnd } from './parse-conjuncts.js';
import type {
  FilterTerm,
  FullQualifier,
  JoinEquality,
  ParamConjunct,
  SelectAnalysis,
  SelectItem,
  StarRef,
  TableRef,
} from './select-model.js';
import { columnRefsIn, selectItems } from './term-columns.js';
import { TokenWalker } from './token-walker.js';

const COMPOUND = new Set(['UNION', 'INTERSECT', 'EXCEPT']);
const CLAUSE_END = new Set(['WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT']);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL']);
const NOT_ALIAS = new Set([...JOIN_WORDS, ...CLAUSE_END, ...COMPOUND, 'ON', 'USING', 'AS']);
/** What may follow a column named like a clause word (`WHERE order = 'x'`, `AND limit IN (…)`). */
const COMPARISON = new Set(['=', '==', '!=', '<>', '<', '>', '<=', '>=', ',', ')']);
const COMPARISON_WORDS = new Set(['IN', 'LIKE', 'IS', 'BETWEEN', 'GLOB', 'AND', 'OR']);

interface MutableScope {
  index: number;
  from: TableRef[];
  conjuncts: ParamConjunct[];
  joinEqualities: JoinEquality[];
  filters: FilterTerm[];
  stars: StarRef[];
  items: SelectItem[];
}

/**
 * Structural analysis of a SELECT (or WITH … SELECT, or a compound of them): every query block's
 * FROM items, WHERE/ON conjuncts and `*` projections, recursing into CTEs and subqueries anywhere.
 * It does not validate SQL: SQLite does that when the rewritten statement runs. `dialect`: whose
 * syntax the text is in (the store's).
 */
export function analyzeSelect(text: string, dialect: SqlDialect = 'sqlite'): SelectAnalysis {
  return analyses.through(text, dialect, () => analyze(text, dialect));
}

/** View expansion and planning both analyse a statement's text (the same when it uses no view). */
const analyses = new TextMemo<SelectAnalysis>();

function analyze(text: string, dialect: SqlDialect): SelectAnalysis {
  const w = TokenWalker.of(text, dialect);
  const scopes: MutableScope[] = [];
  const cteNames = new Set<string>();
  let outputScope: number | undefined;

  const scanSubqueries = (lo: number, hi: number): void => {
    for (let i = lo; i < hi; i++) {
      if (w.is(i, '(') && w.match[i] > i) {
        const inner = w.word(i + 1);
        if (inner === 'SELECT' || inner === 'WITH') {
          query(i + 1, w.match[i]);
          i = w.match[i];
        }
      }
    }
  };

  /** `top`: the outer query, whose first SELECT names the result's columns. */
  const query = (lo: number, hi: number, top = false): void => {
    let i = lo;
    if (w.word(i) === 'WITH') {
      i++;
      if (w.word(i) === 'RECURSIVE') i++;
      while (i < hi && w.isName(i)) {
        cteNames.add(w.name(i));
        i++;
        if (w.is(i, '(')) i = w.skip(i); // column list
        while (i < hi && !w.is(i, '(')) i++; // AS [NOT] [MATERIALIZED]
        if (i >= hi) return;
        query(i + 1, w.match[i]);
        i = w.skip(i);
        if (!w.is(i, ',')) break;
        i++;
      }
    }
    const cuts = w.topLevel(i, hi, (k) => COMPOUND.has(w.word(k)));
    let from = i;
    for (const cut of [...cuts, hi]) {
      let a = from;
      while (a < cut && w.word(a) !== 'SELECT' && !w.is(a, '(')) a++;
      const first = top && from === i;
      if (w.is(a, '(') && w.match[a] < cut) query(a + 1, w.match[a], first);
      else if (w.word(a) === 'SELECT') {
        if (first) outputScope = scopes.length;
        core(a, cut);
      } else scanSubqueries(from, cut);
      from = cut + 1;
      if (w.word(from) === 'ALL') from++;
    }
  };

  const core = (lo: number, hi: number): void => {
    const scope: MutableScope = {
      index: scopes.length,
      from: [],
      conjuncts: [],
      joinEqualities: [],
      filters: [],
      stars: [],
      items: [],
    };
    scopes.push(scope);
    const fromAt = w.topLevel(lo, hi, (k) => w.word(k) === 'FROM')[0];
    const selectEnd = fromAt ?? firstClause(lo + 1, hi);
    selectList(scope, lo + 1, selectEnd);
    if (fromAt === undefined) {
      scanSubqueries(selectEnd, hi);
      return;
    }
    const fromEnd = firstClause(fromAt + 1, hi);
    fromClause(scope, fromAt + 1, fromEnd);
    if (w.word(fromEnd) === 'WHERE') {
      const whereEnd = firstClause(fromEnd + 1, hi);
      for (const [a, b] of splitAnd(w, fromEnd + 1, whereEnd)) {
        const c = paramConjunct(w, a, b, 'WHERE');
        if (c) scope.conjuncts.push(c);
        else scope.filters.push(filterTerm(a, b, 'WHERE'));
      }
      scanSubqueries(fromEnd + 1, hi);
    } else scanSubqueries(fromEnd, hi);
  };

  const filterTerm = (a: number, b: number, clause: FilterTerm['clause']): FilterTerm => ({
    start: w.start(a),
    end: w.end(b - 1),
    clause,
    columns: columnRefsIn(w, a, b),
  });

  /** A clause word that starts a clause, not a column named so (`order = 'x'`, `limit IN (…)`). */
  const startsClause = (k: number): boolean => {
    const word = w.word(k);
    if (!CLAUSE_END.has(word)) return false;
    if (word === 'ORDER' || word === 'GROUP') return w.word(k + 1) === 'BY';
    const next = w.tokens[k + 1];
    if (!next) return true;
    return !COMPARISON.has(next.text) && !COMPARISON_WORDS.has(w.word(k + 1));
  };

  const firstClause = (lo: number, hi: number): number => w.topLevel(lo, hi, startsClause)[0] ?? hi;

  const selectList = (scope: MutableScope, lo: number, hi: number): void => {
    appendAll(scope.items, selectItems(w, lo, hi));
    for (let i = lo; i < hi; i = w.skip(i)) {
      if (!w.is(i, '*')) continue;
      const prev = i - 1;
      if (w.is(prev, '.') && w.isName(prev - 1)) {
        const full = w.is(prev - 2, '.') && w.is(prev - 4, '.') && w.isName(prev - 5) && !w.is(prev - 6, '.');
        const first = full ? prev - 5 : prev - 1;
        const qualifier = full
          ? [prev - 5, prev - 3, prev - 1].map((k) => w.name(k)).join('.')
          : w.name(prev - 1);
        scope.stars.push({ start: w.start(first), end: w.end(i), qualifier });
      } else if (prev < lo || w.is(prev, ',') || ['SELECT', 'DISTINCT', 'ALL'].includes(w.word(prev))) {
        scope.stars.push({ start: w.start(i), end: w.end(i), qualifier: undefined });
      }
    }
    scanSubqueries(lo, hi);
  };

  const fromClause = (scope: MutableScope, lo: number, hi: number): void => {
    let i = lo;
    while (i < hi) {
      while (i < hi && (w.is(i, ',') || JOIN_WORDS.has(w.word(i)))) i++;
      if (i >= hi) break;
      i = fromItem(scope, i, hi);
      const constraint = w.word(i);
      if (constraint === 'ON') {
        const end = nextItemStart(i + 1, hi);
        for (const [a, b] of splitAnd(w, i + 1, end)) {
          const eq = joinEquality(w, a, b);
          if (eq) scope.joinEqualities.push(eq);
          const c = eq ? undefined : paramConjunct(w, a, b, 'ON');
          if (c)
            scope.conjuncts.push(c); // `ON i.project = 'p'` binds like a WHERE term
          else if (!eq) scope.filters.push(filterTerm(a, b, 'ON'));
        }
        scanSubqueries(i + 1, end);
        i = end;
      } else if (constraint === 'USING') {
        i = w.skip(i + 1);
      }
    }
  };

  const nextItemStart = (lo: number, hi: number): number =>
    w.topLevel(lo, hi, (k) => w.is(k, ',') || JOIN_WORDS.has(w.word(k)))[0] ?? hi;

  /** Parses one FROM item at i; returns the index after it (and its alias). */
  const fromItem = (scope: MutableScope, i: number, hi: number): number => {
    if (w.is(i, '(')) {
      const close = w.match[i];
      const inner = w.word(i + 1);
      const exec = opensExec(w, i) ? execSpan(w, i) : undefined; // (EXEC ...): exec-subquery.ts
      if (inner === 'SELECT' || inner === 'WITH') query(i + 1, close);
      else if (!exec) fromClause(scope, i + 1, close);
      const next = close + 1;
      const { alias, after } = readAlias(next, hi);
      scope.from.push({
        kind: 'local',
        parts: [],
        nameStart: w.start(i),
        nameEnd: w.end(close),
        alias,
        scope: scope.index,
        ...(exec ? { exec } : {}),
      });
      return after;
    }
    const parts: string[] = [];
    const first = i;
    parts.push(w.name(i));
    i++;
    while (w.is(i, '.') && w.isName(i + 1)) {
      parts.push(w.name(i + 1));
      i += 2;
    }
    const nameEnd = w.end(i - 1);
    if (w.is(i, '(')) {
      scanSubqueries(i + 1, w.match[i]); // table-valued function such as json_each(...)
      i = w.skip(i);
    }
    const { alias, after } = readAlias(i, hi);
    const provider = parts.length === 3 && !cteNames.has(parts[0]);
    scope.from.push({
      kind: provider ? 'provider' : 'local',
      parts,
      nameStart: w.start(first),
      nameEnd,
      alias,
      scope: scope.index,
    });
    return after;
  };

  const readAlias = (i: number, hi: number): { alias: string | undefined; after: number } => {
    if (i < hi && w.word(i) === 'AS' && w.isName(i + 1)) return { alias: w.name(i + 1), after: i + 2 };
    const t = w.tokens[i];
    if (i < hi && t && (t.kind === 'ident' || t.kind === 'quotedIdent') && !NOT_ALIAS.has(w.word(i))) {
      return { alias: w.name(i), after: i + 1 };
    }
    return { alias: undefined, after: i };
  };

  query(0, w.length, true);
  const fullQualifiers: FullQualifier[] = [];
  for (let i = 0; i < w.length; i++) {
    const parts = fullQualifierAt(w, i);
    if (parts) fullQualifiers.push({ start: w.start(i), end: w.end(i + 4), parts });
  }
  return { scopes, cteNames, fullQualifiers, outputScope };
}
