import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlBackendConfig } from '../../base/config/sql-backend-config.js';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { ResultSet } from '../../base/result/result-set.js';
import type { ResultAccount } from './result-memory.js';
import type { RunnerReply, RunnerRequest } from './runner-messages.js';
import type { ReadTarget } from './sqlite-store.js';

/**
 * The runner entry: beside this module in build/ (tests), or dist/sql-runner-child.js beside the
 * bundle's entry or one folder up from its chunks.
 */
function runnerEntry(): string {
  for (const rel of ['./sql-runner-child.js', '../sql-runner-child.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new SkyqlError(
    'INTERNAL',
    `the local SQL runner (sql-runner-child.js) is missing near ${import.meta.url}`,
    {
      hint: 'rebuild skyql (npm run build)',
    },
  );
}

function cancelled(reason: unknown): SkyqlError {
  return new SkyqlError('CANCELLED', 'statement cancelled', { cause: reason });
}

/** Resolves as `promise` does, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal.reason));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** One runner process; answers one query at a time. */
class Runner {
  alive = true;
  /** When the query it runs started (performance.now()), undefined while idle. */
  busySince: number | undefined;
  readonly exited: Promise<void>;
  readonly ready: Promise<void>;
  private pending:
    | {
        readonly id: number;
        readonly resolve: (r: ResultSet) => void;
        readonly reject: (e: Error) => void;
        readonly account: ResultAccount | undefined;
      }
    | undefined;
  private nextId = 1;

  constructor(private readonly child: ChildProcess) {
    let markReady: () => void = () => {};
    let failStart: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    child.on('message', (m: RunnerReply) => {
      if ('ready' in m) return markReady();
      if ('size' in m) return this.sized(m.id, m.size);
      const p = this.pending;
      this.pending = undefined;
      this.busySince = undefined;
      if ('result' in m) p?.resolve(m.result);
      else
        p?.reject(
          new SkyqlError(m.error.code, m.error.message, { hint: m.error.hint, position: m.error.position }),
        );
    });
    child.on('error', () => {}); // a failed spawn also ends in 'exit'
    this.ready.catch(() => {}); // awaited by read(); a runner that dies idle must not be an unhandled rejection
    this.exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        this.alive = false;
        const stopped = new SkyqlError(
          'INTERNAL',
          `the local SQL runner stopped (${signal ?? `exit code ${code}`})`,
          { hint: 'the query may have needed more memory than available; narrow it' },
        );
        failStart(stopped);
        this.pending?.reject(stopped);
        this.pending = undefined;
        resolve();
      }),
    );
  }

  /**
   * Runs `sql`; with `account`, the runner first says how large the result is and sends it only
   * when the account could take that many bytes (else SERVER_BUSY and the runner drops it), so a
   * result that does not fit the process's memory never crosses over.
   */
  run(target: ReadTarget, sql: string, account?: ResultAccount): Promise<ResultSet> {
    const id = this.nextId++;
    const request: RunnerRequest = { kind: 'read', id, ...target, sql, metered: account !== undefined };
    return new Promise<ResultSet>((resolve, reject) => {
      this.pending = { id, resolve, reject, account };
      this.busySince = performance.now();
      this.hold(true);
      this.child.send(request);
    });
  }

  /** A metered query's size: tells the runner to send its result or drop it. */
  private sized(id: number, size: number): void {
    const p = this.pending;
    if (p?.id !== id) return;
    const ok = p.account?.tryCharge(size) ?? true;
    this.child.send({ kind: 'deliver', id, ok } satisfies RunnerRequest);
    if (ok) return;
    this.pending = undefined;
    this.busySince = undefined;
    p.reject((p.account as ResultAccount).busy());
  }

  forget(file: string): void {
    if (this.alive) this.child.send({ kind: 'forget', file } satisfies RunnerRequest);
  }

  /** Keeps the parent alive while a query runs; an idle runner does not. */
  hold(busy: boolean): void {
    if (busy) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  /** Kills the process (a query cannot be interrupted otherwise); resolves once it is gone. */
  kill(): Promise<void> {
    if (this.alive) {
      this.hold(true); // whoever awaits the exit keeps the process alive until it comes
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }
}

/** Settings of a {@link SqlRunnerPool}. */
export interface SqlRunnerPoolOptions {
  /** Runners kept warm for the next query (default 2); more start when these stay busy. */
  readonly maxIdle?: number;
}

/** A runner whose query has run this long counts as taken by a long query (most take a few ms). */
const GRACE_MS = 30;

/**
 * Runs user queries in separate processes that can be killed: better-sqlite3 can neither interrupt
 * a statement nor be stopped in a worker thread, so a statement timeout or a cancel (Ctrl-C, a
 * PostgreSQL CancelRequest) SIGKILLs the runner, and the next query gets a new one. A runner runs
 * one query at a time, for whichever session sends it (opened read-only on that session's file).
 * Up to `maxIdle` runners stay warm; when all are busy a query waits for the next one free, and
 * another runner is forked only once every runner has been on its query for {@link GRACE_MS} —
 * so a burst of short queries shares a few processes, while long queries delay another by that
 * moment (and a fork) at most. Runners end with the parent process.
 */
export class SqlRunnerPool {
  private readonly idle: Runner[] = [];
  private readonly live = new Set<Runner>();
  private readonly waiting: Array<(runner: Runner) => void> = [];
  private readonly maxIdle: number;
  private starting = 0;
  private forks = 0;
  private closed = false;
  /** Set by {@link warm}: a runner that was up and died (a kill) is replaced at once. */
  private keepWarm = false;

  constructor(options: SqlRunnerPoolOptions = {}) {
    this.maxIdle = options.maxIdle ?? 2;
  }

  /**
   * Runs one query (checked like SqliteStore.read) on `target`, its result charged to `account`
   * before it is sent over (SERVER_BUSY when it does not fit). Aborting `signal` kills the
   * runner and rejects with CANCELLED once it is gone (so it holds no lock on the file); aborted
   * while its runner is still starting, it rejects at once and the runner goes to the next query.
   */
  async read(
    target: ReadTarget,
    sql: string,
    signal?: AbortSignal,
    account?: ResultAccount,
  ): Promise<ResultSet> {
    if (signal?.aborted) throw cancelled(signal.reason);
    const runner = await this.acquire(signal);
    runner.hold(true); // a query waiting for its runner to start keeps the process alive too
    try {
      await untilAborted(runner.ready, signal);
    } catch (err) {
      // Cancelled before its runner was up: the runner runs nothing yet, so it is kept for the next
      // query. Killing it made that query wait for another start (on a loaded machine each such
      // query in turn ran out of its statement timeout while its runner started).
      if (signal?.aborted) {
        runner.ready.then(
          () => this.release(runner),
          () => {},
        );
        throw cancelled(signal.reason);
      }
      throw err;
    }
    const onAbort = () => void runner.kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) throw cancelled(signal.reason);
      return await runner.run(target, sql, account);
    } catch (err) {
      if (signal?.aborted) throw cancelled(signal.reason);
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.release(runner);
    }
  }

  /** How many runner processes this pool has started. */
  get started(): number {
    return this.forks;
  }

  /**
   * Starts the warm runners now (in the background), so the first queries need not wait for them,
   * and keeps them: a runner killed by a timeout or cancel is replaced right away, so the next
   * statement does not spend its own time limit waiting for a process to start.
   */
  warm(): void {
    this.keepWarm = true;
    for (let i = this.live.size; i < this.maxIdle; i++)
      this.spawn().then(
        (r) =>
          r.ready.then(
            () => this.release(r),
            () => {},
          ),
        () => {},
      );
  }

  /** Tells the runners to close a session's file (the session is closing). */
  forget(file: string): void {
    for (const r of this.live) r.forget(file);
  }

  /** Kills every runner; later reads fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    await Promise.all([...this.live].map((r) => r.kill()));
  }

  /** An idle runner, a new one while fewer than `maxIdle` live, else the next one released (or a new one after the grace time). */
  private async acquire(signal: AbortSignal | undefined): Promise<Runner> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.live.size < this.maxIdle) return this.spawn();
    return new Promise<Runner>((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiting.indexOf(give);
        if (i >= 0) this.waiting.splice(i, 1);
      };
      const give = (runner: Runner) => {
        done();
        resolve(runner);
      };
      const onAbort = () => {
        done();
        reject(cancelled(signal?.reason));
      };
      // fork only when every runner is held by a long query; a queue of short ones moves on its own
      const expire = () => {
        const now = performance.now();
        const held = (r: Runner) => r.busySince !== undefined && now - r.busySince >= GRACE_MS;
        if (this.starting > 0 || ![...this.live].every(held)) timer = setTimeout(expire, GRACE_MS);
        else {
          done();
          this.spawn().then(resolve, reject);
        }
      };
      timer = setTimeout(expire, GRACE_MS);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(give);
    });
  }

  private async spawn(): Promise<Runner> {
    if (this.closed) throw new SkyqlError('INTERNAL', 'the local SQL runners are closed');
    // node:child_process is loaded on the first runner, not at start-up
    const child = process.getBuiltinModule('node:child_process').fork(runnerEntry(), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
    });
    const runner = new Runner(child);
    this.forks++;
    this.live.add(runner);
    this.starting++;
    const started = () => {
      this.starting--;
    };
    runner.ready.then(started, started);
    let up = false;
    runner.ready.then(
      () => {
        up = true;
      },
      () => {},
    );
    void runner.exited.then(() => {
      this.live.delete(runner);
      const i = this.idle.indexOf(runner);
      if (i >= 0) this.idle.splice(i, 1);
      // only a runner that had started is replaced: one that cannot start would fork forever
      if (up && this.keepWarm && !this.closed && this.live.size < this.maxIdle) this.warm();
    });
    return runner;
  }

  private release(runner: Runner): void {
    if (!runner.alive) return;
    if (this.closed) {
      void runner.kill();
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next(runner);
      return;
    }
    if (this.idle.length >= this.maxIdle) {
      void runner.kill();
      return;
    }
    runner.hold(false);
    this.idle.push(runner);
  }
}

/**
 * A pool for a front end whose local SQL runs on `backend`, or undefined over PostgreSQL: it
 * cancels its own statements, and runner processes would only sit idle (sessions there never use
 * them).
 */
export function runnerPoolFor(
  backend: SqlBackendConfig | undefined,
  options: SqlRunnerPoolOptions = {},
): SqlRunnerPool | undefined {
  return backend?.engine === 'postgres' ? undefined : new SqlRunnerPool(options);
}
