import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { ResultSet } from '../../../base/result/result-set.js';
import { didYouMean } from '../../../base/util/did-you-mean.js';
import type { Resource } from '../../catalog/model/catalog-types.js';
import { type CallValues, checkParamNames, coerceBooleans, planMutation } from '../../plan/plan-mutation.js';
import type {
  DeleteStatement,
  ExecStatement,
  InsertStatement,
  MutationStatement,
  ReturningClause,
  UpdateStatement,
} from '../../sql/ast/mutation-statement.js';
import { dryRunResult } from './dry-run-result.js';
import type { MutationEnv } from './mutation-env.js';
import { returningResult } from './returning-result.js';
import { type CallSpec, type SendOptions, sendCalls } from './send-calls.js';
import { execValues, insertCalls, updateCalls, whereCalls } from './statement-values.js';

async function resourceOf(env: MutationEnv, parts: readonly string[]): Promise<Resource> {
  const [p, s, r] = parts;
  return env.catalog.resource(p, s, r);
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

async function run(
  env: MutationEnv,
  stmt: MutationStatement,
  method: Parameters<typeof sendCalls>[1],
  calls: readonly CallSpec[],
  verb: string,
  returning: ReturningClause | undefined,
): Promise<ResultSet | undefined> {
  const outcome = await sendCalls(env, method, calls, sendOptions(stmt, verb, returning !== undefined));
  if (outcome.dryRun) return dryRunResult(outcome.requests);
  return returning ? returningResult(outcome.rows, returning) : undefined;
}

async function insert(env: MutationEnv, stmt: InsertStatement): Promise<ResultSet | undefined> {
  const resource = await resourceOf(env, stmt.target.parts);
  const calls = await insertCalls(env, stmt);
  if (calls.length === 0) {
    env.reporter.message('the SELECT gave no rows; nothing was inserted');
    return undefined;
  }
  const plan = planMutation(resource, 'insert', calls);
  const specs = plan.calls.map((values) => ({ values }));
  return run(env, stmt, plan.method, specs, 'insert', stmt.returning);
}

async function update(env: MutationEnv, stmt: UpdateStatement): Promise<ResultSet | undefined> {
  const resource = await resourceOf(env, stmt.target.parts);
  const verb = stmt.verb === 'UPDATE' ? 'update' : 'replace';
  const calls = await updateCalls(env, stmt);
  const plan = planMutation(
    resource,
    verb,
    calls,
    stmt.set.map((s) => s.column),
  );
  return run(
    env,
    stmt,
    plan.method,
    plan.calls.map((values) => ({ values })),
    verb,
    stmt.returning,
  );
}

async function remove(env: MutationEnv, stmt: DeleteStatement): Promise<ResultSet | undefined> {
  if (stmt.returning && stmt.hints.includes('AWAIT'))
    throw new SkyqlError('UNSUPPORTED_STATEMENT', 'returning from asynchronous delete is disallowed', {
      hint: 'drop RETURNING to wait for the delete, or drop AWAIT to see the operation it starts',
    });
  const resource = await resourceOf(env, stmt.target.parts);
  const plan = planMutation(resource, 'delete', whereCalls(stmt.where));
  return run(
    env,
    stmt,
    plan.method,
    plan.calls.map((values) => ({ values })),
    'delete',
    stmt.returning,
  );
}

async function exec(env: MutationEnv, stmt: ExecStatement): Promise<ResultSet | undefined> {
  const [p, s, r, name] = stmt.target.parts;
  const resource = await resourceOf(env, [p, s, r]);
  const method = resource.methods.find((m) => m.name === name);
  if (!method) {
    const names = resource.methods.map((m) => m.name);
    throw new SkyqlError(
      'METHOD_NOT_FOUND',
      `method '${name}' not found in ${resource.fqn}${didYouMean(name, names, `${resource.fqn}.`)}`,
      { hint: `SHOW METHODS IN ${resource.fqn} lists its methods` },
    );
  }
  const { values, body } = await execValues(env, stmt);
  checkParamNames(method, values.keys());
  const call: CallSpec = { values: coerceBooleans(method, values as CallValues), body };
  const showResults = stmt.hints.includes('SHOWRESULTS');
  return run(env, stmt, method, [call], 'exec', showResults ? { star: true, columns: [] } : undefined);
}

/**
 * Runs INSERT, UPDATE, REPLACE, DELETE or EXEC on a provider resource: computes each call's
 * parameter values (VALUES rows, SELECT rows, SET values × WHERE IN-list combinations, EXEC
 * arguments), chooses the method as StackQL does, and sends the calls (or, in a dry run, returns
 * the requests). Returns the RETURNING / SHOWRESULTS table, or undefined when there is none.
 */
export function executeMutation(env: MutationEnv, stmt: MutationStatement): Promise<ResultSet | undefined> {
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
