import type { TableBinding } from '../plan/bind-select.js';
import { methodParamNames, namesTable } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { TextEdit } from '../sql/select/apply-edits.js';
import type { SelectAnalysis, SelectScope, TableRef } from '../sql/select/select-model.js';
import { quoteIdent } from '../store/sqlite-store.js';
import { paramColumnName } from './fetch-step.js';
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

function bindingEdits(b: TableBinding, step: FetchStep, replaced: Set<number>): TextEdit[] {
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
      edits.push({ start: c.start, end: c.end, text: '1' });
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
 * The edits that turn the user's SELECT into one SQLite can run over the materialised tables:
 * provider table names → their tables (keeping the resource name as alias), consumed parameter
 * conjuncts → `1`, dependent-join columns that collide with response columns → the parameter
 * column, `*` → the visible columns (so parameter columns stay out of `SELECT *`), and full-name
 * column qualifiers → the table's alias.
 */
export function rewriteSelect(analysis: SelectAnalysis, steps: readonly FetchStep[]): TextEdit[] {
  const stepsByRef = new Map(steps.map((s) => [s.binding.ref, s]));
  const replaced = new Set<number>();
  const edits = steps.flatMap((s) => bindingEdits(s.binding, s, replaced));
  for (const scope of analysis.scopes) edits.push(...starEdits(scope, stepsByRef));
  return [...edits, ...fullQualifierEdits(analysis, steps, edits)];
}
