import { SkyqlError } from '../../base/errors/skyql-error.js';

/**
 * The memory a server process (srv, mcp) lets query results take at once, shared by all its
 * sessions. The per-query cap (result-cap.ts) bounds one result; without a budget over all of them,
 * many clients each under the cap still ran the process out of heap ("JavaScript heap out of
 * memory", every client gone). Each session charges its running statement's rows here as they
 * arrive (PostgreSQL: at each row's header on the socket, before its body is read; a SQLite runner:
 * the whole result's size before it is sent over; in process: row by row); a charge that does not
 * fit fails that statement with SERVER_BUSY (53200), and the bytes come back once the front end is
 * done with the result (sent, closed, failed, or the connection ended). srv also takes the text of
 * the prepared statements and portals a connection keeps from it ({@link ResultAccount.reserve}),
 * so Parse and Bind messages cannot hold the heap either.
 */

/** Bytes a result row counts for beyond its cells (the row's array and the cells' headers in JS memory). */
export const ROW_MEMORY_OVERHEAD = 64;

/**
 * The default budget: a quarter of V8's heap limit. A result counted at n bytes takes up to about
 * 2n of heap (text counted in UTF-8 or characters is held as UTF-16 when not Latin-1; arrays and
 * numbers add their headers) and, while it moves, as much again outside the heap (a runner's
 * serialized answer, the encoded wire messages, the `pg` client's read buffer); a quarter leaves
 * the other half of the heap for the rest of the process (sessions, API rows, catalogs).
 */
export function defaultResultMemoryBytes(): number {
  return Math.floor(process.getBuiltinModule('node:v8').getHeapStatistics().heap_size_limit / 4);
}

/** How long the oldest query waits for others to give memory back before SERVER_BUSY. */
export const OLDEST_WAIT_MS = 5_000;

/**
 * The process's budget for result bytes held in memory at once. Rows charged as they arrive
 * (PostgreSQL) could leave many concurrent queries each with a share and none able to finish; so
 * the oldest statement still charging may wait for memory ({@link ResultAccount.waitToCharge}),
 * while the others fail at once and give theirs back.
 */
export class ResultMemory {
  private taken = 0;
  private sequence = 0;
  /** Accounts whose running statement holds bytes, by when it first charged. */
  private readonly charging = new Map<ResultAccount, number>();
  private readonly waiters = new Set<() => void>();

  /** `setting`: how the operator changes the limit, named in the error's hint. */
  constructor(
    readonly limit: number = defaultResultMemoryBytes(),
    readonly setting?: string,
  ) {}

  /** Bytes held now. */
  get used(): number {
    return this.taken;
  }

  /** Bytes still free. */
  get free(): number {
    return Math.max(0, this.limit - this.taken);
  }

  /** Takes `bytes` when they fit; false (nothing taken) when not. */
  tryTake(bytes: number): boolean {
    if (this.taken + bytes > this.limit) return false;
    this.taken += bytes;
    return true;
  }

  give(bytes: number): void {
    this.taken = Math.max(0, this.taken - bytes);
    if (bytes > 0) for (const wake of [...this.waiters]) wake();
  }

  /** `account`'s statement holds bytes (from now on, unless it did already) or none. */
  mark(account: ResultAccount, charging: boolean): void {
    if (!charging) this.charging.delete(account);
    else if (!this.charging.has(account)) this.charging.set(account, ++this.sequence);
  }

  /** Whether `account`'s statement began charging before every other statement holding bytes. */
  isOldest(account: ResultAccount): boolean {
    const mine = this.charging.get(account);
    if (mine === undefined) return this.charging.size === 0;
    for (const seq of this.charging.values()) if (seq < mine) return false;
    return true;
  }

  /** Calls `attempt` each time bytes come back, until it returns true, `ms` pass or `signal` aborts. */
  whenGiven(attempt: () => boolean, ms: number, signal?: AbortSignal): Promise<boolean> {
    if (attempt()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', abort);
        resolve(ok);
      };
      const wake = () => {
        if (attempt()) finish(true);
      };
      const abort = () => finish(false);
      const timer = setTimeout(abort, ms);
      this.waiters.add(wake);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** A new session's account on this budget. */
  account(): ResultAccount {
    return new ResultAccount(this);
  }

  /** SERVER_BUSY: the statement's rows did not fit in what the others (all but `own` bytes) left. */
  busy(own = 0): SkyqlError {
    return new SkyqlError(
      'SERVER_BUSY',
      `out of memory for query results: ${mib(this.taken - own)} of the server's ${mib(this.limit)} for results are held by other queries, and this query's rows did not fit in the rest`,
      {
        hint: `try again shortly, or select fewer rows or shorter columns (LIMIT, WHERE, substr())${this.setting ? `; the operator can raise ${this.setting}` : ''}`,
      },
    );
  }
}

/** Results a front end keeps past their statement (an extended-protocol portal), until released. */
export interface ResultHold {
  readonly bytes: number;
  /** Gives the bytes back (idempotent). */
  release(): void;
}

/**
 * One session's charges on the process's {@link ResultMemory}. A session runs one statement at a
 * time: what is charged while it runs is the statement's, until the front end either drops it
 * (the result was sent, or the statement failed) or keeps it as a {@link ResultHold}.
 */
export class ResultAccount {
  private pending = 0;
  private readonly holds = new Set<ResultHold>();

  constructor(private readonly memory: ResultMemory) {}

  /** Bytes the process's budget has free now. */
  get free(): number {
    return this.memory.free;
  }

  /** Bytes this session holds (its running statement and its kept results). */
  get held(): number {
    let n = this.pending;
    for (const h of this.holds) n += h.bytes;
    return n;
  }

  /** Charges `bytes` to the running statement when they fit; false when the budget is spent. */
  tryCharge(bytes: number): boolean {
    if (!this.memory.tryTake(bytes)) return false;
    this.pending += bytes;
    this.memory.mark(this, true);
    return true;
  }

  /** Whether this statement may wait for memory: it began charging before any other holding some. */
  get oldest(): boolean {
    return this.memory.isOldest(this);
  }

  /**
   * Charges `bytes`, waiting up to {@link OLDEST_WAIT_MS} for others to give memory back; false
   * when it did not come (or `signal` aborted).
   */
  waitToCharge(bytes: number, signal?: AbortSignal): Promise<boolean> {
    return this.memory.whenGiven(() => this.tryCharge(bytes), OLDEST_WAIT_MS, signal);
  }

  /** {@link tryCharge}, or SERVER_BUSY. */
  charge(bytes: number): void {
    if (!this.tryCharge(bytes)) throw this.busy();
  }

  /** SERVER_BUSY for a charge that did not fit. */
  busy(): SkyqlError {
    return this.memory.busy(this.held);
  }

  /** The running statement's result is gone (sent, or failed): its bytes come back. */
  drop(): void {
    const bytes = this.pending;
    this.pending = 0;
    this.memory.mark(this, false);
    this.memory.give(bytes);
  }

  /** The running statement's result is kept (a portal): its bytes stay charged until the hold is released. */
  keep(): ResultHold {
    const bytes = this.pending;
    this.pending = 0;
    this.memory.mark(this, false);
    return this.holding(bytes);
  }

  /**
   * Takes `bytes` for something the front end keeps apart from any statement's rows (srv: the text
   * of a prepared statement or portal), held until released; undefined (nothing taken) when they
   * do not fit in what is free.
   */
  reserve(bytes: number): ResultHold | undefined {
    return this.memory.tryTake(bytes) ? this.holding(bytes) : undefined;
  }

  /** A hold of `bytes` already taken from the budget. */
  private holding(bytes: number): ResultHold {
    let released = false;
    const hold: ResultHold = {
      bytes,
      release: () => {
        if (released) return;
        released = true;
        this.holds.delete(hold);
        this.memory.give(bytes);
      },
    };
    this.holds.add(hold);
    return hold;
  }

  /** The session ends: everything it holds comes back. */
  close(): void {
    this.drop();
    for (const h of [...this.holds]) h.release();
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
