import { isSkyqlError } from '../../errors/skyql-error.js';
import type { HttpResponse } from '../http-types.js';
import type { AccessToken, AuthDeps, Credential } from './authenticator.js';
import { TokenCache } from './token-cache.js';
import { type AuthCallContext, endpointError, readOAuthToken, sendAuthRequest } from './token-endpoint.js';

/** The metadata server's host on Google Compute Engine, Cloud Run, GKE, Cloud Functions... */
export const DEFAULT_METADATA_HOST = 'metadata.google.internal';

/** How long detection waits for the metadata server (Google's libraries use 3 s too). */
export const DEFAULT_METADATA_TIMEOUT_MS = 3000;

/** `GCE_METADATA_HOST` (or the older `GCE_METADATA_IP`), else metadata.google.internal. */
export function metadataHost(env: NodeJS.ProcessEnv): string {
  const h = env.GCE_METADATA_HOST?.trim() || env.GCE_METADATA_IP?.trim();
  return h ? h.replace(/^https?:\/\//, '').replace(/\/+$/, '') : DEFAULT_METADATA_HOST;
}

/** What {@link MetadataServerCredential.detect} found. */
export type MetadataDetection = { readonly found: true } | { readonly found: false; readonly reason: string };

/** The default service account of the machine skyql runs on, from the metadata server. */
export class MetadataServerCredential implements Credential {
  private readonly cache: TokenCache;
  private readonly host: string;

  constructor(
    private readonly deps: Pick<AuthDeps, 'send' | 'now' | 'env' | 'metadataTimeoutMs'>,
    private readonly scopes?: readonly string[],
  ) {
    this.host = metadataHost(deps.env);
    this.cache = new TokenCache(() => this.fetchToken(undefined).then(checkFlavorless), deps.now);
  }

  /** Base URL, e.g. `http://metadata.google.internal`. */
  get baseUrl(): string {
    return `http://${this.host}`;
  }

  token(signal?: AbortSignal): Promise<string> {
    return this.cache.get(signal);
  }

  describe(): string {
    return `the metadata server’s default service account (${this.baseUrl})`;
  }

  /**
   * Whether a metadata server answers (within the detection timeout). When it does, its first token
   * is kept. An unreachable server is "not found"; one that answers with an error throws.
   */
  async detect(signal?: AbortSignal): Promise<MetadataDetection> {
    const timeoutMs = this.deps.metadataTimeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let result: { token: AccessToken } | { absent: string };
    try {
      result = await this.fetchToken(combined);
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timeout.aborted) return { found: false, reason: `no answer within ${timeoutMs} ms` };
      if (isSkyqlError(err, 'AUTH_ERROR') && err.message.includes(' failed: ')) {
        return { found: false, reason: `not reachable (${err.message.split(' failed: ').slice(1).join(' failed: ')})` };
      }
      throw err;
    }
    if ('absent' in result) return { found: false, reason: result.absent };
    this.cache.seed(result.token);
    return { found: true };
  }

  private async fetchToken(signal: AbortSignal | undefined): Promise<{ token: AccessToken } | { absent: string }> {
    const query = this.scopes === undefined ? '' : `?scopes=${encodeURIComponent(this.scopes.join(','))}`;
    const url = `${this.baseUrl}/computeMetadata/v1/instance/service-accounts/default/token${query}`;
    const ctx: AuthCallContext = {
      send: this.deps.send,
      source: this.describe(),
      secrets: [],
      hint: 'check that a service account is attached to this machine and allowed the requested scopes',
    };
    const res: HttpResponse = await sendAuthRequest(
      ctx,
      { method: 'GET', url, headers: { 'metadata-flavor': 'Google' } },
      signal,
    );
    if (res.headers['metadata-flavor'] !== 'Google') {
      return { absent: `${this.baseUrl} answered ${res.status} without the Metadata-Flavor: Google header` };
    }
    if (res.status < 200 || res.status >= 300) throw endpointError(ctx, url, res);
    return { token: readOAuthToken(ctx, url, res, this.deps.now()) };
  }
}

function checkFlavorless(r: { token: AccessToken } | { absent: string }): AccessToken {
  if ('absent' in r) throw new Error(r.absent);
  return r.token;
}
