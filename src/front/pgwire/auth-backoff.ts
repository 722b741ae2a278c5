/**
 * Slows password guessing: each failed password from a client address doubles the wait before that
 * address gets its next answer (PostgreSQL's `auth_delay`, per address). A success clears it.
 */

/** Settings of {@link AuthBackoff}. */
export interface AuthBackoffOptions {
  /** Wait after the first failure (default 500 ms); doubles with each failure in a row. */
  readonly baseMs?: number;
  /** Longest wait (default 8 s, under the 10 s start-up timeout). */
  readonly maxMs?: number;
  /** Failures older than this are forgotten (default 10 min). */
  readonly forgetMs?: number;
  /** Addresses remembered at most; the oldest are dropped first (default 10 000). */
  readonly maxAddresses?: number;
  /** Clock (injectable for tests). */
  readonly now?: () => number;
}

interface Failures {
  count: number;
  /** When the address may be answered again. */
  until: number;
  last: number;
}

/** Per-address failure counts and waits; memory is bounded by `maxAddresses`. */
export class AuthBackoff {
  private readonly byAddress = new Map<string, Failures>();
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly forgetMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: AuthBackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.maxMs = options.maxMs ?? 8_000;
    this.forgetMs = options.forgetMs ?? 10 * 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private current(address: string): Failures | undefined {
    const f = this.byAddress.get(address);
    if (f && this.now() - f.last > this.forgetMs) {
      this.byAddress.delete(address);
      return undefined;
    }
    return f;
  }

  /** Milliseconds until `address` may try a password again (0 = now). */
  remainingMs(address: string): number {
    const f = this.current(address);
    return f ? Math.max(0, f.until - this.now()) : 0;
  }

  /** Records a failure; returns the failures in a row and how long to wait before answering. */
  failed(address: string): { count: number; delayMs: number } {
    const now = this.now();
    const f = this.current(address) ?? { count: 0, until: now, last: now };
    f.count++;
    const delayMs = Math.min(this.maxMs, this.baseMs * 2 ** (f.count - 1));
    f.until = Math.max(f.until, now) + delayMs;
    f.last = now;
    this.byAddress.delete(address); // re-inserted last: Map order is then oldest failure first
    this.byAddress.set(address, f);
    if (this.byAddress.size > this.maxAddresses) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
    return { count: f.count, delayMs: Math.min(this.maxMs, f.until - now) };
  }

  /** A successful login clears the address's failures. */
  succeeded(address: string): void {
    this.byAddress.delete(address);
  }
}
