import { type AuthConfig, resolveAuthSpec } from '../../base/config/auth-config.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Authenticator } from '../http/auth/authenticator.js';
import { defaultAuthDeps } from '../http/auth/default-deps.js';
import { createGoogleAuthenticator } from '../http/auth/google-authenticator.js';
import type { HttpRequest, HttpResponse, SendRequest } from '../http/http-types.js';

/** Settings of {@link ProviderSender}. */
export interface ProviderSenderOptions {
  readonly catalog: Catalog;
  /** The transport (retries, timeouts, endpoint rewriting, logging). */
  readonly send: SendRequest;
  readonly auth: AuthConfig;
  /** Environment for credential lookup (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Sends requests to a provider's APIs with that provider's credentials: one authenticator per
 * provider (from `--auth`, else the provider's declared defaults), created on first use and shared
 * by SELECTs, mutations and operation polling, so a token is fetched once.
 */
export class ProviderSender {
  private readonly options: ProviderSenderOptions;
  private readonly authenticators = new Map<string, Promise<Authenticator>>();

  constructor(options: ProviderSenderOptions) {
    this.options = options;
  }

  private authenticator(provider: string): Promise<Authenticator> {
    let a = this.authenticators.get(provider);
    if (!a) {
      a = this.options.catalog.provider(provider).then((handle) => {
        const spec = resolveAuthSpec(this.options.auth, provider, handle.config?.auth);
        // token requests go where the provider's --endpoint says, like its API calls
        const send: SendRequest = (req, o) => this.options.send(req, { ...o, provider });
        return createGoogleAuthenticator(spec, defaultAuthDeps(send, this.options.env), { provider });
      });
      this.authenticators.set(provider, a);
    }
    return a;
  }

  /**
   * Resolves `provider`'s credentials and fetches a token now, in the background (a statement calls
   * this before planning; the real call then finds the token ready or in flight). Failures are left
   * for the real call to report: a failed attempt is not cached.
   */
  warmUp(provider: string): void {
    // only installed providers: a pull, or an unknown name, is the planner's to report (a provider
    // with credentials already is installed: no look at the disk for every statement of a session)
    if (!this.authenticators.has(provider) && this.options.catalog.installedProvider(provider) === undefined)
      return;
    this.authenticator(provider)
      .then((auth) => auth.authorize({ method: 'GET', url: 'https://www.googleapis.com/' }))
      .catch(() => {});
  }

  /**
   * A {@link SendRequest} that authorises every request for `provider` before sending it, to the
   * provider's `--endpoint` when one is given.
   */
  async forProvider(provider: string, signal?: AbortSignal): Promise<SendRequest> {
    const auth = await this.authenticator(provider);
    return async (req: HttpRequest, o) =>
      this.options.send(await auth.authorize(req, signal), { ...o, provider });
  }

  /** Sends one request for `provider`, authorised (with the transport's retries and `signal`). */
  async send(provider: string, request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const send = await this.forProvider(provider, signal);
    return send(request, { signal });
  }
}
