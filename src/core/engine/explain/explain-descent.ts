import { descentKind } from '../../catalog/builtin/builtin-provider.js';
import type { Catalog } from '../../catalog/catalog.js';
import { type DescentMethods, loadDescentMethods, showDeletedOf } from '../../execute/descent-methods.js';
import { literalLists } from '../../execute/fetch-step.js';
import type { SelectPlan } from '../../execute/plan-select.js';
import { buildRequest } from '../../http/request-builder.js';
import type { FetchStep } from '../../plan/order-bindings.js';
import type { Literal } from '../../sql/select/select-model.js';
import { requestTexts } from './plan-rows.js';

/**
 * What EXPLAIN says about a `skyql.org` table: it descends, so its calls are known only as it runs
 * (one or two list calls per folder it finds). Its first level's requests are shown as sent.
 */
export interface DescentExplain {
  readonly method: string;
  readonly calls: string;
  readonly requests: readonly string[];
  /** The list method whose paging the descent follows. */
  readonly paged: DescentMethods['folders'];
}

/** The Resource Manager methods when the plan has a descent (loading google's documents), else undefined. */
export async function planDescentMethods(
  catalog: Catalog,
  plan: SelectPlan,
): Promise<DescentMethods | undefined> {
  return plan.steps.some((s) => descentKind(s.method)) ? loadDescentMethods(catalog) : undefined;
}

/** The descent's facts for one step, or undefined when the step is an ordinary table. */
export function descentExplain(
  step: FetchStep,
  methods: DescentMethods | undefined,
): DescentExplain | undefined {
  const kind = descentKind(step.method);
  if (!kind || !methods) return undefined;
  const lists = kind === 'projects' ? (['folders', 'projects'] as const) : (['folders'] as const);
  const names = lists.map((l) => `${methods[l].resourceFqn}.${methods[l].name}`).join(' and ');
  const values = new Map(literalLists(step));
  const roots = values.get('root') ?? [];
  const showDeleted = (values.get('showDeleted') ?? []).some((v) => showDeletedOf(v));
  const requests = roots.flatMap((root) =>
    lists.map((l) => {
      const params = new Map<string, Literal>([['parent', root]]);
      if (showDeleted) params.set('showDeleted', true);
      return buildRequest(methods[l], params);
    }),
  );
  const perRoot = roots.length > 1 ? `, from each of ${roots.length} roots` : '';
  return {
    method: `${step.method.name} (breadth-first below root: ${names} per folder, level by level)`,
    calls: `unknown until run: ${lists.length} list call${lists.length > 1 ? 's' : ''} per parent (root and every ${showDeleted ? '' : 'ACTIVE '}folder found below it)${perRoot}`,
    requests: requestTexts(requests),
    paged: methods.folders,
  };
}
