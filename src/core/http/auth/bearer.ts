import type { Credential } from './authenticator.js';

/** A pre-minted access token used as-is (`type: bearer`); it is never refreshed. */
export class StaticTokenCredential implements Credential {
  constructor(
    private readonly accessToken: string,
    private readonly origin: string,
  ) {}

  token(): Promise<string> {
    return Promise.resolve(this.accessToken);
  }

  describe(): string {
    return `bearer token from ${this.origin}`;
  }
}
