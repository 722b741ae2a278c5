import type { QualifiedName } from './qualified-name.js';
import type { SqlFragment } from './sql-fragment.js';
import type { StatementBase } from './statement-base.js';

/** A literal value: string, number, boolean or NULL. */
export type LiteralValue = string | number | boolean | null;

/**
 * A value expression in VALUES, SET or an EXEC argument, kept as written (SQLite evaluates it when
 * it is not a plain literal). `literal` is set when the expression is exactly one literal
 * (`'a'`, `-1.5`, `TRUE`, `NULL`), so it needs no evaluation and keeps its type (booleans stay
 * booleans, where SQLite would give 1/0).
 */
export interface ValueExpr extends SqlFragment {
  readonly literal?: { readonly value: LiteralValue };
}

/** `column = literal` or `column IN (literal, ...)`: a top-level AND term of a mutation's WHERE. */
export interface WhereParam extends SqlFragment {
  readonly column: string;
  readonly values: readonly Exclude<LiteralValue, null>[];
}

/** `RETURNING *` (`star`) or `RETURNING a, b` (column names as written). */
export interface ReturningClause {
  readonly star: boolean;
  readonly columns: readonly string[];
}

/** Hints a mutation may carry in `/*+ ... *\/` after its verb. */
export type MutationHint = 'AWAIT' | 'NOSTATUS' | 'SHOWRESULTS';

/** Fields shared by INSERT, UPDATE/REPLACE, DELETE and EXEC on provider resources. */
interface MutationBase extends StatementBase {
  /** Hint names, upper-cased (`['AWAIT', 'NOSTATUS']`). */
  readonly hints: readonly MutationHint[];
}

/** Where INSERT rows come from. */
export type InsertSource =
  | { readonly kind: 'values'; readonly rows: readonly (readonly ValueExpr[])[] }
  | { readonly kind: 'select'; readonly select: SqlFragment };

/**
 * `INSERT [/*+ hints *\/] [IGNORE] [INTO] <provider>.<service>.<resource> (cols)
 * {VALUES (...)[, (...)] | SELECT ...} [RETURNING ...]`: one API call per row.
 */
export interface InsertStatement extends MutationBase {
  readonly kind: 'insert';
  /** `INSERT IGNORE`: a row whose resource already exists (HTTP 409) is skipped. */
  readonly ignore: boolean;
  readonly target: QualifiedName;
  readonly columns: readonly string[];
  readonly source: InsertSource;
  readonly returning?: ReturningClause;
}

/** One `column = expr` of a SET list. */
export interface SetItem {
  readonly column: string;
  readonly value: ValueExpr;
}

/**
 * `UPDATE [/*+ hints *\/] <fqn> SET c = v[, ...] [WHERE ...] [RETURNING ...]` (verb UPDATE, the
 * `update` methods, usually PATCH) or `REPLACE ...` with the same shape (the `replace` methods, PUT).
 */
export interface UpdateStatement extends MutationBase {
  readonly kind: 'update';
  readonly verb: 'UPDATE' | 'REPLACE';
  readonly target: QualifiedName;
  readonly set: readonly SetItem[];
  readonly where: readonly WhereParam[];
  readonly returning?: ReturningClause;
}

/** `DELETE [/*+ hints *\/] FROM <fqn> [WHERE ...] [RETURNING ...]`; IN lists fan out. */
export interface DeleteStatement extends MutationBase {
  readonly kind: 'delete';
  readonly target: QualifiedName;
  readonly where: readonly WhereParam[];
  readonly returning?: ReturningClause;
}

/** One `@name = value` of EXEC. */
export interface ExecArg {
  readonly name: string;
  readonly value: ValueExpr;
}

/**
 * `EXEC [/*+ hints *\/] <provider>.<service>.<resource>.<method> [@k = v[, ...]] [[,] @@json = '...']`:
 * any method; `@@json` is the whole request body.
 */
export interface ExecStatement extends MutationBase {
  readonly kind: 'exec';
  /** Four parts: provider, service, resource, method. */
  readonly target: QualifiedName;
  readonly args: readonly ExecArg[];
  readonly json?: ValueExpr;
}

/** Any statement that changes provider resources (or calls a method). */
export type MutationStatement = InsertStatement | UpdateStatement | DeleteStatement | ExecStatement;
