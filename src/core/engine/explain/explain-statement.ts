import type { ResultSet } from '../../../base/result/result-set.js';
import { planSelect } from '../../execute/plan-select.js';
import type { Shard } from '../../execute/shard.js';
import type { OtherStatement, Statement } from '../../sql/ast/statement.js';
import type { LocalStatement } from '../../sql/local/local-statement.js';
import { parseLocalStatement } from '../../sql/local/parse-local-statement.js';
import type { SqlDialect } from '../../store/sql-store.js';
import type { LocalObjects } from '../local/local-objects.js';
import { shownName } from '../local/local-tables.js';
import { shardWriteText } from '../local/shard-rows.js';
import { unsupportedStatement } from '../unsupported-statement.js';
import { type MutationExplainEnv, mutationPlanRows } from './explain-mutation.js';
import { planSteps, selectPlanRows } from './explain-select.js';
import { type PlanRow, planResult } from './plan-rows.js';

/** What EXPLAIN needs from the session: planning inputs, never API access. */
export interface ExplainContext extends MutationExplainEnv {
  /** The session's views (REFRESH explains a materialized view's query). */
  readonly objects: LocalObjects;
  /** The store's dialect: the local SQL EXPLAIN shows is what that store runs. */
  readonly dialect?: SqlDialect;
  /** `--shard K/N`: a SELECT's split table says so. */
  readonly shard?: Shard;
}

function runs(table: string, detail: string, step = 1): PlanRow {
  return { step, table, item: 'runs', detail };
}

const NO_CALL = 'locally in the session; no API call';

/** Session objects: a stored view is only text; a query that fills a table is planned like any SELECT. */
async function localRows(ctx: ExplainContext, local: LocalStatement): Promise<PlanRow[]> {
  const name = local.kind === 'localTable' ? shownName(local) : local.name;
  if (local.kind === 'createView' && !local.materialized)
    return [runs(name, 'locally: stores the view; its query is planned each time the view is used')];
  const query =
    local.kind === 'createView'
      ? local.query
      : local.kind === 'refreshView'
        ? ctx.objects.materializedQuery(local.name)
        : local.kind === 'localTable' && (local.verb === 'CREATE' || local.verb === 'INSERT')
          ? local.query
          : undefined;
  if (query === undefined) return [runs(name, NO_CALL)];
  const plan = await planSelect(ctx.catalog, ctx.expandViews(query), ctx.dialect);
  const last = planSteps(plan) + 1;
  const shard = local.kind === 'localTable' ? await ctx.objects.shardRows(local) : undefined;
  const detail = shard
    ? shardWriteText(name, shard, last)
    : `locally: stores the rows of step ${last} in ${name}`;
  return [...(await selectPlanRows(ctx.catalog, plan, ctx)), runs(name, detail, last + 1)];
}

function otherRows(ctx: ExplainContext, stmt: OtherStatement): Promise<PlanRow[]> {
  const local = parseLocalStatement(stmt.text);
  if (local) return localRows(ctx, local);
  if (stmt.verb !== 'SELECT' && stmt.verb !== 'WITH') throw unsupportedStatement(stmt.verb);
  return planSelect(ctx.catalog, ctx.expandViews(stmt.text), ctx.dialect).then((plan) =>
    selectPlanRows(ctx.catalog, plan, ctx),
  );
}

async function statementRows(ctx: ExplainContext, stmt: Statement): Promise<PlanRow[]> {
  switch (stmt.kind) {
    case 'show':
    case 'showInsert':
    case 'describe':
    case 'describeMethod':
      return [runs('', 'locally from the provider documents; no API call')];
    case 'showVersion':
    case 'showTransactionIsolation':
    case 'explain':
      return [runs('', NO_CALL)];
    case 'registryList':
      return [runs('', "reads the registry's provider list; no API call")];
    case 'registryPull':
      return [runs('', 'downloads the provider from the registry; no API call')];
    case 'insert':
    case 'update':
    case 'delete':
    case 'exec':
      return mutationPlanRows(ctx, stmt);
    case 'other':
      return otherRows(ctx, stmt);
  }
}

/**
 * EXPLAIN: the plan of a statement, built by the same planning code that runs it, without calling
 * any API. SELECTs (views expanded, CTEs and subqueries included) show each provider table's
 * method, parameters, calls, requests and paging, then the local SQL; mutations their method and
 * dry-run requests; everything else says where it runs.
 */
export async function explainStatement(ctx: ExplainContext, stmt: Statement): Promise<ResultSet> {
  return planResult(await statementRows(ctx, stmt));
}
