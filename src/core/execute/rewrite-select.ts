import { appendAll } from '../../base/util/append-all.js';
import type { Method } from '../catalog/model/catalog-types.js';
import type { TableBinding } from '../plan/bind-select.js';
import { methodParamNames, namesTable } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { TextEdit } from '../sql/select/apply-edits.js';
import type { ColumnRef, SelectAnalysis, SelectScope, TableRef } from '../sql/select/select-model.js';
import type { SqlDialect } from '../store/sql-store.js';
import { SQLITE_RESERVED } from '../store/sqlite-reserved.js';
import { quoteIdent } from '../store/sqlite-store.js';
import { paramColumnName } from './fetch-step.js';
import { pgCaseEdits } from './pg-case-edits.js';
import { visibleColumns } from './table-columns.js';

function starFor(
  ref: TableRef,
  step: FetchStep | undefined,
  qualifier: string | undefined,
): string | undefined {
  if (step) {
    const q = quoteIdent(step.binding.qualifier);
    const cols = visibleColumns(step.method);
    return cols.length > 0 ? cols.map((c) => `${q}.${quoteIdent(c.name)}`).join(', ') : `${q}.*`;
  }
  const name = ref.alias ?? (ref.parts.length > 0 ? ref.parts[ref.parts.length - 1] : undefined) ?? qualifier;
  return name === undefined ? undefined : `${quoteIdent(name)}.*`;
}

function starEdits(scope: SelectScope, stepsByRef: ReadonlyMap<TableRef, FetchStep>): TextEdit[] {
  if (!scope.from.some((r) => stepsByRef.has(r))) return [];
  const edits: TextEdit[] = [];
  for (const star of scope.stars) {
    if (star.qualifier !== undefined) {
      const ref = scope.from.find((r) => {
        const step = stepsByRef.get(r);
        return step !== undefined && namesTable(star.qualifier, step.binding);
      });
      const text = ref ? starFor(ref, stepsByRef.get(ref), undefined) : undefined;
      if (text) edits.push({ start: star.start, end: star.end, text });
      continue;
    }
    const parts = scope.from.map((r) => starFor(r, stepsByRef.get(r), undefined));
    if (parts.every((p): p is string => p !== undefined))
      edits.push({ start: star.start, end: star.end, text: parts.join(', ') });
  }
  return edits;
}

function bindingEdits(b: TableBinding, step: FetchStep, replaced: Set<number>, truth: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const alias = b.ref.alias === undefined ? ` AS ${quoteIdent(b.resource.name)}` : '';
  edits.push({ start: b.ref.nameStart, end: b.ref.nameEnd, text: `${quoteIdent(b.table)}${alias}` });
  const consumed = methodParamNames(step.method);
  // Conjuncts the API call consumed are true by construction; StackQL drops them from local filtering.
  for (const [param, list] of b.conjuncts) {
    if (!consumed.has(param)) continue;
    for (const c of list) {
      if (replaced.has(c.start)) continue;
      replaced.add(c.start);
      edits.push({ start: c.start, end: c.end, text: truth });
    }
  }
  const visible = new Set(visibleColumns(step.method).map((c) => c.name));
  for (const j of step.joinParams) {
    const col = paramColumnName(j.param, visible);
    if (col !== j.own.column && !replaced.has(j.own.start)) {
      replaced.add(j.own.start);
      edits.push({
        start: j.own.start,
        end: j.own.end,
        text: `${quoteIdent(b.qualifier)}.${quoteIdent(col)}`,
      });
    }
  }
  return edits;
}

/**
 * `google.compute.instances` in `google.compute.instances.name` → the unaliased table's SQLite
 * alias (its resource name), except inside spans other edits already replace.
 */
function fullQualifierEdits(
  analysis: SelectAnalysis,
  steps: readonly FetchStep[],
  others: readonly TextEdit[],
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const q of analysis.fullQualifiers) {
    const step = steps.find(
      (s) => s.binding.ref.alias === undefined && namesTable(q.parts.join('.'), s.binding),
    );
    if (!step || others.some((e) => e.start < q.end && q.start < e.end)) continue;
    edits.push({ start: q.start, end: q.end, text: quoteIdent(step.binding.qualifier) });
  }
  return edits;
}

/**
 * Bare column references SQLite refuses as names (`order`, `all`: Google parameter names) →
 * quoted, where SQLite will see them: terms left to it and plain select items naming a parameter
 * or response column of a table of their scope. Skips spans other edits replace.
 */
function reservedNameEdits(
  analysis: SelectAnalysis,
  steps: readonly FetchStep[],
  others: readonly TextEdit[],
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const scope of analysis.scopes) {
    const mine = steps.filter((s) => s.binding.scope === scope);
    const names = new Map(
      mine.map((s) => [
        s,
        new Set([...methodParamNames(s.method), ...visibleColumns(s.method).map((v) => v.name)]),
      ]),
    );
    const refs: ColumnRef[] = [
      ...scope.conjuncts.map((c) => c.column),
      ...scope.filters.flatMap((f) => f.columns),
      ...scope.items.flatMap((i) => (i.column ? [i.column] : [])),
    ];
    for (const r of refs) {
      const at = r.bareAt;
      if (at === undefined || !SQLITE_RESERVED.has(r.column.toUpperCase())) continue;
      const owned = mine.some(
        (s) =>
          (r.qualifier === undefined || namesTable(r.qualifier, s.binding)) && names.get(s)?.has(r.column),
      );
      if (!owned || [...others, ...edits].some((e) => e.start < r.end && at < e.end)) continue;
      edits.push({ start: at, end: r.end, text: quoteIdent(r.column) });
    }
  }
  return edits;
}

/**
 * StackQL names an unaliased select item that is not a plain column `col_1`, `col_2`, … (numbered
 * among such items) when the query reads two or more tables; SQLite would name it by its text.
 * Only the outer query's first SELECT names the result, so only its items get an `AS col_N`.
 */
function anonymousColumnEdits(analysis: SelectAnalysis, steps: readonly FetchStep[]): TextEdit[] {
  const scope = analysis.outputScope === undefined ? undefined : analysis.scopes[analysis.outputScope];
  if (!scope || !numbersAnonymous(scope, steps)) return [];
  let n = 0;
  return scope.items
    .filter((item) => !item.named)
    .map((item) => ({ start: item.end, end: item.end, text: ` AS col_${++n}` }));
}

function numbersAnonymous(scope: SelectScope, steps: readonly FetchStep[]): boolean {
  return scope.from.length >= 2 && steps.some((s) => s.binding.scope === scope);
}

/**
 * The result's column names as SQLite gives them where PostgreSQL would not: an unnamed expression
 * is named by its text as written (`scheduling->>'automaticRestart'`, not `?column?`), so exec and
 * the shell name columns alike on both backends (the wire server gives PostgreSQL's names again).
 * One entry per output column, undefined where PostgreSQL's name stands; undefined when the output
 * has a `*` (its width is unknown here) or is named `col_N` (anonymousColumnEdits).
 */
export function expressionColumnNames(
  analysis: SelectAnalysis,
  steps: readonly FetchStep[],
  text: string,
): (string | undefined)[] | undefined {
  const scope = analysis.outputScope === undefined ? undefined : analysis.scopes[analysis.outputScope];
  if (!scope || scope.stars.length > 0 || numbersAnonymous(scope, steps)) return undefined;
  if (scope.items.every((i) => i.named)) return undefined;
  return scope.items.map((i) => (i.named ? undefined : text.slice(i.start, i.end)));
}

/**
 * The edits that turn the user's SELECT into one SQLite can run over the materialised tables:
 * provider table names → their tables (keeping the resource name as alias), consumed parameter
 * conjuncts → `1`, dependent-join columns that collide with response columns → the parameter
 * column, `*` → the visible columns (so parameter columns stay out of `SELECT *`), full-name
 * column qualifiers → the table's alias, columns named by SQLite keywords → quoted, StackQL's `col_N`
 * names for unnamed expressions over several tables; on PostgreSQL, mixed-case column names quoted
 * (pg-case-edits.ts; `text` is the statement, `execMethods` the methods of its EXEC sources,
 * `localNames` the columns of the local tables it reads).
 */
export function rewriteSelect(
  analysis: SelectAnalysis,
  steps: readonly FetchStep[],
  text = '',
  dialect: SqlDialect = 'sqlite',
  execMethods: readonly Method[] = [],
  localNames: readonly string[] = [],
): TextEdit[] {
  const stepsByRef = new Map(steps.map((s) => [s.binding.ref, s]));
  const replaced = new Set<number>();
  // a consumed term is true: `1` on SQLite, `TRUE` on PostgreSQL (whose AND wants booleans)
  const truth = dialect === 'postgres' ? 'TRUE' : '1';
  const edits = steps.flatMap((s) => bindingEdits(s.binding, s, replaced, truth));
  for (const scope of analysis.scopes) appendAll(edits, starEdits(scope, stepsByRef));
  appendAll(edits, fullQualifierEdits(analysis, steps, edits));
  appendAll(edits, reservedNameEdits(analysis, steps, edits));
  if (dialect === 'postgres')
    appendAll(edits, pgCaseEdits(text, [...steps.map((s) => s.method), ...execMethods], edits, localNames));
  return appendAll(edits, anonymousColumnEdits(analysis, steps));
}
