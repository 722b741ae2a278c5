import type { Catalog } from '../../catalog/catalog.js';
import type { Method, Resource } from '../../catalog/model/catalog-types.js';
import { CallBudget, combinationCount, plannedCalls } from '../../execute/call-budget.js';
import type { DescentMethods } from '../../execute/descent-methods.js';
import { cartesian, literalLists } from '../../execute/fetch-step.js';
import { localParamTerms, localTermDetail } from '../../execute/local-filters.js';
import { materialisedColumns } from '../../execute/materialised-columns.js';
import type { SelectPlan } from '../../execute/plan-select.js';
import { type Shard, shardedStep } from '../../execute/shard.js';
import { visibleColumns } from '../../execute/table-columns.js';
import { selectPagination } from '../../http/pagination.js';
import { buildRequest } from '../../http/request-builder.js';
import { methodParamNames, type TableBinding } from '../../plan/bind-select.js';
import type { FetchStep } from '../../plan/order-bindings.js';
import { descentExplain, planDescentMethods } from './explain-descent.js';
import { execSourceRows } from './explain-exec-source.js';
import { methodText, notChosen, type PlanRow, requestTexts, valueText } from './plan-rows.js';

/** `google.compute.instances i`: the table as the query names it. */
function tableLabel(b: TableBinding): string {
  return b.ref.alias === undefined ? b.resource.fqn : `${b.resource.fqn} ${b.ref.alias}`;
}

/** How many calls the step makes and what multiplies them. */
function callsText(step: FetchStep, stepOf: ReadonlyMap<number, number>): string {
  const lists = literalLists(step);
  const count = combinationCount(lists);
  const empty = lists.find(([, values]) => values.length === 0);
  if (empty) return `0: no value of ${empty[0]} satisfies all its terms`;
  const multi = lists.filter(([, values]) => values.length > 1);
  const fanned = multi.map(([p, v]) => `${p} (${v.length})`);
  const literal =
    multi.length === 1 ? `one per value of ${multi[0][0]}` : `one per combination of ${fanned.join(' × ')}`;
  if (step.joinParams.length === 0) return fanned.length > 0 ? `${count}: ${literal}` : '1';
  const sources = step.joinParams.map(
    (j) => `${j.source.qualifier}.${j.source.column} of step ${stepOf.get(j.sourceBinding.id)}`,
  );
  const joined = `one per distinct ${sources.length > 1 ? 'combination of ' : 'value of '}${sources.join(', ')}`;
  return fanned.length > 0 ? `${joined}, times ${count} (${literal})` : joined;
}

/** Where pages come from (selectPagination, as the HTTP row source uses it) and the page limit. */
function pagesText(method: Method, resource: Resource, pageLimit: number): string {
  const s = selectPagination(method, resource);
  const limit =
    pageLimit > 0 ? `, at most ${pageLimit} pages per call (--http.response.pageLimit)` : ', every page';
  switch (s.kind) {
    case 'none':
      return 'one response per call (not paged)';
    case 'token':
      return `follows ${s.response.key} (response ${s.response.location}) into ${s.request.key} (request ${s.request.location})${limit}`;
    case 'link':
      return `follows the Link header${limit}`;
    case 'page_number':
      return `counts pages in ${s.request.key} (request ${s.request.location}) until an empty page${limit}`;
  }
}

/** The response columns a step stores: `all 46`, or `2 of 46: name, status` (the rest are never referenced). */
function columnsText(step: FetchStep, referenced: ReadonlySet<string> | undefined): string {
  const all = visibleColumns(step.method).length;
  const kept = materialisedColumns(step, referenced);
  if (kept.length === all) return `all ${all}`;
  return `${kept.length} of ${all}${kept.length > 0 ? `: ${kept.map((c) => c.name).join(', ')}` : ''} (the others are not referenced)`;
}

function stepRows(
  plan: SelectPlan,
  step: FetchStep,
  stepOf: ReadonlyMap<number, number>,
  pageLimit: number,
  descents: DescentMethods | undefined,
): PlanRow[] {
  const { text } = plan;
  const { binding, method } = step;
  const n = stepOf.get(binding.id) as number;
  const table = tableLabel(binding);
  const row = (item: string, detail: string): PlanRow => ({ step: n, table, item, detail });
  const descent = descentExplain(step, descents);
  const rows = [
    row('method', descent?.method ?? methodText(method)),
    ...notChosen(binding.resource, 'select', step.supplied, method).map((d) => row('not chosen', d)),
  ];
  const consumed = methodParamNames(method);
  for (const [param, conjuncts] of binding.conjuncts) {
    if (!consumed.has(param)) continue; // a local filter, below
    const terms = conjuncts.map((c) => `${c.clause} ${text.slice(c.start, c.end)}`);
    const values = binding.literals.get(param) ?? [];
    const shown = values.length > 0 ? values.map(valueText).join(', ') : 'no value';
    rows.push(
      row('param', terms.length === 1 ? `${param}: ${terms[0]}` : `${param}: ${shown} (${terms.join(', ')})`),
    );
  }
  for (const j of step.joinParams) {
    const source = `${j.source.qualifier}.${j.source.column} of step ${stepOf.get(j.sourceBinding.id)}`;
    const on = text.slice(j.equality.start, j.equality.end);
    rows.push(row('param', `${j.param}: each distinct ${source} (ON ${on})`));
  }
  for (const term of localParamTerms(step)) rows.push(row('local filter', localTermDetail(step, text, term)));
  if (descent) {
    rows.push(row('calls', descent.calls), ...descent.requests.map((r) => row('request', r)));
    rows.push(row('pages', pagesText(descent.paged, binding.resource, pageLimit)));
    rows.push(row('columns', columnsText(step, plan.referenced)));
    return rows;
  }
  rows.push(row('calls', callsText(step, stepOf)));
  if (step.joinParams.length === 0) {
    const combos = cartesian(literalLists(step));
    for (const r of requestTexts(combos.map((c) => buildRequest(method, c)))) rows.push(row('request', r));
  }
  rows.push(row('pages', pagesText(method, binding.resource, pageLimit)));
  rows.push(row('columns', columnsText(step, plan.referenced)));
  return rows;
}

/** What bounds a plan: pages per call and API calls per statement. */
export interface PlanLimits {
  readonly pageLimit: number;
  readonly maxCalls: number;
  /** `--shard K/N`: the table whose calls are split gets a row saying so. */
  readonly shard?: Shard;
}

function shardRow(step: FetchStep, stepOf: ReadonlyMap<number, number>, shard: Shard): PlanRow {
  const { index, count } = shard;
  return {
    step: stepOf.get(step.binding.id) as number,
    table: tableLabel(step.binding),
    item: 'shard',
    detail: `--shard ${index}/${count}: this process makes only the calls whose parameter values hash to ${index} modulo ${count}; the other tables are fetched whole`,
  };
}

/** The statement's calls in all (several tables only), as running it counts them. */
function totalText(plan: SelectPlan, planned: number, maxCalls: number, descending: boolean): string {
  const dependent = plan.steps.some((s) => s.joinParams.length > 0);
  const more =
    (dependent ? ", plus the dependent joins' calls, counted as they are made" : '') +
    (descending ? ' (a skyql.org descent counts as 1: its list calls are known only at run time)' : '');
  return `${planned}${more}; at most ${maxCalls} (--execution.maxCalls)`;
}

/**
 * The rows of a SELECT plan, numbered from `first`: the `(EXEC ...)` row sources, then per provider
 * table (in fetch order) the method and why the others were not chosen, each parameter's values
 * and the terms they came from, the terms on its parameters left to SQLite, the number of calls,
 * the requests and the paging (for a `skyql.org` descent: its first level's requests, the number
 * of calls unknown until run); the calls in all; then the local SQL. A statement over the call cap
 * is refused here as it would be when run (TOO_MANY_CALLS).
 */
export async function selectPlanRows(
  catalog: Catalog,
  plan: SelectPlan,
  limits: PlanLimits,
  first = 1,
): Promise<PlanRow[]> {
  const planned = plannedCalls(plan.steps);
  new CallBudget(limits.maxCalls).spend(planned, 'the IN-list combinations of its tables');
  const descents = await planDescentMethods(catalog, plan);
  const rows = execSourceRows(plan.execs, first);
  const next = first + plan.execs.length;
  const stepOf = new Map(plan.steps.map((s, i) => [s.binding.id, next + i]));
  const split = limits.shard ? shardedStep(plan.steps, (s) => combinationCount(literalLists(s))) : undefined;
  for (const s of plan.steps) {
    rows.push(...stepRows(plan, s, stepOf, limits.pageLimit, descents));
    if (s === split && limits.shard) rows.push(shardRow(s, stepOf, limits.shard));
  }
  const last = planSteps(plan) + first;
  if (plan.steps.length > 1)
    rows.push({
      step: last,
      table: '',
      item: 'calls in all',
      detail: totalText(
        plan,
        planned,
        limits.maxCalls,
        plan.steps.some((s) => descentExplain(s, descents) !== undefined),
      ),
    });
  rows.push({ step: last, table: '', item: 'local sql', detail: plan.sql });
  return rows;
}

/** Steps before the local SQL: the EXEC row sources and the provider tables. */
export function planSteps(plan: SelectPlan): number {
  return plan.execs.length + plan.steps.length;
}
