import type { ExecSource } from '../../execute/exec-source.js';
import { execParams } from '../../execute/exec-source.js';
import { execBody } from '../../execute/mutation/statement-values.js';
import { buildRequest } from '../../http/request-builder.js';
import { methodText, type PlanRow, requestTexts, valueText } from './plan-rows.js';

/** `(EXEC google.x.y.m) t`: the row source as the query names it. */
function sourceLabel(src: ExecSource): string {
  const name = `(EXEC ${src.method.resourceFqn}.${src.method.name})`;
  return src.ref.alias === undefined ? name : `${name} ${src.ref.alias}`;
}

/** The request when every argument is a literal (others are computed by SQLite when the query runs). */
function requestRows(src: ExecSource): string[] {
  const { args, json } = src.stmt;
  if (!args.every((a) => a.value.literal) || (json && !json.literal))
    return ['built when the query runs (some arguments are expressions)'];
  const values = new Map(args.map((a) => [a.name, a.value.literal?.value]));
  const body = json ? execBody(json.literal?.value) : undefined;
  return requestTexts([
    buildRequest(src.method, execParams(src.method, values), body === undefined ? {} : { body }),
  ]);
}

/**
 * EXPLAIN rows of the `(EXEC ...)` row sources of a SELECT, numbered from `first`: the method the
 * EXEC names, its arguments, the one call and its request, and where the rows come from.
 */
export function execSourceRows(execs: readonly ExecSource[], first: number): PlanRow[] {
  return execs.flatMap((src, k) => {
    const row = (item: string, detail: string): PlanRow => ({
      step: first + k,
      table: sourceLabel(src),
      item,
      detail,
    });
    const key = src.method.response.objectKey;
    return [
      row('method', `${methodText(src.method)}, named by EXEC`),
      ...src.stmt.args.map((a) =>
        row(
          'param',
          `${a.name}: ${a.value.literal ? valueText(a.value.literal.value) : a.value.text} (@${a.name})`,
        ),
      ),
      ...(src.stmt.json ? [row('param', 'the request body from @@json')] : []),
      row('calls', '1 (never from the response cache)'),
      ...requestRows(src).map((r) => row('request', r)),
      row('rows', key ? `the response's ${key}, as a SELECT of ${src.method.name} reads it` : 'the response'),
    ];
  });
}
