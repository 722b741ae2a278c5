import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../base/result/result-set.js';
import type { ResultSink } from '../../base/result/result-sink.js';
import { type CheckedTable, checkSelect } from '../execute/check-select.js';
import { executeMutation } from '../execute/mutation/execute-mutation.js';
import type { MutationEnv } from '../execute/mutation/mutation-env.js';
import { planSelect } from '../execute/plan-select.js';
import type { Statement } from '../sql/ast/statement.js';
import { LineMap, type SourceOrigin, START_OF_SOURCE } from '../sql/lexer/line-map.js';
import { parseLocalStatement } from '../sql/local/parse-local-statement.js';
import { parseScript } from '../sql/parser/parse-script.js';
import { parseStatement } from '../sql/parser/parse-statement.js';
import { providersNamed } from '../sql/provider-names.js';
import { expandViews } from '../sql/select/expand-views.js';
import { guardFor } from '../store/dialect-guard.js';
import type { ResultAccount } from '../store/result-memory.js';
import type { SelectInto, SqlDialect, SystemTable } from '../store/sql-store.js';
import type { ExtraFunctions } from '../store/stackql-functions.js';

export type { SqlDialect, SystemTable } from '../store/sql-store.js';
export type { ExtraFunctions } from '../store/stackql-functions.js';

import type { EngineContext } from './engine-context.js';
import { explainStatement } from './explain/explain-statement.js';
import { LocalObjects } from './local/local-objects.js';
import {
  assertLocalWritable,
  assertWritable,
  changesProviderState,
  hasHint,
} from './local/statement-effects.js';
import { runSelect } from './session-select.js';
import { describeMethod, describeResource } from './statements/describe.js';
import { registryList, registryPull } from './statements/registry-statements.js';
import { showInsert } from './statements/show-insert.js';
import { showMetadata } from './statements/show-metadata.js';
import { unsupportedStatement } from './unsupported-statement.js';
import { SKYQL_VERSION } from './version.js';

export type {
  ExecuteOptions,
  ExecutionSettings,
  LocalRelation,
  StatementOutcome,
} from './session-settings.js';

import type {
  ExecuteOptions,
  ExecutionSettings,
  LocalRelation,
  StatementOutcome,
} from './session-settings.js';

/**
 * A session: runs statements against one catalog and one embedded SQL store. The CLI, the shell
 * and the wire server all go through it.
 */
export class Session {
  readonly context: EngineContext;
  /** Views, materialized views and local tables of this session. */
  readonly objects: LocalObjects;
  private readonly settings: ExecutionSettings;
  private timeoutMs: number | undefined;

  constructor(context: EngineContext, settings: ExecutionSettings) {
    this.context = context;
    this.settings = settings;
    this.objects = new LocalObjects(
      context.store,
      (text, signal, into) => this.select(text, signal, false, true, { into }),
      settings.shard,
      (text) => this.splits(text),
    );
  }

  /** Whether `--shard` splits a query's calls: it reads a provider table (every such plan has a split step). */
  private async splits(text: string): Promise<boolean> {
    const expanded = expandViews(text, (name) => this.objects.viewText(name), this.settings.viewDepthMax);
    return (await planSelect(this.context.catalog, expanded, this.context.store.dialect)).steps.length > 0;
  }

  /** Runs one parsed statement; `options.signal` cancels it, as does the statement timeout. */
  execute(stmt: Statement, options: ExecuteOptions = {}): Promise<ResultSet | undefined> {
    return this.bounded(options.signal, (signal) => this.dispatch(stmt, signal, options));
  }

  /** Parses and runs one statement given as text (the wire server's statements). */
  async executeText(text: string, options: ExecuteOptions = {}): Promise<ResultSet | undefined> {
    let stmt: Statement;
    try {
      stmt = parseStatement(text, undefined, this.dialect, this.maxStatementBytes);
    } catch (err) {
      throw this.refusedOr(err, text, START_OF_SOURCE);
    }
    return this.execute(stmt, options);
  }

  /**
   * Runs a query on the session's local tables as written, without views or provider tables: the
   * wire server answers catalog queries so. Checked and run like every user query (one read-only
   * SELECT/WITH/VALUES; see SqliteStore.read); `options.signal` and the statement timeout cancel it.
   */
  queryLocal(sql: string, options: ExecuteOptions = {}): Promise<ResultSet> {
    return this.bounded(options.signal, (signal) => this.context.read(sql, signal));
  }

  /**
   * The session's charges on the process's memory for query results (srv, mcp; undefined
   * elsewhere). A front end drops a statement's bytes once it has sent or dropped its result, or
   * keeps them with the result (a portal) and releases them with it.
   */
  get results(): ResultAccount | undefined {
    return this.settings.results;
  }

  /** Bytes one statement's text may hold (`--execution.maxStatementBytes`); longer ones are refused unparsed. */
  get maxStatementBytes(): number {
    return this.settings.maxStatementBytes;
  }

  /** Each statement is cancelled after this long (0: no limit): `--execution.timeout`, or as set. */
  get statementTimeoutMs(): number {
    return this.timeoutMs ?? this.settings.statementTimeoutMs;
  }

  /** Sets the statement timeout for this session (a client's `SET statement_timeout`); undefined: back to the flag's. */
  setStatementTimeout(ms: number | undefined): void {
    this.timeoutMs = ms;
  }

  /** Which SQL the session's local part speaks (`--sqlBackend`): SQLite's or PostgreSQL's. */
  get dialect(): SqlDialect {
    return this.context.store.dialect;
  }

  /** A table the session made with CREATE TEMP TABLE (PostgreSQL), which only it sees. */
  isTemporary(name: string): boolean {
    return this.context.store.isTemporary?.(name) ?? false;
  }

  /** Connects to the SQL backend now, so a bad `--sqlBackend` fails before the first statement. */
  open(): Promise<void> {
    return this.context.store.open();
  }

  /**
   * Checks a SELECT without calling any API (views expanded): plan, then SQLite prepares the
   * rewritten statement over empty tables, so unknown columns fail as a run would fail. Returns each
   * provider table with its method and columns.
   */
  checkSelect(text: string): Promise<CheckedTable[]> {
    const expanded = expandViews(
      text,
      (name) => this.objects.viewText(name),
      this.settings.viewDepthMax,
      this.dialect,
    );
    return checkSelect(this.context.catalog, this.context.store, expanded);
  }

  /**
   * Creates or replaces tables a front end answers its clients from (the wire server's pg_catalog)
   * and adds functions their queries may call. User statements cannot change these tables.
   */
  async putSystemObjects(objects: {
    tables?: readonly SystemTable[];
    functions?: ExtraFunctions;
  }): Promise<void> {
    if (objects.functions) this.context.store.addFunctions(objects.functions);
    if (objects.tables) await this.context.store.putSystemTables(objects.tables);
  }

  /** The session's tables, materialized views and views, by name. */
  async localRelations(): Promise<LocalRelation[]> {
    const { store } = this.context;
    await this.objects.refresh();
    const views = this.objects.listViews();
    const materialized = new Set(views.filter((v) => v.materialized).map((v) => v.name));
    const tables: LocalRelation[] = [];
    for (const name of this.objects.userTables())
      tables.push({
        name,
        kind: materialized.has(name) ? 'materialized view' : 'table',
        columns: await store.tableColumns(name),
      });
    const plain = views
      .filter((v) => !v.materialized)
      .map((v): LocalRelation => ({ name: v.name, kind: 'view', columns: [], query: v.query }));
    return [...tables, ...plain];
  }

  /** Runs `fn` with `outer` and the statement timeout combined; a timeout becomes STATEMENT_TIMEOUT. */
  private async bounded<T>(
    outer: AbortSignal | undefined,
    fn: (signal?: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const ms = this.statementTimeoutMs;
    if (ms <= 0) return fn(outer);
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), ms);
    try {
      return await fn(outer ? AbortSignal.any([outer, timer.signal]) : timer.signal);
    } catch (err) {
      if (!timer.signal.aborted || outer?.aborted) throw err;
      const seconds = ms / 1000;
      throw new SkyqlError(
        'STATEMENT_TIMEOUT',
        `canceling statement due to statement timeout (${seconds} s)`,
        {
          hint:
            this.timeoutMs === undefined
              ? `statements may run for ${seconds} s; raise or turn off the limit with --execution.timeout <seconds> (0: none)`
              : `this connection set statement_timeout to ${seconds} s; SET statement_timeout = 0 turns it off`,
          cause: err,
        },
      );
    } finally {
      clearTimeout(timeout);
    }
  }

  private async dispatch(
    stmt: Statement,
    signal: AbortSignal | undefined,
    { rowCount, sink }: ExecuteOptions,
  ): Promise<ResultSet | undefined> {
    const ctx = this.context;
    guardFor(ctx.store.dialect)(stmt.text, START_OF_SOURCE); // early, positioned in the user's text; the store checks the final text
    if (this.settings.readonly) assertWritable(stmt);
    // other processes may have changed views and tables in a shared database
    if (ctx.store.dialect === 'postgres') await this.objects.refresh();
    const local = stmt.kind === 'other' ? parseLocalStatement(stmt.text, ctx.store.dialect) : undefined;
    if (local && this.settings.readonly)
      assertLocalWritable(local, ctx.store.dialect === 'postgres', (name) => this.isTemporary(name));
    if (local) return this.objects.execute(local, signal, rowCount);
    if (changesProviderState(stmt)) this.settings.cache?.clear();
    switch (stmt.kind) {
      case 'show':
        return showMetadata(ctx, stmt, signal);
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
          return this.select(stmt.text, signal, hasHint(stmt.text, 'NOCACHE', ctx.store.dialect), true, {
            sink,
          });
        throw unsupportedStatement(stmt.verb);
      case 'showInsert':
        return showInsert(ctx, stmt);
      case 'insert':
      case 'update':
      case 'delete':
      case 'exec':
        this.settings.warmUp?.(providersNamed(stmt.text));
        return executeMutation(this.mutationEnv(signal, rowCount), stmt);
      case 'explain':
        return explainStatement(
          {
            catalog: ctx.catalog,
            objects: this.objects,
            expandViews: (text) =>
              expandViews(
                text,
                (n) => this.objects.viewText(n),
                this.settings.viewDepthMax,
                ctx.store.dialect,
              ),
            pageLimit: this.settings.pageLimit,
            maxCalls: this.settings.maxCalls,
            dialect: ctx.store.dialect,
            shard: this.settings.shard,
            localColumns: (t) => ctx.store.tableColumns(t),
            mutation: this.mutationEnv(signal),
          },
          stmt.statement,
        );
    }
  }

  private mutationEnv(signal: AbortSignal | undefined, rowCount?: (n: number) => void): MutationEnv {
    const { catalog, reporter, read } = this.context;
    return {
      catalog,
      reporter,
      // the calls are split, so the SELECT feeding them is not (execute-mutation.ts)
      select: (text, s) => this.select(text, s, false, false),
      shard: this.settings.shard,
      evaluate: async (exprs) => (await read(`SELECT ${exprs.join(', ')}`, signal)).rows[0],
      concurrency: this.settings.concurrency,
      signal,
      rowCount,
      dryRun: false, // only EXPLAIN builds requests without sending them
      ...this.settings.mutation,
    };
  }

  /** With a `sink` the rows go there and nothing is returned; with `into`, a row count is returned. */
  private select(
    text: string,
    signal?: AbortSignal,
    noCache?: boolean,
    sharded?: boolean,
    target?: { into?: SelectInto },
  ): Promise<ResultSet>;
  private select(
    text: string,
    signal: AbortSignal | undefined,
    noCache: boolean,
    sharded: boolean,
    target: { sink?: ResultSink },
  ): Promise<ResultSet | undefined>;
  private select(
    text: string,
    signal?: AbortSignal,
    noCache = false,
    sharded = true,
    target: { into?: SelectInto; sink?: ResultSink } = {},
  ): Promise<ResultSet | undefined> {
    const scope = {
      context: this.context,
      settings: this.settings,
      viewText: (n: string) => this.objects.viewText(n),
    };
    return runSelect(scope, text, signal, noCache, sharded, target);
  }

  /**
   * Runs every statement of a script in order; a failing statement does not stop the others.
   * Yields each outcome as soon as it is known, so output streams.
   */
  async *run(script: string, options: ExecuteOptions = {}): AsyncGenerator<StatementOutcome> {
    let entries: ReturnType<typeof parseScript>;
    try {
      entries = parseScript(script, this.dialect, this.maxStatementBytes);
    } catch (err) {
      yield { ok: false, text: script, error: toSkyqlError(err) };
      return;
    }
    const lines = new LineMap(script);
    for (const parsed of entries) {
      if (options.signal?.aborted) return; // a cancel stops the rest of the script
      const text = parsed.ok ? parsed.statement.text : parsed.text;
      const origin = lines.positionAt(parsed.ok ? parsed.statement.start : parsed.start);
      if (!parsed.ok) {
        yield { ok: false, text, error: this.refusedOr(parsed.error, text, origin) };
        continue;
      }
      try {
        guardFor(this.dialect)(text, origin); // as in dispatch, but positioned in the script
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
    await this.settings.close(); // forgets the store's runner file first (SQLite)
    await this.context.store.close();
  }

  /** A statement that did not parse: the guard's error when it refuses the text (clearer), else the parse error. */
  private refusedOr(err: unknown, text: string, origin: SourceOrigin): SkyqlError {
    return refusedOr(err, text, origin, this.dialect);
  }
}

/** A statement that did not parse: the guard's error when it refuses the text (clearer), else the parse error. */
function refusedOr(err: unknown, text: string, origin: SourceOrigin, dialect: SqlDialect): SkyqlError {
  // a text refused for its size is not read again, not even by the guard
  if (err instanceof SkyqlError && err.code === 'STATEMENT_TOO_LARGE') return err;
  try {
    guardFor(dialect)(text, origin);
  } catch (refused) {
    return toSkyqlError(refused);
  }
  return toSkyqlError(err);
}
