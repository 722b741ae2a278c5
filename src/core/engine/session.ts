import { type SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../base/result/result-set.js';
import { CachingRowSource } from '../execute/caching-row-source.js';
import { executeSelect } from '../execute/execute-select.js';
import { executeMutation } from '../execute/mutation/execute-mutation.js';
import type { MutationEnv, ProviderSend } from '../execute/mutation/mutation-env.js';
import type { AwaitSettings } from '../execute/operations/await-operation.js';
import type { ResponseCache } from '../execute/response-cache.js';
import type { RowSource } from '../execute/row-source.js';
import type { Statement } from '../sql/ast/statement.js';
import { parseLocalStatement } from '../sql/local/parse-local-statement.js';
import { parseScript } from '../sql/parser/parse-script.js';
import { expandViews } from '../sql/select/expand-views.js';
import { assertSafeSql } from '../store/sql-guard.js';
import type { EngineContext } from './engine-context.js';
import { explainStatement } from './explain/explain-statement.js';
import { LocalObjects } from './local/local-objects.js';
import { assertWritable, changesProviderState, hasHint } from './local/statement-effects.js';
import { describeMethod, describeResource } from './statements/describe.js';
import { registryList, registryPull } from './statements/registry-statements.js';
import { showInsert } from './statements/show-insert.js';
import { showMetadata } from './statements/show-metadata.js';
import { unsupportedStatement } from './unsupported-statement.js';
import { SKYQL_VERSION } from './version.js';

/** Per-call options of {@link Session.execute} and {@link Session.run}. */
export interface ExecuteOptions {
  /** Aborting cancels the running statement (its HTTP requests) with CANCELLED. */
  readonly signal?: AbortSignal;
  /**
   * Told how many rows an INSERT, UPDATE, REPLACE or DELETE changed: the API calls that changed
   * something for provider tables, SQLite's count for local ones (the wire server's command tags).
   */
  readonly rowCount?: (n: number) => void;
}

/** How a session's statements reach APIs: SELECT fetching, mutation sending, limits. */
export interface ExecutionSettings {
  readonly rowSource: RowSource;
  readonly concurrency: number;
  readonly keepGoing: boolean;
  readonly cache: ResponseCache | undefined;
  readonly readonly: boolean;
  readonly viewDepthMax: number;
  /** Pages per SELECT call at most (`--http.response.pageLimit`; 0 = all), as EXPLAIN reports it. */
  readonly pageLimit: number;
  /** How mutations reach APIs: authorised sending (absent without API access), dry run, AWAIT polling. */
  readonly mutation: {
    readonly send?: ProviderSend;
    readonly dryRun: boolean;
    readonly await: AwaitSettings;
  };
  /** Releases connections. */
  readonly close: () => Promise<void> | undefined;
}

/** The outcome of one statement of a script: rows, nothing (messages only), or an error. */
export type StatementOutcome =
  | { readonly ok: true; readonly text: string; readonly result: ResultSet | undefined }
  | { readonly ok: false; readonly text: string; readonly error: SkyqlError };

/**
 * A session: runs statements against one catalog and one embedded SQL store. The CLI, the shell
 * and the wire server all go through it.
 */
export class Session {
  readonly context: EngineContext;
  /** Views, materialized views and local tables of this session. */
  readonly objects: LocalObjects;
  private readonly settings: ExecutionSettings;

  constructor(context: EngineContext, settings: ExecutionSettings) {
    this.context = context;
    this.settings = settings;
    this.objects = new LocalObjects(context.store, (text, signal) => this.select(text, signal));
  }

  /** Runs one parsed statement; `options.signal` cancels it. */
  async execute(stmt: Statement, options: ExecuteOptions = {}): Promise<ResultSet | undefined> {
    const ctx = this.context;
    const { signal } = options;
    assertSafeSql(stmt.text);
    if (this.settings.readonly) assertWritable(stmt);
    const local = stmt.kind === 'other' ? parseLocalStatement(stmt.text) : undefined;
    if (local) return this.objects.execute(local, signal, options.rowCount);
    if (changesProviderState(stmt)) this.settings.cache?.clear();
    switch (stmt.kind) {
      case 'show':
        return showMetadata(ctx, stmt);
      case 'describe':
        return describeResource(ctx, stmt);
      case 'describeMethod':
        return describeMethod(ctx, stmt);
      case 'registryList':
        return registryList(ctx, stmt);
      case 'registryPull':
        return registryPull(ctx, stmt);
      case 'showVersion':
        return stmt.extended
          ? textResult(['version', 'platform'], [[SKYQL_VERSION, `${process.platform}/${process.arch}`]])
          : textResult(['version'], [[SKYQL_VERSION]]);
      case 'showTransactionIsolation':
        return textResult(['transaction_isolation'], [['read committed']]);
      case 'other':
        if (stmt.verb === 'SELECT' || stmt.verb === 'WITH')
          return this.select(stmt.text, signal, hasHint(stmt.text, 'NOCACHE'));
        throw unsupportedStatement(stmt.verb);
      case 'showInsert':
        return showInsert(ctx, stmt);
      case 'insert':
      case 'update':
      case 'delete':
      case 'exec':
        return executeMutation(this.mutationEnv(signal, options.rowCount), stmt);
      case 'explain':
        return explainStatement(
          {
            catalog: ctx.catalog,
            objects: this.objects,
            expandViews: (text) =>
              expandViews(text, (n) => this.objects.viewText(n), this.settings.viewDepthMax),
            pageLimit: this.settings.pageLimit,
            mutation: this.mutationEnv(signal),
          },
          stmt.statement,
        );
    }
  }

  private mutationEnv(signal: AbortSignal | undefined, rowCount?: (n: number) => void): MutationEnv {
    const { catalog, reporter, store } = this.context;
    return {
      catalog,
      reporter,
      select: (text, s) => this.select(text, s),
      evaluate: (exprs) => store.query(`SELECT ${exprs.join(', ')}`).rows[0],
      concurrency: this.settings.concurrency,
      signal,
      rowCount,
      ...this.settings.mutation,
    };
  }

  private select(text: string, signal?: AbortSignal, noCache = false): Promise<ResultSet> {
    const { catalog, store, reporter } = this.context;
    const { cache, rowSource, viewDepthMax } = this.settings;
    const source = cache ? new CachingRowSource(rowSource, cache, noCache) : rowSource;
    return executeSelect(
      {
        catalog,
        store,
        source,
        options: {
          concurrency: this.settings.concurrency,
          keepGoing: this.settings.keepGoing,
          warn: (m) => reporter.message(m),
          signal,
          progress: (task, done, total) =>
            done < total ? reporter.progress(task, done, total, 'items') : reporter.progressDone(task),
        },
      },
      expandViews(text, (name) => this.objects.viewText(name), viewDepthMax),
    );
  }

  /**
   * Runs every statement of a script in order; a failing statement does not stop the others.
   * Yields each outcome as soon as it is known, so output streams.
   */
  async *run(script: string, options: ExecuteOptions = {}): AsyncGenerator<StatementOutcome> {
    let entries: ReturnType<typeof parseScript>;
    try {
      entries = parseScript(script);
    } catch (err) {
      yield { ok: false, text: script, error: toSkyqlError(err) };
      return;
    }
    for (const parsed of entries) {
      if (options.signal?.aborted) return; // a cancel stops the rest of the script
      if (!parsed.ok) {
        yield { ok: false, text: parsed.text, error: parsed.error };
        continue;
      }
      try {
        yield {
          ok: true,
          text: parsed.statement.text,
          result: await this.execute(parsed.statement, options),
        };
      } catch (err) {
        yield { ok: false, text: parsed.statement.text, error: toSkyqlError(err) };
      }
    }
  }

  async close(): Promise<void> {
    this.context.store.close();
    await this.settings.close();
  }
}
