import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * PostgreSQL connections a process may hold at once, shared by its sessions (`skyql srv`:
 * `--pgsrv.maxBackendConnections`), apart from the cap on client connections: 100 srv clients must
 * not take all of PostgreSQL's `max_connections` (100 by default) from its other users. A session
 * takes a slot when it connects and gives it back when its connection closes (idle, lost, ended);
 * a session that finds none waits its turn for a while, then fails with SQL_BACKEND_BUSY (53300).
 */
export class PgConnectionSlots {
  private used = 0;
  private readonly waiting: Array<(ok: boolean) => void> = [];

  /** `max` connections at most; a session waits up to `waitMs` for one. */
  constructor(
    readonly max: number,
    private readonly waitMs = DEFAULT_BACKEND_WAIT_MS,
  ) {}

  get inUse(): number {
    return this.used;
  }

  /** Takes a slot, waiting up to `waitMs`; SQL_BACKEND_BUSY when none came free. */
  async acquire(): Promise<void> {
    if (this.used < this.max) {
      this.used++;
      return;
    }
    let grant: (ok: boolean) => void = () => {};
    const granted = new Promise<boolean>((resolve) => {
      grant = resolve;
    });
    this.waiting.push(grant);
    const timer = setTimeout(() => {
      const at = this.waiting.indexOf(grant);
      if (at >= 0) this.waiting.splice(at, 1);
      grant(false);
    }, this.waitMs);
    const ok = await granted;
    clearTimeout(timer);
    if (!ok)
      throw new SkyqlError(
        'SQL_BACKEND_BUSY',
        `all ${this.max} PostgreSQL connections of this server are in use; try again shortly`,
        {
          hint: 'sessions give theirs back after --pgsrv.backendIdleTimeout; the operator may raise --pgsrv.maxBackendConnections (below PostgreSQL max_connections)',
        },
      );
  }

  /** Gives a slot back: to the longest waiting session, else free. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.used = Math.max(0, this.used - 1);
  }
}

/** How long a session waits for a PostgreSQL connection slot before SQL_BACKEND_BUSY. */
export const DEFAULT_BACKEND_WAIT_MS = 10_000;
