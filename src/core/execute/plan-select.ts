import type { Catalog } from '../catalog/catalog.js';
import type { Resource } from '../catalog/model/catalog-types.js';
import { bindSelect } from '../plan/bind-select.js';
import { type FetchStep, orderBindings } from '../plan/order-bindings.js';
import { analyzeSelect } from '../sql/select/analyze-select.js';
import { applyEdits } from '../sql/select/apply-edits.js';
import { castEdits } from '../sql/select/pg-casts.js';
import type { SelectAnalysis, TableRef } from '../sql/select/select-model.js';
import type { SqlDialect } from '../store/sql-store.js';
import { checkSqlSyntax } from '../store/sql-syntax.js';
import { type ExecSource, planExecSources, withExecEdits } from './exec-source.js';
import { referencedNames } from './materialised-columns.js';
import { type LocalColumns, localTableColumnNames } from './pg-case-edits.js';
import { expressionColumnNames, rewriteSelect } from './rewrite-select.js';

/**
 * Everything decided about a SELECT before any API is called; executeSelect runs it and EXPLAIN
 * prints it, so both show the same decisions.
 */
export interface SelectPlan {
  /** The statement planned (views already expanded); conjunct offsets point into it. */
  readonly text: string;
  readonly analysis: SelectAnalysis;
  /** One step per provider table, in execution order: independent tables, then dependent joins. */
  readonly steps: readonly FetchStep[];
  /** `(EXEC ...)` row sources, each called once before the provider tables are joined. */
  readonly execs: readonly ExecSource[];
  /** The statement the store (SQLite or PostgreSQL) runs over the materialised tables. */
  readonly sql: string;
  /** Names its columns may be referenced by (materialised-columns.ts); undefined: every column is kept. */
  readonly referenced: ReadonlySet<string> | undefined;
  /** PostgreSQL: names for result columns PostgreSQL would call `?column?` and the like (rewrite-select.ts). */
  readonly expressionNames?: readonly (string | undefined)[];
}

/**
 * Plans a SELECT: analyse it, load the resources it names, bind WHERE/ON values to each provider
 * table, choose each table's method (StackQL's first match), order dependent joins after their
 * sources, and rewrite the text for the store: for SQLite PostgreSQL `::type` casts become CAST and
 * SQLite must be able to parse the result; for PostgreSQL the text stays PostgreSQL's, with
 * mixed-case column names quoted (those of provider tables, and of the local tables it reads when
 * `localColumns` is given). Reads provider documents and local tables' columns, never APIs.
 */
export async function planSelect(
  catalog: Catalog,
  text: string,
  dialect: SqlDialect = 'sqlite',
  localColumns?: LocalColumns,
): Promise<SelectPlan> {
  const analysis = analyzeSelect(text, dialect);
  const resources = new Map<TableRef, Resource>();
  for (const scope of analysis.scopes) {
    for (const ref of scope.from) {
      if (ref.kind !== 'provider') continue;
      const [p, s, r] = ref.parts;
      resources.set(ref, await catalog.resource(p, s, r));
    }
  }
  const ordered = orderBindings(bindSelect(analysis, resources), text);
  const steps = [
    ...ordered.filter((s) => s.joinParams.length === 0),
    ...ordered.filter((s) => s.joinParams.length > 0),
  ];
  const execs = await planExecSources(catalog, text, analysis);
  const methods = execs.map((e) => e.method);
  const localNames =
    dialect === 'postgres' && localColumns ? await localTableColumnNames(analysis, localColumns) : [];
  const edits = rewriteSelect(analysis, steps, text, dialect, methods, localNames);
  const sql = applyEdits(
    text,
    withExecEdits(execs, dialect === 'sqlite' ? [...edits, ...castEdits(text)] : edits),
  );
  // a malformed statement fails here, before any API call (local-only ones go straight to SQLite)
  if (dialect === 'sqlite' && (steps.length > 0 || execs.length > 0)) checkSqlSyntax(sql);
  const expressionNames = dialect === 'postgres' ? expressionColumnNames(analysis, steps, text) : undefined;
  return {
    text,
    analysis,
    steps,
    execs,
    sql,
    referenced: referencedNames(text, analysis, dialect),
    ...(expressionNames ? { expressionNames } : {}),
  };
}
