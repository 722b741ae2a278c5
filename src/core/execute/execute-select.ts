import type { ResultColumn, ResultSet } from '../../base/result/result-set.js';
import type { ResultSink } from '../../base/result/result-sink.js';
import type { Catalog } from '../catalog/catalog.js';
import type { FetchStep } from '../plan/order-bindings.js';
import { bufferedStream, type LocalStream } from '../store/local-stream.js';
import type { LocalRead, SqlStore } from '../store/sql-store.js';
import { CallBudget, combinationCount, DEFAULT_MAX_CALLS, plannedCalls } from './call-budget.js';
import { explainMissingColumn } from './column-error.js';
import { fetchExecSource } from './exec-source.js';
import { type FetchOptions, fetchStep, literalLists } from './fetch-step.js';
import { localFilterNotice } from './local-filters.js';
import { planSelect } from './plan-select.js';
import type { RowSource } from './row-source.js';
import { type Shard, shardedStep } from './shard.js';

/** What a SELECT needs beyond its text. */
export interface SelectContext {
  readonly catalog: Catalog;
  readonly store: SqlStore;
  /** Runs the final query (read-only, cancellable); the store's own reader when absent. */
  readonly read?: LocalRead;
  /** Runs the final query into a sink (when {@link executeSelect} is given one); buffered over `read` when absent. */
  readonly stream?: LocalStream;
  readonly source: RowSource;
  readonly options: FetchOptions;
  /** API calls the statement may make over all its tables (`--execution.maxCalls`; default 10,000). */
  readonly maxCalls?: number;
  /** `--shard K/N`: this process makes only its share of one table's calls (shard.ts). */
  readonly shard?: Shard;
  /** The final query's rows go into a table (`read` counts them): its columns keep the store's names. */
  readonly intoTable?: boolean;
}

/** `columns` with the names given (where one is given and the widths agree). */
function renamed(
  columns: readonly ResultColumn[],
  names: readonly (string | undefined)[] | undefined,
): readonly ResultColumn[] {
  if (!names || names.length !== columns.length) return columns;
  return columns.map((c, i) => (names[i] === undefined ? c : { ...c, name: names[i] as string }));
}

/**
 * Runs a SELECT: plan it (plan-select.ts), fetch (EXEC subqueries and independent tables together,
 * dependent ones after their sources), materialise the rows in SQLite, and run the rewritten
 * statement there.
 * Statements without provider tables go straight to SQLite, casts aside.
 * With a `sink`, the final query's rows go there in batches while the materialised tables still
 * exist, and nothing is returned; otherwise the result is returned whole.
 */
export async function executeSelect(ctx: SelectContext, text: string, sink: ResultSink): Promise<undefined>;
export async function executeSelect(ctx: SelectContext, text: string, sink?: undefined): Promise<ResultSet>;
export async function executeSelect(
  ctx: SelectContext,
  text: string,
  sink?: ResultSink,
): Promise<ResultSet | undefined>;
export async function executeSelect(
  ctx: SelectContext,
  text: string,
  sink?: ResultSink,
): Promise<ResultSet | undefined> {
  const read: LocalRead = ctx.read ?? ((sql, signal) => ctx.store.read(sql, signal));
  const {
    steps,
    execs,
    sql,
    text: planned,
    referenced,
    expressionNames,
  } = await planSelect(ctx.catalog, text, ctx.store.dialect, (t) => ctx.store.tableColumns(t));
  const names = ctx.intoTable ? undefined : expressionNames;
  const final = (sql: string): Promise<ResultSet | undefined> =>
    sink
      ? (ctx.stream ?? bufferedStream(read))(
          sql,
          (cols) => sink(renamed(cols, names)),
          ctx.options.signal,
        ).then(() => undefined)
      : read(sql, ctx.options.signal).then((r) => (names ? { ...r, columns: renamed(r.columns, names) } : r));
  if (steps.length === 0 && execs.length === 0) return final(sql);
  const budget = new CallBudget(ctx.maxCalls ?? DEFAULT_MAX_CALLS);
  budget.spend(plannedCalls(steps), 'the IN-list combinations of its tables');
  const options: FetchOptions = { ...ctx.options, budget, columns: referenced };
  const split = ctx.shard ? shardedStep(steps, (s) => combinationCount(literalLists(s))) : undefined;
  const optionsOf = (s: FetchStep): FetchOptions =>
    s === split ? { ...options, shard: ctx.shard } : options;
  const done = new Map<number, FetchStep>();
  const execContext = { store: ctx.store, source: ctx.source, read, signal: ctx.options.signal };
  try {
    const independent = steps.filter((s) => s.joinParams.length === 0);
    await Promise.all([
      ...execs.map((e) => fetchExecSource(e, execContext)),
      ...independent.map((s) => fetchStep(s, done, ctx.store, ctx.source, optionsOf(s))),
    ]);
    for (const s of independent) done.set(s.binding.id, s);
    for (const s of steps.filter((x) => x.joinParams.length > 0)) {
      await fetchStep(s, done, ctx.store, ctx.source, optionsOf(s));
      done.set(s.binding.id, s);
    }
    if (ctx.options.notice) {
      const notice = await localFilterNotice(steps, planned, (s, column) =>
        ctx.store.firstValue(s.binding.table, column),
      );
      if (notice) ctx.options.notice(notice);
    }
    try {
      return await final(sql);
    } catch (err) {
      throw explainMissingColumn(err, steps);
    }
  } finally {
    // after a lost connection the temporary tables are gone with it: nothing left to drop
    const drops = [...steps.map((s) => s.binding.table), ...execs.map((e) => e.table)];
    await Promise.all(drops.map((t) => ctx.store.dropTable(t).catch(() => {})));
  }
}
