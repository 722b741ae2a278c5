import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ResultColumn } from '../../base/result/result-set.js';
import { methodParamNames } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { Literal } from '../sql/select/select-model.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { type BranchFailure, branchFailure } from './branch-failures.js';
import { type CallBudget, combinationCount } from './call-budget.js';
import { mapConcurrent } from './map-concurrent.js';
import type { ApiRow, RowSource } from './row-source.js';
import { inShard, type Shard } from './shard.js';
import { columnType, toCell, visibleColumns } from './table-columns.js';

/** API calls in flight at once per fan-out unless `--execution.concurrency.limit` says otherwise. */
export const DEFAULT_CONCURRENCY = 16;

/** Options for {@link fetchStep}. */
export interface FetchOptions {
  readonly concurrency: number;
  /** Keep the rows of successful branches when some fail (warn instead of failing). */
  readonly keepGoing: boolean;
  readonly warn: (message: string) => void;
  /** Told what users should know about a statement (terms applied locally); absent: quiet. */
  readonly notice?: (message: string) => void;
  readonly signal?: AbortSignal;
  /** Progress of a fan-out (calls done of total), for a terminal display. */
  readonly progress?: (task: string, done: number, total: number) => void;
  /**
   * With keepGoing: told of each failed branch, classified, instead of a warning per branch; the
   * caller sums them up after the statement (`--execution.skip`, `--errors-out`).
   */
  readonly onBranchFailure?: (failure: BranchFailure) => void;
  /** Rate-limit answers so far (the transport's count), for the progress line. */
  readonly throttled?: () => number;
  /** The statement's running call count; dependent joins add their fan-outs to it when they run. */
  readonly budget?: CallBudget;
  /** `--shard K/N`, given only for the table whose calls are split (shard.ts): its other calls are skipped. */
  readonly shard?: Shard;
}

/** The SQLite column holding a parameter's value: its own name, or `__param_<name>` when a response column has that name. */
export function paramColumnName(param: string, visible: ReadonlySet<string>): string {
  return visible.has(param) ? `__param_${param}` : param;
}

/** Every combination of the listed values (built only once the call budget allows them). */
export function cartesian(
  lists: ReadonlyArray<readonly [string, readonly Literal[]]>,
): Array<Map<string, Literal>> {
  let out: Array<Map<string, Literal>> = [new Map()];
  for (const [name, values] of lists) {
    const next: Array<Map<string, Literal>> = [];
    for (const base of out) for (const v of values) next.push(new Map([...base, [name, v]]));
    out = next;
  }
  return out;
}

/** The WHERE/ON literal values of the parameters the step's method consumes (IN lists fan out). */
export function literalLists(step: FetchStep): Array<readonly [string, readonly Literal[]]> {
  const consumed = methodParamNames(step.method);
  return [...step.binding.literals.entries()].filter(([p]) => consumed.has(p));
}

function distinctValues(
  store: SqliteStore,
  step: FetchStep,
  steps: ReadonlyMap<number, FetchStep>,
): Array<readonly [string, Literal[]]> {
  return step.joinParams.map((j) => {
    const source = steps.get(j.sourceBinding.id) as FetchStep;
    const visible = new Set(visibleColumns(source.method).map((c) => c.name));
    const col = visible.has(j.source.column) ? j.source.column : paramColumnName(j.source.column, visible);
    return [j.param, store.distinctValues(j.sourceBinding.table, col) as Literal[]] as const;
  });
}

/**
 * Fetches one table: one call per combination of its parameter values (IN lists and dependent
 * join values), `concurrency` at a time, and loads all rows into its SQLite table with the visible
 * columns plus one column per parameter used.
 */
export async function fetchStep(
  step: FetchStep,
  done: ReadonlyMap<number, FetchStep>,
  store: SqliteStore,
  source: RowSource,
  options: FetchOptions,
): Promise<void> {
  const { binding, method } = step;
  const literals = literalLists(step);
  const lists = [...literals, ...distinctValues(store, step, done)];
  if (step.joinParams.length > 0) {
    // independent tables were counted when the statement was planned (executeSelect)
    const calls = combinationCount(lists);
    options.budget?.spend(calls, `${calls} of them for the join values of ${binding.resource.fqn}`);
  }
  const all = cartesian(lists);
  const shard = options.shard;
  const combos = shard ? all.filter((c) => inShard(c, shard)) : all;
  const paramNames = [...new Set([...literals.map(([p]) => p), ...step.joinParams.map((j) => j.param)])];
  const progress =
    options.progress && combos.length > 1
      ? fanoutProgress(binding.resource.fqn, combos.length, options)
      : undefined;
  const results = await mapConcurrent(
    combos,
    options.concurrency,
    async (combo) => {
      try {
        const rows = await source.fetch(method, combo, options.signal);
        progress?.(rows.length);
        return rows;
      } catch (err) {
        progress?.(0);
        const e = toSkyqlError(err);
        const branch = [...combo].map(([k, v]) => `${k}=${String(v)}`).join(', ');
        throw new SkyqlError(
          e.code,
          combos.length > 1 ? `${e.message} (in the call with ${branch})` : e.message,
          { hint: e.hint, cause: err },
        );
      }
    },
    options.keepGoing,
  );
  const visibleCols = visibleColumns(method);
  const visible = new Set(visibleCols.map((c) => c.name));
  const columns: ResultColumn[] = [
    ...visibleCols.map((c) => ({ name: c.name, type: columnType(c.type) })),
    ...paramNames.map((p) => ({ name: paramColumnName(p, visible), type: 'text' as const })),
  ];
  const serverDefaults = method.servers[0]?.variables ?? {};
  const serverVars = new Set(method.params.filter((p) => p.location === 'server').map((p) => p.name));
  const rows: Cell[][] = [];
  results.forEach((result, i) => {
    const combo = combos[i];
    if (result instanceof Error) {
      // a failed branch has no rows at all: source.fetch returns a call's pages only once all came
      if (options.onBranchFailure)
        options.onBranchFailure(branchFailure(binding.resource.fqn, combo, result.cause ?? result));
      else options.warn(`warning: ${result.message}; continuing with the other calls`);
      return;
    }
    for (const row of result as ApiRow[]) {
      const cells: Cell[] = visibleCols.map((c, k) => {
        const v =
          row[c.name] ??
          (serverVars.has(c.name) ? (combo.get(c.name) ?? serverDefaults[c.name]?.default) : undefined);
        return toCell(v, columns[k].type);
      });
      for (const p of paramNames) cells.push(toCell(combo.get(p), 'text'));
      rows.push(cells);
    }
  });
  store.load(binding.table, columns, rows);
}

/**
 * Reports a fan-out's progress after each call: `google.compute.instances: 345 rows, 48/s,
 * 12 throttled, ETA 16 s; calls` followed by the reporter's `12% (120 of 940)`.
 */
function fanoutProgress(fqn: string, total: number, options: FetchOptions): (rows: number) => void {
  const started = performance.now();
  const throttledBefore = options.throttled?.() ?? 0;
  let done = 0;
  let rows = 0;
  return (n) => {
    done++;
    rows += n;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const parts = [`${rows} rows`, `${rate.toFixed(rate < 10 ? 1 : 0)} calls/s`];
    if (options.throttled) parts.push(`${options.throttled() - throttledBefore} throttled`);
    if (rate > 0 && done < total) parts.push(`ETA ${Math.ceil((total - done) / rate)} s`);
    options.progress?.(`${fqn}: ${parts.join(', ')}; calls`, done, total);
  };
}
