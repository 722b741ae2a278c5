import type { HttpResponse } from '../http-types.js';
import { sendFailureOf } from '../transport-errors.js';
import type { AccessToken, AuthDeps, Credential } from './authenticator.js';
import { TokenCache } from './token-cache.js';
import { type AuthCallContext, endpointError, readOAuthToken, sendAuthRequest } from './token-endpoint.js';
import { redact, tokenAnswerError } from './token-errors.js';

/**
 * The metadata server is not a Google API host: `--endpoint` never moves it (its requests are sent
 * `direct`); GCE_METADATA_HOST does.
 */

/** The metadata server's host on Google Compute Engine, Cloud Run, GKE, Cloud Functions... */
const DEFAULT_METADATA_HOST = 'metadata.google.internal';

/** How long detection waits for the metadata server (Google's libraries use 3 s too). */
const DEFAULT_METADATA_TIMEOUT_MS = 3000;

/** `GCE_METADATA_HOST` (or the older `GCE_METADATA_IP`), else metadata.google.internal. */
function metadataHost(env: NodeJS.ProcessEnv): string {
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
    this.cache = new TokenCache(() => this.refresh(), deps.now);
  }

  /** Base URL, e.g. `http://metadata.google.internal`. */
  get baseUrl(): string {
    return `http://${this.host}`;
  }

  private get tokenUrl(): string {
    const query = this.scopes === undefined ? '' : `?scopes=${encodeURIComponent(this.scopes.join(','))}`;
    return `${this.baseUrl}/computeMetadata/v1/instance/service-accounts/default/token${query}`;
  }

  private get ctx(): AuthCallContext {
    return {
      send: this.deps.send,
      source: this.describe(),
      secrets: [],
      endpoint: 'the metadata server address (GCE_METADATA_HOST, default metadata.google.internal)',
      direct: true,
      hint: 'check that a service account is attached to this machine and allowed the requested scopes',
    };
  }

  token(signal?: AbortSignal): Promise<string> {
    return this.cache.get(signal);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  describe(): string {
    return `the metadata server’s default service account (${this.baseUrl})`;
  }

  /**
   * Whether a metadata server answers within the detection timeout. When it does, its first token is
   * kept. An unreachable server (or something answering without `Metadata-Flavor: Google`) is "not
   * found"; a metadata server that answers with an error throws that error.
   */
  async detect(signal?: AbortSignal): Promise<MetadataDetection> {
    const timeoutMs = this.deps.metadataTimeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let res: HttpResponse;
    try {
      res = await this.deps.send(this.request(), { signal: combined, direct: true });
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timeout.aborted) return { found: false, reason: `no answer within ${timeoutMs} ms` };
      const text =
        sendFailureOf(err, this.tokenUrl)?.text ?? (err instanceof Error ? err.message : String(err));
      return { found: false, reason: `not reachable: ${redact(text, [])}` };
    }
    if (!isMetadataServer(res)) {
      return {
        found: false,
        reason: `${this.baseUrl} answered ${res.status} without the Metadata-Flavor: Google header`,
      };
    }
    this.cache.seed(this.readToken(res));
    return { found: true };
  }

  private request() {
    return { method: 'GET', url: this.tokenUrl, headers: { 'metadata-flavor': 'Google' } } as const;
  }

  private readToken(res: HttpResponse): AccessToken {
    if (res.status < 200 || res.status >= 300) throw endpointError(this.ctx, this.tokenUrl, res);
    return readOAuthToken(this.ctx, this.tokenUrl, res, this.deps.now());
  }

  private async refresh(): Promise<AccessToken> {
    const res = await sendAuthRequest(this.ctx, this.request());
    if (!isMetadataServer(res)) {
      throw tokenAnswerError(
        this.ctx,
        this.tokenUrl,
        `${this.baseUrl} answered ${res.status} without the Metadata-Flavor: Google header`,
      );
    }
    return this.readToken(res);
  }
}

function isMetadataServer(res: HttpResponse): boolean {
  return res.headers['metadata-flavor']?.toLowerCase() === 'google';
}
