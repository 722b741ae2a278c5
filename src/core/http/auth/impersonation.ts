import type { AccessToken, AuthDeps, Credential } from './authenticator.js';
import { CachedCredential } from './cached-credential.js';
import { type AuthCallContext, endpointError, parseJsonBody, sendAuthRequest } from './token-endpoint.js';
import { contactedUrl, tokenAnswerError } from './token-errors.js';

/** The IAM Credentials endpoint that mints tokens for another service account. */
function generateAccessTokenUrl(serviceAccount: string): string {
  return `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`;
}

/** The service account named in a generateAccessToken URL, if it has that shape. */
export function serviceAccountOfUrl(url: string): string | undefined {
  const m = /\/serviceAccounts\/([^/:]+):generateAccessToken/.exec(url);
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** Options of impersonation. */
export interface ImpersonationOptions {
  /** The service account to act as. */
  readonly targetServiceAccount: string;
  readonly scopes: readonly string[];
  /** Intermediate service accounts (emails or `projects/-/serviceAccounts/<email>`). */
  readonly delegates?: readonly string[];
  /** Token lifetime asked for (seconds, default 3600). */
  readonly lifetimeSeconds?: number;
  /** generateAccessToken URL (an impersonated_service_account file names its own). */
  readonly url?: string;
}

/**
 * Service account impersonation: the source credential's token authorises a call to IAM
 * Credentials `generateAccessToken`, which returns a token of the target service account.
 */
export class ImpersonatedCredential extends CachedCredential {
  readonly quotaProjectId: string | undefined;
  private readonly url: string;

  constructor(
    private readonly source: Credential,
    private readonly options: ImpersonationOptions,
    private readonly deps: Pick<AuthDeps, 'send' | 'now'>,
    quotaProjectId?: string,
  ) {
    super(deps.now);
    this.url = options.url ?? generateAccessTokenUrl(options.targetServiceAccount);
    this.quotaProjectId = quotaProjectId ?? source.quotaProjectId;
  }

  describe(): string {
    const via =
      this.options.delegates && this.options.delegates.length > 0
        ? ` via ${this.options.delegates.map(delegateEmail).join(', ')}`
        : '';
    return `service account ${this.options.targetServiceAccount} impersonated${via} with ${this.source.describe()}`;
  }

  protected async fetchToken(): Promise<AccessToken> {
    const sourceToken = await this.source.token();
    const lifetime = this.options.lifetimeSeconds ?? 3600;
    const ctx: AuthCallContext = {
      send: this.deps.send,
      source: this.describe(),
      secrets: [sourceToken],
      endpoint: 'the IAM Credentials URL',
      hint:
        `the source credentials need roles/iam.serviceAccountTokenCreator on ${this.options.targetServiceAccount}` +
        (this.options.delegates?.length ? ' (through each delegate)' : '') +
        ', and the IAM Service Account Credentials API must be enabled',
    };
    const body: Record<string, unknown> = {
      scope: this.options.scopes,
      lifetime: `${lifetime}s`,
    };
    if (this.options.delegates && this.options.delegates.length > 0) {
      body.delegates = this.options.delegates.map(delegateName);
    }
    const res = await sendAuthRequest(ctx, {
      method: 'POST',
      url: this.url,
      headers: {
        authorization: `Bearer ${sourceToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (res.status < 200 || res.status >= 300) throw endpointError(ctx, this.url, res);
    const json = parseJsonBody(res);
    const token = json?.accessToken;
    if (typeof token !== 'string' || token === '') {
      throw tokenAnswerError(
        ctx,
        this.url,
        `${contactedUrl(this.url, res.url)} answered ${res.status} without an accessToken`,
        res.url,
      );
    }
    const expireTime = typeof json?.expireTime === 'string' ? Date.parse(json.expireTime) : Number.NaN;
    const now = this.deps.now();
    return { token, expiresAt: Number.isFinite(expireTime) ? expireTime : now + lifetime * 1000 };
  }
}

/** `projects/-/serviceAccounts/<email>` for a bare email. */
function delegateName(d: string): string {
  return d.startsWith('projects/') ? d : `projects/-/serviceAccounts/${d}`;
}

function delegateEmail(d: string): string {
  return d.replace(/^projects\/[^/]+\/serviceAccounts\//, '');
}
