/**
 * What skyql needs to know about a SELECT to call APIs and hand the rest to SQLite: the table
 * references (provider tables are three-part names), the WHERE and ON conjuncts that can bind
 * method parameters, and the `*` projections. Offsets are into the statement text, so the
 * statement can be rewritten by splicing (see apply-edits.ts).
 */

import type { ExecSpan } from './exec-subquery.js';

/** A literal value in a WHERE conjunct. */
export type Literal = string | number | boolean;

/**
 * A column reference such as `i.zone` or `zone`, or qualified by a provider table's full name
 * (`google.compute.instances.zone`, qualifier `google.compute.instances`).
 */
export interface ColumnRef {
  readonly qualifier: string | undefined;
  readonly column: string;
  readonly start: number;
  readonly end: number;
  /**
   * Start of the column's name when it is written without quotes: SQLite refuses some words as
   * bare names (`order`, `table`), so the rewrite may quote [bareAt, end).
   */
  readonly bareAt?: number;
}

/** A FROM item. Provider tables have a three-part name; everything else is local to SQLite. */
export interface TableRef {
  readonly kind: 'provider' | 'local';
  readonly parts: readonly string[];
  /** Span of the name, replaced by the materialised table for provider tables. */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly alias: string | undefined;
  /** Index of the scope it belongs to. */
  readonly scope: number;
  /** `(EXEC ...)`: where the EXEC statement is (a local row source filled by calling the method). */
  readonly exec?: ExecSpan;
}

/**
 * `col = literal`, `literal = col`, `col IN (literal, …)`, or an OR of those on one column
 * (`col = 'a' OR col IN ('b', 'c')`, which binds like an IN list): a top-level AND term of a
 * WHERE or ON.
 */
export interface ParamConjunct {
  readonly start: number;
  readonly end: number;
  /** The clause it is a term of (`ON i.project = 'p'` binds like a WHERE term). */
  readonly clause: 'WHERE' | 'ON';
  readonly column: ColumnRef;
  readonly values: readonly Literal[];
}

/** `a.x = b.y`, a top-level AND term of an ON clause. */
export interface JoinEquality {
  readonly start: number;
  readonly end: number;
  readonly left: ColumnRef;
  readonly right: ColumnRef;
}

/**
 * Any other top-level AND term of a WHERE or ON (`zone LIKE 'us-%'`, `a = 1 OR b = 2`,
 * `lower(zone) = 'x'`) with the column references in it outside subqueries: SQLite evaluates it,
 * and when it names a parameter the planner reports that it never reaches the API.
 */
export interface FilterTerm {
  readonly start: number;
  readonly end: number;
  readonly clause: 'WHERE' | 'ON';
  readonly columns: readonly ColumnRef[];
}

/** One item of a select list, and whether it has a name of its own (an alias, or a plain column). */
export interface SelectItem {
  readonly start: number;
  readonly end: number;
  /** `x AS n`, `x n`, a plain column reference or a star: SQLite's column name is not the expression text. */
  readonly named: boolean;
  /** The item when it is exactly a column reference (`view`, `i.zone`). */
  readonly column: ColumnRef | undefined;
}

/** `*`, `q.*` or `p.s.r.*` in a select list (qualifier `p.s.r`). */
export interface StarRef {
  readonly start: number;
  readonly end: number;
  readonly qualifier: string | undefined;
}

/** One SELECT core (a query block with its own FROM). */
export interface SelectScope {
  readonly index: number;
  readonly from: readonly TableRef[];
  readonly conjuncts: readonly ParamConjunct[];
  readonly joinEqualities: readonly JoinEquality[];
  readonly filters: readonly FilterTerm[];
  readonly stars: readonly StarRef[];
  readonly items: readonly SelectItem[];
}

/** The `google.compute.instances` of a `google.compute.instances.name` column reference. */
export interface FullQualifier {
  readonly start: number;
  readonly end: number;
  readonly parts: readonly [string, string, string];
}

/** The analysis of a whole statement. */
export interface SelectAnalysis {
  readonly scopes: readonly SelectScope[];
  /** Every four-part column reference's table part, anywhere in the statement. */
  readonly fullQualifiers: readonly FullQualifier[];
  /** Names introduced by WITH (never provider tables). */
  readonly cteNames: ReadonlySet<string>;
  /** The scope whose select list names the result's columns (the first SELECT of the outer query). */
  readonly outputScope: number | undefined;
}
