import type { ResultSet } from '../../base/result/result-set.js';
import type { ResultSink } from '../../base/result/result-sink.js';
import { branchFailure } from '../execute/branch-failures.js';
import { CachingRowSource } from '../execute/caching-row-source.js';
import { loadDescentMethods } from '../execute/descent-methods.js';
import { executeSelect } from '../execute/execute-select.js';
import { OrgDescentRowSource } from '../execute/org-descent.js';
import { providersNamed } from '../sql/provider-names.js';
import { expandViews } from '../sql/select/expand-views.js';
import type { LocalRead, SelectInto } from '../store/sql-store.js';
import type { EngineContext } from './engine-context.js';
import { guardExecSubquery } from './local/statement-effects.js';
import type { ExecutionSettings } from './session-settings.js';

/** What a session's SELECT needs of the session: its context, settings and views. */
export interface SelectScope {
  readonly context: EngineContext;
  readonly settings: ExecutionSettings;
  readonly viewText: (name: string) => string | undefined;
}

/**
 * Runs a SELECT (views expanded) with the session's row source: response cache, org descent,
 * progress and branch-failure reporting wired around executeSelect. With a `sink` the rows go there
 * and nothing is returned; with `into`, the final query writes its rows inside the database and a
 * row count is returned. `sharded`: whether `--shard` splits this statement's calls.
 */
export function runSelect(
  scope: SelectScope,
  text: string,
  signal: AbortSignal | undefined,
  noCache: boolean,
  sharded: boolean,
  target: { into?: SelectInto; sink?: ResultSink },
): Promise<ResultSet | undefined> {
  const { context, settings, viewText } = scope;
  const { catalog, store, stream, reporter } = context;
  const { into, sink } = target;
  const selectInto = into && store.selectInto?.bind(store);
  // with `into`, the final query writes its rows inside the database (PostgreSQL) and counts them
  const read: LocalRead = selectInto
    ? async (sql, s) => ({
        columns: [{ name: 'rows', type: 'integer' }],
        rows: [[await selectInto(sql, into, s)]],
      })
    : context.read;
  const { cache, rowSource, viewDepthMax } = settings;
  const progress = (task: string, done: number, total: number) =>
    done < total ? reporter.progress(task, done, total, 'items') : reporter.progressDone(task);
  const warn = (m: string) => reporter.message(m);
  const calls = cache ? new CachingRowSource(rowSource, cache, noCache) : rowSource;
  const source = new OrgDescentRowSource(calls, {
    methods: () => loadDescentMethods(catalog),
    concurrency: settings.concurrency,
    keepGoing: settings.keepGoing,
    // a folder the descent may not list counts like any failed branch (summary, --execution.skip)
    skip: (e, resource, parent) =>
      settings.onBranchFailure
        ? settings.onBranchFailure(branchFailure(resource, new Map([['parent', parent]]), e))
        : warn(`warning: ${e.message}; continuing with the other folders`),
    progress,
  });
  const expanded = expandViews(text, (name) => viewText(name), viewDepthMax, store.dialect);
  settings.warmUp?.(providersNamed(expanded));
  if (guardExecSubquery(expanded, settings.readonly, store.dialect)) cache?.clear();
  return executeSelect(
    {
      catalog,
      store,
      read,
      stream,
      source,
      maxCalls: settings.maxCalls,
      shard: sharded ? settings.shard : undefined,
      intoTable: into !== undefined,
      options: {
        concurrency: settings.concurrency,
        keepGoing: settings.keepGoing,
        onBranchFailure: settings.onBranchFailure,
        throttled: settings.throttled,
        warn,
        notice: settings.quietNotices ? undefined : (m) => reporter.message(m),
        signal,
        progress,
      },
    },
    expanded,
    sink,
  );
}
