import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { raceSignal as raceAbort } from '../../../base/util/race-signal.js';
import type { AccessToken } from './authenticator.js';

/** Tokens are refreshed this long before they expire (as Google's client libraries do, roughly). */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Caches one access token until shortly before it expires and makes concurrent callers share one
 * in-flight fetch. A failed fetch is not cached: the next caller tries again. The shared fetch is
 * not tied to any one caller's signal, so one caller giving up does not fail the others.
 */
export class TokenCache {
  private current: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly now: () => number,
    private readonly marginMs = REFRESH_MARGIN_MS,
  ) {}

  /** A valid token, from the cache or freshly fetched. */
  async get(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const cached = this.current;
    if (cached !== undefined && this.fresh(cached)) return cached.token;
    if (this.inFlight === undefined) {
      const p = this.fetchToken().then(
        (t) => {
          this.current = t;
          if (this.inFlight === p) this.inFlight = undefined;
          return t;
        },
        (err: unknown) => {
          if (this.inFlight === p) this.inFlight = undefined;
          throw err;
        },
      );
      this.inFlight = p;
    }
    const token = await raceSignal(this.inFlight, signal);
    return token.token;
  }

  /** Stores a token obtained elsewhere (e.g. while probing for a credential). */
  seed(token: AccessToken): void {
    this.current = token;
  }

  /** Forgets the cached token (e.g. after the API rejected it). */
  invalidate(): void {
    this.current = undefined;
  }

  private fresh(t: AccessToken): boolean {
    return t.expiresAt === undefined || this.now() < t.expiresAt - this.marginMs;
  }
}

/** Settles like `promise`, or rejects with the auth CANCELLED error as soon as `signal` aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return raceAbort(promise, signal, () => cancelled());
}

function cancelled(): SkyqlError {
  return new SkyqlError('CANCELLED', 'cancelled while waiting for an access token');
}
