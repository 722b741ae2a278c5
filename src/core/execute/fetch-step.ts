import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import type { Cell, ResultColumn } from '../../base/result/result-set.js';
import { noteRowWidth } from '../../base/util/heap-growth.js';
import type { SchemaColumn } from '../catalog/model/catalog-types.js';
import { methodParamNames } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { Literal } from '../sql/select/select-model.js';
import type { SqlStore } from '../store/sql-store.js';
import type { TableLoader } from '../store/table-loader.js';
import { type BranchFailure, branchFailure } from './branch-failures.js';
import { type CallBudget, combinationCount } from './call-budget.js';
import { mapConcurrent } from './map-concurrent.js';
import { materialisedColumns } from './materialised-columns.js';
import { type ApiRow, type RowSource, streamRows } from './row-source.js';
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
  /** Names the statement can reference columns by ({@link referencedNames}); absent: every column is kept. */
  readonly columns?: ReadonlySet<string>;
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

async function distinctValues(
  store: SqlStore,
  step: FetchStep,
  steps: ReadonlyMap<number, FetchStep>,
): Promise<Array<readonly [string, Literal[]]>> {
  const out: Array<readonly [string, Literal[]]> = [];
  for (const j of step.joinParams) {
    const source = steps.get(j.sourceBinding.id) as FetchStep;
    const visible = new Set(visibleColumns(source.method).map((c) => c.name));
    const col = visible.has(j.source.column) ? j.source.column : paramColumnName(j.source.column, visible);
    out.push([j.param, (await store.distinctValues(j.sourceBinding.table, col)) as Literal[]]);
  }
  return out;
}

/**
 * The columns of a step's SQLite table: the kept response columns, then one text column per
 * parameter it is called with (WHERE/ON literals the method consumes, dependent-join values).
 */
export function stepTableColumns(
  step: FetchStep,
  kept: readonly SchemaColumn[],
): { columns: ResultColumn[]; paramNames: string[] } {
  const paramNames = [
    ...new Set([...literalLists(step).map(([p]) => p), ...step.joinParams.map((j) => j.param)]),
  ];
  const visible = new Set(visibleColumns(step.method).map((c) => c.name));
  const columns: ResultColumn[] = [
    ...kept.map((c) => ({ name: c.name, type: columnType(c.type) })),
    ...paramNames.map((p) => ({ name: paramColumnName(p, visible), type: 'text' as const })),
  ];
  return { columns, paramNames };
}

/**
 * Fetches one table: one call per combination of its parameter values (IN lists and dependent
 * join values), `concurrency` at a time, streaming each call's pages into its SQLite table as they
 * come (see {@link TableLoader}): the materialised response columns plus one column per parameter
 * used. A call that fails part-way has its rows removed again, so a branch is whole or absent.
 */
export async function fetchStep(
  step: FetchStep,
  done: ReadonlyMap<number, FetchStep>,
  store: SqlStore,
  source: RowSource,
  options: FetchOptions,
): Promise<void> {
  const { binding, method } = step;
  const literals = literalLists(step);
  const lists = [...literals, ...(await distinctValues(store, step, done))];
  if (step.joinParams.length > 0) {
    // independent tables were counted when the statement was planned (executeSelect)
    const calls = combinationCount(lists);
    options.budget?.spend(calls, `${calls} of them for the join values of ${binding.resource.fqn}`);
  }
  const all = cartesian(lists);
  const shard = options.shard;
  const combos = shard ? all.filter((c) => inShard(c, shard)) : all;
  const progress =
    options.progress && combos.length > 1
      ? fanoutProgress(binding.resource.fqn, combos.length, options)
      : undefined;
  const kept = materialisedColumns(step, options.columns);
  const { columns, paramNames } = stepTableColumns(step, kept);
  noteRowWidth(columns.length);
  const convert = rowConverter(method, kept, columns, paramNames);
  // The table is opened once the first calls are on their way (loading SQLite and creating the
  // session database then overlap their latency instead of delaying them), or on the first page.
  // (SQLite opens synchronously; PostgreSQL's loader is a promise, awaited where it is used)
  let opened: TableLoader | Promise<TableLoader> | undefined;
  const loader = (): TableLoader | Promise<TableLoader> => {
    opened ??= store.openLoader(binding.table, columns);
    return opened;
  };
  const early = setImmediate(() => {
    try {
      const o = loader();
      if (o instanceof Promise) o.catch(() => {}); // met again where the table is first needed
    } catch {
      // met again where the table is first needed
    }
  });
  try {
    const results = await mapConcurrent(
      combos,
      options.concurrency,
      async (combo, branch, release) => {
        const toCells = convert(combo);
        let rows = 0;
        try {
          await streamRows(
            source,
            method,
            combo,
            async (page) => {
              rows += page.length;
              await (await loader()).append(branch, page.map(toCells));
            },
            options.signal,
            { onLastResponse: release },
          );
          await (await loader()).finishBranch(branch);
          progress?.(rows);
        } catch (err) {
          progress?.(0);
          await (await loader()).discardBranch(branch);
          const e = toSkyqlError(err);
          const args = [...combo].map(([k, v]) => `${k}=${String(v)}`).join(', ');
          throw new SkyqlError(
            e.code,
            combos.length > 1 ? `${e.message} (in the call with ${args})` : e.message,
            { hint: e.hint, cause: err },
          );
        }
      },
      options.keepGoing,
    );
    // interrupted (Ctrl-C, a statement timeout): the calls cut short did not fail, and no result
    // follows; the front end reports the interruption
    if (options.signal?.aborted)
      throw new SkyqlError('CANCELLED', 'statement cancelled', { cause: options.signal.reason });
    results.forEach((result, i) => {
      if (!(result instanceof Error)) return;
      // its rows were discarded above: a failed branch is absent, never partial
      if (options.onBranchFailure)
        options.onBranchFailure(branchFailure(binding.resource.fqn, combos[i], result.cause ?? result));
      else options.warn(`warning: ${result.message}; continuing with the other calls`);
    });
  } finally {
    clearImmediate(early);
    // the table exists even when no call returned a row (or none was made)
    await (await loader()).close();
  }
}

/**
 * Per call (its parameter values), the function turning an API row into the table's cells: the
 * kept response columns (a server variable the response lacks takes the call's value or its
 * default), then the parameter values. Only kept columns are converted.
 */
function rowConverter(
  method: FetchStep['method'],
  kept: readonly SchemaColumn[],
  columns: readonly ResultColumn[],
  paramNames: readonly string[],
): (combo: ReadonlyMap<string, Literal>) => (row: ApiRow) => Cell[] {
  const serverDefaults = method.servers[0]?.variables ?? {};
  const serverVars = new Set(method.params.filter((p) => p.location === 'server').map((p) => p.name));
  const names = kept.map((c) => c.name);
  const types = kept.map((_, k) => columns[k].type);
  return (combo) => {
    const fallback = names.map((n) =>
      serverVars.has(n) ? (combo.get(n) ?? serverDefaults[n]?.default) : undefined,
    );
    const params = paramNames.map((p) => toCell(combo.get(p), 'text'));
    const width = names.length;
    return (row) => {
      const cells: Cell[] = new Array(width + params.length);
      for (let k = 0; k < width; k++) cells[k] = toCell(row[names[k]] ?? fallback[k], types[k]);
      for (let k = 0; k < params.length; k++) cells[width + k] = params[k];
      return cells;
    };
  };
}

/** A fan-out's progress line is made at most this often (the reporter shows ~10 a second). */
const PROGRESS_EVERY_MS = 100;

/**
 * Reports a fan-out's progress after each call: `google.compute.instances: 345 rows, 48/s,
 * 12 throttled, ETA 16 s; calls` followed by the reporter's `12% (120 of 940)`. The line is made
 * at most every PROGRESS_EVERY_MS and after the last call, not per call: it was a visible share of
 * a fast fan-out's time, even when no progress is shown.
 */
function fanoutProgress(fqn: string, total: number, options: FetchOptions): (rows: number) => void {
  const started = Date.now();
  const throttledBefore = options.throttled?.() ?? 0;
  let done = 0;
  let rows = 0;
  let reported = 0;
  return (n) => {
    done++;
    rows += n;
    const now = Date.now();
    if (done < total && now - reported < PROGRESS_EVERY_MS) return;
    reported = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const parts = [`${rows} rows`, `${rate.toFixed(rate < 10 ? 1 : 0)} calls/s`];
    if (options.throttled) parts.push(`${options.throttled() - throttledBefore} throttled`);
    if (rate > 0 && done < total) parts.push(`ETA ${Math.ceil((total - done) / rate)} s`);
    options.progress?.(`${fqn}: ${parts.join(', ')}; calls`, done, total);
  };
}
