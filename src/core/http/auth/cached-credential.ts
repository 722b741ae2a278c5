import type { AccessToken, Credential } from './authenticator.js';
import { TokenCache } from './token-cache.js';

/**
 * Base of the credentials that mint expiring tokens: one cache per credential (refresh before
 * expiry, one shared in-flight fetch); subclasses say how to fetch a token and describe themselves.
 */
export abstract class CachedCredential implements Credential {
  private readonly cache: TokenCache;

  protected constructor(now: () => number) {
    this.cache = new TokenCache(() => this.fetchToken(), now);
  }

  token(signal?: AbortSignal): Promise<string> {
    return this.cache.get(signal);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  abstract describe(): string;

  /** Fetches a fresh token (called by the cache only). */
  protected abstract fetchToken(): Promise<AccessToken>;
}
