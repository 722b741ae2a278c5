import type { Catalog } from '../../catalog/catalog.js';
import type { Resource } from '../../catalog/model/catalog-types.js';
import { planMutationStatement } from '../../execute/mutation/execute-mutation.js';
import type { MutationEnv } from '../../execute/mutation/mutation-env.js';
import { sendCalls } from '../../execute/mutation/send-calls.js';
import { planSelect } from '../../execute/plan-select.js';
import { type CallValues, type MutationVerb, planMutation } from '../../plan/plan-mutation.js';
import type { InsertStatement, MutationStatement } from '../../sql/ast/mutation-statement.js';
import { planSteps, selectPlanRows } from './explain-select.js';
import { methodText, notChosen, type PlanRow, requestTexts, valueText } from './plan-rows.js';

/** What explaining a mutation needs: the catalog, the SELECT planner's inputs and a dry-run env. */
export interface MutationExplainEnv {
  readonly catalog: Catalog;
  /** The session's mutation environment; EXPLAIN uses it only as a dry run, so nothing is sent. */
  readonly mutation: MutationEnv;
  readonly expandViews: (text: string) => string;
  readonly pageLimit: number;
  /** API calls a statement may make (`--execution.maxCalls`); EXPLAIN refuses past it like running would. */
  readonly maxCalls: number;
}

function verbOf(stmt: Exclude<MutationStatement, { kind: 'exec' }>): MutationVerb {
  return stmt.kind === 'update' ? (stmt.verb === 'UPDATE' ? 'update' : 'replace') : stmt.kind;
}

/** The clause each supplied name comes from. */
function sources(stmt: MutationStatement): Map<string, string> {
  const out = new Map<string, string>();
  if (stmt.kind === 'insert') for (const c of stmt.columns) out.set(c, 'VALUES');
  if (stmt.kind === 'update') for (const s of stmt.set) out.set(s.column, 'SET');
  if (stmt.kind === 'update' || stmt.kind === 'delete')
    for (const w of stmt.where) out.set(w.column, w.values.length > 1 ? 'WHERE IN list' : 'WHERE');
  if (stmt.kind === 'exec') for (const a of stmt.args) out.set(a.name, `@${a.name}`);
  return out;
}

/** `param` rows: each name's distinct values over the calls and where they came from. */
function paramRows(stmt: MutationStatement, calls: readonly CallValues[]): string[] {
  const from = sources(stmt);
  return [...new Set(calls.flatMap((c) => [...c.keys()]))].map((name) => {
    const values = [...new Set(calls.map((c) => valueText(c.get(name))))].join(', ');
    // The only name no clause gave is the updateMask planMutation fills.
    return `${name}: ${values} (${from.get(name) ?? 'filled in from the SET columns'})`;
  });
}

function callsText(stmt: MutationStatement, count: number): string {
  if (count === 1) return '1';
  if (stmt.kind === 'insert') return `${count}: one per VALUES row`;
  return `${count}: one per combination of the WHERE IN lists`;
}

async function resourceOf(catalog: Catalog, parts: readonly string[]): Promise<Resource> {
  return catalog.resource(parts[0], parts[1], parts[2]);
}

/** INSERT ... SELECT: the SELECT's plan, then one call per row it returns (no values to show yet). */
async function insertSelectRows(
  env: MutationExplainEnv,
  stmt: InsertStatement,
  text: string,
): Promise<PlanRow[]> {
  const plan = await planSelect(env.catalog, env.expandViews(text));
  // the SELECT feeding a mutation is never split (the calls are): no shard here
  const rows = await selectPlanRows(env.catalog, plan, { pageLimit: env.pageLimit, maxCalls: env.maxCalls });
  const resource = await resourceOf(env.catalog, stmt.target.parts);
  const { method, supplied } = planMutation(resource, 'insert', [
    new Map(stmt.columns.map((c) => [c, null])),
  ]);
  const step = planSteps(plan) + 2;
  const row = (item: string, detail: string): PlanRow => ({ step, table: resource.fqn, item, detail });
  return [
    ...rows,
    row('method', methodText(method)),
    ...notChosen(resource, 'insert', supplied, method).map((d) => row('not chosen', d)),
    row('param', `${stmt.columns.join(', ')}: the columns of each row of step ${step - 1}`),
    row('calls', `one per row of step ${step - 1}`),
  ];
}

/**
 * The plan of INSERT, UPDATE, REPLACE, DELETE or EXEC: the method (and why the others of its verb
 * were not chosen), each parameter's values and clause, `updateMask` when skyql fills it, the
 * number of calls and the exact requests, built by the dry-run path of the mutation executor.
 */
export async function mutationPlanRows(env: MutationExplainEnv, stmt: MutationStatement): Promise<PlanRow[]> {
  if (stmt.kind === 'insert' && stmt.source.kind === 'select')
    return insertSelectRows(env, stmt, stmt.source.select.text);
  const planned = await planMutationStatement(env.mutation, stmt);
  if (!planned) return [];
  const { method, calls } = planned;
  const outcome = await sendCalls({ ...env.mutation, dryRun: true }, method, calls, planned.send);
  const requests = outcome.dryRun ? outcome.requests : [];
  const row = (item: string, detail: string): PlanRow => ({
    step: 1,
    table: method.resourceFqn,
    item,
    detail,
  });
  const rows = [row('method', `${methodText(method)}${stmt.kind === 'exec' ? ', named by EXEC' : ''}`)];
  if (stmt.kind !== 'exec' && planned.supplied) {
    const resource = await resourceOf(env.catalog, stmt.target.parts);
    for (const d of notChosen(resource, verbOf(stmt), planned.supplied, method))
      rows.push(row('not chosen', d));
  }
  const values = calls.map((c) => c.values);
  for (const p of paramRows(stmt, values)) rows.push(row('param', p));
  if (stmt.kind === 'exec' && stmt.json) rows.push(row('param', `the request body from @@json`));
  rows.push(row('calls', callsText(stmt, calls.length)));
  for (const r of requestTexts(requests)) rows.push(row('request', r));
  if (planned.send.await) rows.push(row('await', 'then polls each operation until it is done (AWAIT)'));
  return rows;
}
