import type { ResultColumn } from '../../base/result/result-set.js';
import type { Catalog } from '../catalog/catalog.js';
import type { FetchStep } from '../plan/order-bindings.js';
import type { SqlStore } from '../store/sql-store.js';
import { explainMissingColumn } from './column-error.js';
import { stepTableColumns } from './fetch-step.js';
import { planSelect } from './plan-select.js';
import { visibleColumns } from './table-columns.js';

/** A provider table of a checked SELECT: the method it would be read with and the columns that gives. */
export interface CheckedTable {
  readonly fqn: string;
  readonly method: string;
  /** Response columns of that method (what `SELECT *` shows), then the parameters it is called with. */
  readonly columns: readonly string[];
}

/**
 * Checks a SELECT as far as it can be without calling an API: plans it, creates each provider
 * table empty with the columns its chosen method stores, and has the store prepare the rewritten
 * statement (nothing runs), so an unknown column fails with the same message a run would give.
 * `(EXEC ...)` row sources are only planned: their columns are known once the method answers.
 */
export async function checkSelect(catalog: Catalog, store: SqlStore, text: string): Promise<CheckedTable[]> {
  const plan = await planSelect(catalog, text, store.dialect, (t) => store.tableColumns(t));
  const tables = plan.steps.map((step) => {
    const { columns } = stepTableColumns(step, visibleColumns(step.method));
    return { step, columns };
  });
  if (plan.steps.length === 0 || plan.execs.length > 0) return describe(tables);
  try {
    for (const { step, columns } of tables)
      await (await store.openLoader(step.binding.table, columns)).close();
    await store.check(plan.sql);
  } catch (err) {
    throw explainMissingColumn(err, plan.steps);
  } finally {
    for (const s of plan.steps) await store.dropTable(s.binding.table);
  }
  return describe(tables);
}

function describe(
  tables: ReadonlyArray<{ step: FetchStep; columns: readonly ResultColumn[] }>,
): CheckedTable[] {
  return tables.map(({ step, columns }) => ({
    fqn: step.binding.resource.fqn,
    method: step.method.name,
    columns: columns.map((c) => c.name),
  }));
}
