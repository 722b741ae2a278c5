import type { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultColumn, ResultSet } from '../../base/result/result-set.js';
import type { ResultSink } from '../../base/result/result-sink.js';
import type { BranchFailure } from '../execute/branch-failures.js';
import type { ProviderSend } from '../execute/mutation/mutation-env.js';
import type { AwaitSettings } from '../execute/operations/await-operation.js';
import type { ResponseCache } from '../execute/response-cache.js';
import type { RowSource } from '../execute/row-source.js';
import type { Shard } from '../execute/shard.js';
import type { ResultAccount } from '../store/result-memory.js';
import type { SqlRunnerPool } from '../store/sql-runner-pool.js';

// The shapes a session is made with and answers in (session.ts holds the behaviour).

/** Per-call options of {@link Session.execute} and {@link Session.run}. */
export interface ExecuteOptions {
  /** Aborting cancels the running statement (its HTTP requests) with CANCELLED. */
  readonly signal?: AbortSignal;
  /**
   * Told how many rows an INSERT, UPDATE, REPLACE or DELETE changed: the API calls that changed
   * something for provider tables, SQLite's count for local ones (the wire server's command tags).
   */
  readonly rowCount?: (n: number) => void;
  /**
   * A SELECT's rows go here in batches as SQLite produces them (`skyql exec`), and the statement
   * returns undefined; other statements still return their result. Without a sink a SELECT's
   * result is returned whole (shell, srv, mcp).
   */
  readonly sink?: ResultSink;
}

/** How a session's statements reach APIs: SELECT fetching, mutation sending, limits. */
export interface ExecutionSettings {
  readonly rowSource: RowSource;
  readonly concurrency: number;
  /** API calls one statement may make over all its tables (`--execution.maxCalls`). */
  readonly maxCalls: number;
  /** `--shard K/N`: this process makes only its share of each statement's split fan-out. */
  readonly shard?: Shard;
  readonly keepGoing: boolean;
  /** With keepGoing: told of each failed fan-out branch instead of a warning each. */
  readonly onBranchFailure?: (failure: BranchFailure) => void;
  /** Rate-limit answers the transport has had, for progress lines. */
  readonly throttled?: () => number;
  /**
   * Starts authenticating with these providers (token request in flight) while the statement is
   * planned, so the first API call does not wait for both in turn. Errors surface on the real call.
   */
  readonly warmUp?: (providers: readonly string[]) => void;
  /** Notices about terms SQLite applies instead of the API are not reported. */
  readonly quietNotices: boolean;
  readonly cache: ResponseCache | undefined;
  readonly readonly: boolean;
  readonly viewDepthMax: number;
  /** Bytes one statement's text may hold (`--execution.maxStatementBytes`), checked before it is parsed. */
  readonly maxStatementBytes: number;
  /** Pages per SELECT call at most (`--http.response.pageLimit`; 0 = all), as EXPLAIN reports it. */
  readonly pageLimit: number;
  /** Each statement is cancelled after this long (`--execution.timeout`); 0: no limit. */
  readonly statementTimeoutMs: number;
  /** The runner processes user queries run in; undefined: in this process (not interruptible). */
  readonly runners: SqlRunnerPool | undefined;
  /** The session's charges on the process's result memory (srv, mcp); undefined: not counted. */
  readonly results: ResultAccount | undefined;
  /** How mutations reach APIs: authorised sending (absent without API access), AWAIT polling. */
  readonly mutation: {
    readonly send?: ProviderSend;
    readonly await: AwaitSettings;
  };
  /** Releases connections (and runners the session owns). */
  readonly close: () => Promise<void> | undefined;
}

/** A table, materialized view or view of the session, for catalog listings. */
export interface LocalRelation {
  readonly name: string;
  readonly kind: 'table' | 'materialized view' | 'view';
  /** Declared columns (none for views: they are known only when run). */
  readonly columns: readonly ResultColumn[];
  /** A view's query. */
  readonly query?: string;
}

/** The outcome of one statement of a script: rows, nothing (messages only), or an error. */
export type StatementOutcome =
  | { readonly ok: true; readonly text: string; readonly result: ResultSet | undefined }
  | { readonly ok: false; readonly text: string; readonly error: SkyqlError };
