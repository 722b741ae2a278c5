import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { type CallValues, fanOut } from '../../plan/plan-mutation.js';
import type {
  ExecStatement,
  InsertStatement,
  UpdateStatement,
  ValueExpr,
  WhereParam,
} from '../../sql/ast/mutation-statement.js';
import type { MutationEnv } from './mutation-env.js';

/**
 * The values of expressions: literals as written (typed), the rest evaluated together by SQLite
 * (`upper('x')`, `json_object(...)`, `'a' || 'b'`).
 */
export async function evaluateAll(
  env: Pick<MutationEnv, 'evaluate'>,
  exprs: readonly ValueExpr[],
): Promise<unknown[]> {
  const pending = exprs.filter((e) => !e.literal);
  const computed = pending.length > 0 ? await env.evaluate(pending.map((e) => e.text)) : [];
  let k = 0;
  return exprs.map((e) => (e.literal ? e.literal.value : computed[k++]));
}

/** One call per combination of the WHERE values (`IN` lists fan out). */
export function whereCalls(
  where: readonly WhereParam[],
  base: ReadonlyMap<string, unknown> = new Map(),
): CallValues[] {
  const lists = new Map<string, unknown[]>();
  for (const w of where) {
    if (lists.has(w.column) || base.has(w.column))
      throw new SkyqlError('BAD_PARAMETER', `${w.column} is given more than once`, {
        hint: 'give each parameter once; use IN (...) for several values',
      });
    lists.set(w.column, [...w.values]);
  }
  return fanOut([...lists]).map((c) => new Map([...base, ...c]));
}

/** The calls of UPDATE/REPLACE: the SET values with each combination of the WHERE values. */
export async function updateCalls(env: MutationEnv, stmt: UpdateStatement): Promise<CallValues[]> {
  const values = await evaluateAll(
    env,
    stmt.set.map((s) => s.value),
  );
  const base = new Map<string, unknown>();
  stmt.set.forEach((s, i) => {
    if (base.has(s.column)) throw new SkyqlError('BAD_PARAMETER', `${s.column} is SET more than once`);
    base.set(s.column, values[i]);
  });
  return whereCalls(stmt.where, base);
}

function rowMap(columns: readonly string[], row: readonly unknown[]): CallValues {
  return new Map(columns.map((c, i) => [c, row[i]]));
}

/**
 * The calls of INSERT: one per VALUES row or per row of the SELECT (run through the session, so it
 * may read provider tables).
 */
export async function insertCalls(env: MutationEnv, stmt: InsertStatement): Promise<CallValues[]> {
  const dup = stmt.columns.find((c, i) => stmt.columns.indexOf(c) !== i);
  if (dup !== undefined) throw new SkyqlError('BAD_PARAMETER', `column ${dup} is listed twice`);
  if (stmt.source.kind === 'values') {
    const rows: CallValues[] = [];
    for (const row of stmt.source.rows) rows.push(rowMap(stmt.columns, await evaluateAll(env, row)));
    return rows;
  }
  const result = await env.select(stmt.source.select.text, env.signal);
  if (result.columns.length !== stmt.columns.length)
    throw new SkyqlError(
      'BAD_PARAMETER',
      `the SELECT gives ${result.columns.length} columns for ${stmt.columns.length} INSERT columns`,
    );
  return result.rows.map((row) => rowMap(stmt.columns, row));
}

/** The request body `@@json` gives: JSON text of an object, parsed. */
export function execBody(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '')
    throw new SkyqlError('BAD_PARAMETER', '@@json must be a JSON object written as a string', {
      hint: `e.g. @@json = '{"labels": {"env": "dev"}}'`,
    });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SkyqlError('BAD_PARAMETER', `@@json is not valid JSON: ${(err as Error).message}`);
  }
}

/** The values of EXEC's `@name` arguments, and its `@@json` body (text or a value). */
export async function execValues(
  env: Pick<MutationEnv, 'evaluate'>,
  stmt: ExecStatement,
): Promise<{ values: CallValues; body?: unknown }> {
  const exprs = [...stmt.args.map((a) => a.value), ...(stmt.json ? [stmt.json] : [])];
  const values = await evaluateAll(env, exprs);
  const map = new Map(stmt.args.map((a, i) => [a.name, values[i]]));
  if (!stmt.json) return { values: map };
  return { values: map, body: execBody(values[values.length - 1]) };
}
