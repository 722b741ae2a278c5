import type { ResultSet } from '../../base/result/result-set.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Resource } from '../catalog/model/catalog-types.js';
import { bindSelect } from '../plan/bind-select.js';
import { type FetchStep, orderBindings } from '../plan/order-bindings.js';
import { analyzeSelect } from '../sql/select/analyze-select.js';
import { applyEdits } from '../sql/select/apply-edits.js';
import { castEdits } from '../sql/select/pg-casts.js';
import type { TableRef } from '../sql/select/select-model.js';
import type { LocalRead, SqliteStore } from '../store/sqlite-store.js';
import { explainMissingColumn } from './column-error.js';
import { type FetchOptions, fetchStep } from './fetch-step.js';
import { rewriteSelect } from './rewrite-select.js';
import type { RowSource } from './row-source.js';

/** What a SELECT needs beyond its text. */
export interface SelectContext {
  readonly catalog: Catalog;
  readonly store: SqliteStore;
  /** Runs the final query (read-only, cancellable); the store's own reader when absent. */
  readonly read?: LocalRead;
  readonly source: RowSource;
  readonly options: FetchOptions;
}

/**
 * Runs a SELECT: analyse it, choose each provider table's method, fetch (independent tables
 * together, dependent ones after their sources), materialise the rows in SQLite, and run the
 * rewritten statement there (PostgreSQL `::type` casts become CAST). Statements without provider
 * tables go straight to SQLite, casts aside.
 */
export async function executeSelect(ctx: SelectContext, text: string): Promise<ResultSet> {
  const read: LocalRead = ctx.read ?? ((sql) => Promise.resolve(ctx.store.read(sql)));
  const analysis = analyzeSelect(text);
  const refs = analysis.scopes.flatMap((s) => s.from.filter((r) => r.kind === 'provider'));
  if (refs.length === 0) return read(applyEdits(text, castEdits(text)), ctx.options.signal);
  const resources = new Map<TableRef, Resource>();
  for (const ref of refs) {
    const [p, s, r] = ref.parts;
    resources.set(ref, await ctx.catalog.resource(p, s, r));
  }
  const steps = orderBindings(bindSelect(analysis, resources));
  const done = new Map<number, FetchStep>();
  try {
    const independent = steps.filter((s) => s.joinParams.length === 0);
    await Promise.all(independent.map((s) => fetchStep(s, done, ctx.store, ctx.source, ctx.options)));
    for (const s of independent) done.set(s.binding.id, s);
    for (const s of steps.filter((x) => x.joinParams.length > 0)) {
      await fetchStep(s, done, ctx.store, ctx.source, ctx.options);
      done.set(s.binding.id, s);
    }
    const rewritten = applyEdits(text, [...rewriteSelect(analysis, steps), ...castEdits(text)]);
    try {
      return await read(rewritten, ctx.options.signal);
    } catch (err) {
      throw explainMissingColumn(err, steps);
    }
  } finally {
    for (const s of steps) ctx.store.dropTable(s.binding.table);
  }
}
