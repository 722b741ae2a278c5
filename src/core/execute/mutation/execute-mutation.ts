import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ResultSet } from '../../../base/result/result-set.js';
import { didYouMean } from '../../../base/util/did-you-mean.js';
import type { Method, Resource } from '../../catalog/model/catalog-types.js';
import {
  type CallValues,
  checkParamNames,
  coerceBooleans,
  type MutationPlan,
  planMutation,
} from '../../plan/plan-mutation.js';
import type {
  DeleteStatement,
  ExecStatement,
  InsertStatement,
  MutationStatement,
  ReturningClause,
  UpdateStatement,
} from '../../sql/ast/mutation-statement.js';
import { inShard } from '../shard.js';
import { dryRunResult } from './dry-run-result.js';
import type { MutationEnv } from './mutation-env.js';
import { returningResult } from './returning-result.js';
import { type CallSpec, type SendOptions, sendCalls } from './send-calls.js';
import { execValues, insertCalls, updateCalls, whereCalls } from './statement-values.js';

async function resourceOf(env: MutationEnv, parts: readonly string[]): Promise<Resource> {
  const [p, s, r] = parts;
  return env.catalog.resource(p, s, r);
}

/** A mutation ready to send: what StackQL's rules chose and every call's values. */
export interface PlannedMutation {
  readonly method: Method;
  /** The names the method was chosen with; undefined for EXEC, which names its method. */
  readonly supplied: ReadonlySet<string> | undefined;
  readonly calls: readonly CallSpec[];
  readonly send: SendOptions;
  readonly returning: ReturningClause | undefined;
}

function sendOptions(stmt: MutationStatement, verb: string, collect: boolean): SendOptions {
  return {
    verb,
    await: stmt.hints.includes('AWAIT'),
    status: !stmt.hints.includes('NOSTATUS'),
    collect,
    ignoreExisting: stmt.kind === 'insert' && stmt.ignore,
  };
}

function planned(
  stmt: MutationStatement,
  verb: string,
  plan: MutationPlan,
  returning: ReturningClause | undefined,
): PlannedMutation {
  return {
    method: plan.method,
    supplied: plan.supplied,
    calls: plan.calls.map((values) => ({ values })),
    send: sendOptions(stmt, verb, returning !== undefined),
    returning,
  };
}

async function insert(env: MutationEnv, stmt: InsertStatement): Promise<PlannedMutation | undefined> {
  const resource = await resourceOf(env, stmt.target.parts);
  const calls = await insertCalls(env, stmt);
  if (calls.length === 0) return undefined;
  return planned(stmt, 'insert', planMutation(resource, 'insert', calls), stmt.returning);
}

async function update(env: MutationEnv, stmt: UpdateStatement): Promise<PlannedMutation> {
  const resource = await resourceOf(env, stmt.target.parts);
  const verb = stmt.verb === 'UPDATE' ? 'update' : 'replace';
  const setColumns = stmt.set.map((s) => s.column);
  return planned(
    stmt,
    verb,
    planMutation(resource, verb, await updateCalls(env, stmt), setColumns),
    stmt.returning,
  );
}

async function remove(env: MutationEnv, stmt: DeleteStatement): Promise<PlannedMutation> {
  if (stmt.returning && stmt.hints.includes('AWAIT'))
    throw new SkyqlError('UNSUPPORTED_STATEMENT', 'returning from asynchronous delete is disallowed', {
      hint: 'drop RETURNING to wait for the delete, or drop AWAIT to see the operation it starts',
    });
  const resource = await resourceOf(env, stmt.target.parts);
  return planned(stmt, 'delete', planMutation(resource, 'delete', whereCalls(stmt.where)), stmt.returning);
}

/** The method EXEC names (METHOD_NOT_FOUND with the closest names when there is none). */
export function execMethod(resource: Resource, name: string): Method {
  const method = resource.methods.find((m) => m.name === name);
  if (method) return method;
  const names = resource.methods.map((m) => m.name);
  throw new SkyqlError(
    'METHOD_NOT_FOUND',
    `method '${name}' not found in ${resource.fqn}${didYouMean(name, names, `${resource.fqn}.`)}`,
    { hint: `SHOW METHODS IN ${resource.fqn} lists its methods` },
  );
}

async function exec(env: MutationEnv, stmt: ExecStatement): Promise<PlannedMutation> {
  const [p, s, r, name] = stmt.target.parts;
  const resource = await resourceOf(env, [p, s, r]);
  const method = execMethod(resource, name);
  const { values, body } = await execValues(env, stmt);
  checkParamNames(method, values.keys());
  const call: CallSpec = { values: coerceBooleans(method, values as CallValues), body };
  const returning = stmt.hints.includes('SHOWRESULTS') ? { star: true, columns: [] } : undefined;
  return {
    method,
    supplied: undefined,
    calls: [call],
    send: sendOptions(stmt, 'exec', returning !== undefined),
    returning,
  };
}

/**
 * Plans INSERT, UPDATE, REPLACE, DELETE or EXEC on a provider resource without sending anything:
 * each call's parameter values (VALUES rows, SELECT rows, SET values × WHERE IN-list combinations,
 * EXEC arguments) and the method, chosen as StackQL does. Undefined when an INSERT's SELECT gave
 * no rows. An INSERT ... SELECT runs its SELECT through `env.select`.
 */
export function planMutationStatement(
  env: MutationEnv,
  stmt: MutationStatement,
): Promise<PlannedMutation | undefined> {
  switch (stmt.kind) {
    case 'insert':
      return insert(env, stmt);
    case 'update':
      return update(env, stmt);
    case 'delete':
      return remove(env, stmt);
    case 'exec':
      return exec(env, stmt);
  }
}

/**
 * Runs a mutation: plans it, then sends the calls (or, in a dry run, returns the requests).
 * Returns the RETURNING / SHOWRESULTS table, or undefined when there is none.
 */
export async function executeMutation(
  env: MutationEnv,
  stmt: MutationStatement,
): Promise<ResultSet | undefined> {
  const plan = await planMutationStatement(env, stmt);
  if (!plan) {
    env.reporter.message('the SELECT gave no rows; nothing was inserted');
    env.rowCount?.(0);
    return undefined;
  }
  const shard = env.shard;
  const calls = shard ? plan.calls.filter((c) => inShard(c.values, shard)) : plan.calls;
  const outcome = await sendCalls(env, plan.method, calls, plan.send);
  if (outcome.dryRun) return dryRunResult(outcome.requests);
  env.rowCount?.(outcome.applied);
  return plan.returning ? returningResult(outcome.rows, plan.returning) : undefined;
}
