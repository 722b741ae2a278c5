import type { ResultSet } from '../../../base/result/result-set.js';
import type { Method, Resource, SqlVerb } from '../../catalog/model/catalog-types.js';
import { dryRunResult } from '../../execute/mutation/dry-run-result.js';
import type { HttpRequest } from '../../http/http-types.js';
import { methodCandidates } from '../../plan/select-method.js';

/**
 * One fact of a plan: the step it belongs to (provider tables in the order they are fetched, then
 * the local SQL), the table it is about, what it says (`method`, `param`, `calls`…) and the detail.
 * Flat rows, so every output format (table, csv, json…) prints a plan.
 */
export interface PlanRow {
  readonly step: number;
  readonly table: string;
  readonly item: string;
  readonly detail: string;
}

/** EXPLAIN's result set: columns step, table, item, detail. */
export function planResult(rows: readonly PlanRow[]): ResultSet {
  return {
    columns: [
      { name: 'step', type: 'integer' },
      { name: 'table', type: 'text' },
      { name: 'item', type: 'text' },
      { name: 'detail', type: 'text' },
    ],
    rows: rows.map((r) => [r.step, r.table, r.item, r.detail]),
  };
}

/** Longest value text a `param` row shows before cutting it with `…`. */
const VALUE_WIDTH = 60;

/** A value as SQL would write it (`'it''s'`, `42`, `TRUE`, `NULL`; objects as JSON), cut when long. */
export function valueText(v: unknown): string {
  let text: string;
  if (v === null || v === undefined) text = 'NULL';
  else if (typeof v === 'string') text = `'${v.replace(/'/g, "''")}'`;
  else if (typeof v === 'boolean') text = v ? 'TRUE' : 'FALSE';
  else if (typeof v === 'object') text = JSON.stringify(v);
  else text = String(v);
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

/** `list (GET /v1/projects/{projectsId}/locations)`: a method and the call it makes. */
export function methodText(method: Method): string {
  return `${method.name} (${method.httpMethod.toUpperCase()} ${method.path})`;
}

/**
 * Why each other method of the verb was not chosen: the required parameters it lacks, or, when it
 * fits as well, that StackQL takes the first fitting method in document order.
 */
export function notChosen(
  resource: Resource,
  verb: Exclude<SqlVerb, 'exec'>,
  supplied: ReadonlySet<string>,
  chosen: Method,
): string[] {
  return methodCandidates(resource, verb, supplied)
    .filter((c) => c.method !== chosen)
    .map((c) =>
      c.missing.length > 0
        ? `${c.method.name}: needs ${c.missing.join(', ')}`
        : `${c.method.name}: fits too, but ${chosen.name} comes first`,
    );
}

/** Requests shown per step at most; the rest are counted. */
const MAX_REQUESTS = 10;

/** `GET https://…` (then the body, as a dry run prints it), secrets redacted, at most MAX_REQUESTS. */
export function requestTexts(requests: readonly HttpRequest[]): string[] {
  const shown = dryRunResult(requests.slice(0, MAX_REQUESTS)).rows.map(([method, url, body]) =>
    body === null ? `${method} ${url}` : `${method} ${url} ${body}`,
  );
  const more = requests.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more`] : shown;
}
